// The texts of outgoing email, in English and Dutch (formal "u", as the rest of the product).
// Plain text only: links must survive any client. Every template has both languages: the record
// type below makes a missing one a compile error.
import type { Locale } from '../context.ts';

/** Stable names, stored in outbox_emails.template. */
export type EmailTemplate = 'admin_invite' | 'password_reset' | 'consent-move' | 'signup-verification';

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
}

export interface AdminInviteValues {
  readonly link: string;
  /** The partner: the organization a partner admin administers, or the one that set up the customer. */
  readonly partnerName: string;
  /** Customer admins only: the organization they are invited to. */
  readonly customerName?: string | undefined;
  readonly readOnly?: boolean | undefined;
  /** The person who sent the invite (an email), when a person did. */
  readonly inviter?: string | undefined;
}

export interface EmailValues {
  readonly admin_invite: AdminInviteValues;
  readonly password_reset: { readonly link: string };
  readonly 'consent-move': { readonly link: string; readonly customerName: string; readonly email: string };
  readonly 'signup-verification': { readonly link: string; readonly ttlHours: number };
}

type Renderers = { readonly [T in EmailTemplate]: Record<Locale, (values: EmailValues[T]) => RenderedEmail> };

function inviteEn({ link, partnerName, customerName, readOnly, inviter }: AdminInviteValues): RenderedEmail {
  const what = readOnly ? 'view' : 'administer';
  const opening = customerName
    ? `${partnerName} has set up ${customerName} on Wholesale Hub and invited you to ${what} it` +
      (inviter ? ` (invitation sent by ${inviter}).` : '.')
    : `${inviter ? `${inviter} invited you` : 'You are invited'} to ${what} ${partnerName} on Wholesale Hub.`;
  return {
    subject: `You are invited to ${customerName ?? partnerName} on Wholesale Hub`,
    text: [opening, '', 'Choose your password here (the link works once, for 7 days):', link].join('\n'),
  };
}

function inviteNl({ link, partnerName, customerName, readOnly, inviter }: AdminInviteValues): RenderedEmail {
  const what = readOnly ? 'in te zien' : 'te beheren';
  const opening = customerName
    ? `${partnerName} heeft ${customerName} op Wholesale Hub ingericht en u uitgenodigd om de organisatie ${what}` +
      (inviter ? ` (uitnodiging verstuurd door ${inviter}).` : '.')
    : `${inviter ? `${inviter} heeft u uitgenodigd` : 'U bent uitgenodigd'} om ${partnerName} op Wholesale Hub ${what}.`;
  return {
    subject: `U bent uitgenodigd voor ${customerName ?? partnerName} op Wholesale Hub`,
    text: [opening, '', 'Kies hier uw wachtwoord (de link werkt één keer en is 7 dagen geldig):', link].join(
      '\n',
    ),
  };
}

const TEMPLATES: Renderers = {
  admin_invite: { en: inviteEn, nl: inviteNl },
  password_reset: {
    en: ({ link }) => ({
      subject: 'Reset your Wholesale Hub password',
      text: [
        'Someone asked to reset the password of this Wholesale Hub account.',
        '',
        'Choose a new password here (the link works once, for 1 hour):',
        link,
        '',
        'If this was not you, ignore this email: your password stays as it is.',
      ].join('\n'),
    }),
    nl: ({ link }) => ({
      subject: 'Stel uw Wholesale Hub-wachtwoord opnieuw in',
      text: [
        'Iemand heeft gevraagd het wachtwoord van dit Wholesale Hub-account opnieuw in te stellen.',
        '',
        'Kies hier een nieuw wachtwoord (de link werkt één keer en is 1 uur geldig):',
        link,
        '',
        'Was u dit niet? Negeer dan deze e-mail: uw wachtwoord blijft ongewijzigd.',
      ].join('\n'),
    }),
  },
  'consent-move': {
    en: ({ link, customerName, email }) => ({
      subject: `${customerName} invites you to move your Webex account`,
      text: [
        `${customerName} wants to add your account (${email}) to its organization.`,
        '',
        'If you agree, open this link within 14 days:',
        link,
        '',
        'If you do not agree, ignore this email: nothing changes.',
        '',
      ].join('\n'),
    }),
    nl: ({ link, customerName, email }) => ({
      subject: `${customerName} nodigt u uit om uw Webex-account te migreren`,
      text: [
        `${customerName} wil uw account (${email}) aan de organisatie toevoegen.`,
        '',
        'Gaat u akkoord? Open dan binnen 14 dagen deze link:',
        link,
        '',
        'Gaat u niet akkoord? Negeer dan deze e-mail: er verandert niets.',
        '',
      ].join('\n'),
    }),
  },
  'signup-verification': {
    en: ({ link, ttlHours }) => ({
      subject: 'Confirm your email address',
      text: [
        'Confirm your email address to finish signing up:',
        link,
        '',
        `The link works for ${ttlHours} hours. If you did not sign up, ignore this email.`,
        '',
      ].join('\n'),
    }),
    nl: ({ link, ttlHours }) => ({
      subject: 'Bevestig uw e-mailadres',
      text: [
        'Bevestig uw e-mailadres om uw registratie af te ronden:',
        link,
        '',
        `De link is ${ttlHours} uur geldig. Hebt u zich niet geregistreerd? Negeer dan deze e-mail.`,
        '',
      ].join('\n'),
    }),
  },
};

export function renderEmail<T extends EmailTemplate>(
  template: T,
  locale: Locale,
  values: EmailValues[T],
): RenderedEmail {
  const render: (values: EmailValues[T]) => RenderedEmail = TEMPLATES[template][locale];
  return render(values);
}
