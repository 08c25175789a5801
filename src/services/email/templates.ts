// The texts of outgoing email, in English and Dutch. Plain text: links must survive any client.
import type { Locale } from '../context.ts';

export type EmailTemplate = 'admin_invite' | 'password_reset';

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
}

interface TemplateValues {
  readonly link: string;
  readonly partnerName: string;
  readonly inviter?: string | undefined;
}

const TEMPLATES: Record<EmailTemplate, Record<Locale, (values: TemplateValues) => RenderedEmail>> = {
  admin_invite: {
    en: ({ link, partnerName, inviter }) => ({
      subject: `You are invited to ${partnerName} on Wholesale Hub`,
      text: [
        `${inviter ?? 'An administrator'} invited you to administer ${partnerName} on Wholesale Hub.`,
        '',
        `Choose your password here (the link works once, for 7 days):`,
        link,
      ].join('\n'),
    }),
    nl: ({ link, partnerName, inviter }) => ({
      subject: `U bent uitgenodigd voor ${partnerName} op Wholesale Hub`,
      text: [
        `${inviter ?? 'Een beheerder'} heeft u uitgenodigd om ${partnerName} op Wholesale Hub te beheren.`,
        '',
        'Kies hier uw wachtwoord (de link werkt één keer, 7 dagen lang):',
        link,
      ].join('\n'),
    }),
  },
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
        'Kies hier een nieuw wachtwoord (de link werkt één keer, 1 uur lang):',
        link,
        '',
        'Was u dit niet? Negeer dan deze e-mail: uw wachtwoord blijft zoals het is.',
      ].join('\n'),
    }),
  },
};

export function renderEmail(template: EmailTemplate, locale: Locale, values: TemplateValues): RenderedEmail {
  return TEMPLATES[template][locale](values);
}
