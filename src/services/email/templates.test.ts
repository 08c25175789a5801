import { describe, expect, it } from 'vitest';
import type { Locale } from '../context.ts';
import { renderEmail, type EmailTemplate, type EmailValues } from './templates.ts';

const LINK = 'https://hub.example/x/TOKEN';
const VALUES: { [T in EmailTemplate]: EmailValues[T] } = {
  admin_invite: { link: LINK, partnerName: 'Demo Partner', customerName: 'Fietsenmaker b' },
  password_reset: { link: LINK },
  'consent-move': { link: LINK, customerName: 'Fietsenmaker b', email: 'pat@free.example' },
  'signup-verification': { link: LINK, ttlHours: 24 },
};
const TEMPLATES = Object.keys(VALUES) as EmailTemplate[];
// Words that only appear in the English texts: a Dutch text containing one is untranslated.
const ENGLISH_WORDS = /\b(you|your|the|link works|ignore|invited|password)\b/i;

function render<T extends EmailTemplate>(template: T, locale: Locale) {
  return renderEmail(template, locale, VALUES[template]);
}

describe('every template in both languages', () => {
  it.each(TEMPLATES)(
    '%s: Dutch subject and text differ from English, carry the link, no English words',
    (template) => {
      const en = render(template, 'en');
      const nl = render(template, 'nl');
      expect(nl.subject).not.toBe(en.subject);
      expect(nl.text).not.toBe(en.text);
      expect(en.text).toContain(LINK);
      expect(nl.text).toContain(LINK);
      expect(`${nl.subject}\n${nl.text}`).not.toMatch(ENGLISH_WORDS);
      expect(`${nl.subject}\n${nl.text}`).toMatch(/\bu(w)?\b/);
    },
  );
});

describe('admin invite', () => {
  it.each([
    ['en', 'You are invited to Fietsenmaker b', 'Demo Partner has set up Fietsenmaker b'],
    [
      'nl',
      'U bent uitgenodigd voor Fietsenmaker b',
      'Demo Partner heeft Fietsenmaker b op Wholesale Hub ingericht',
    ],
  ] as const)(
    '%s: a customer admin is invited to the customer, set up by the partner',
    (locale, subject, opening) => {
      const email = render('admin_invite', locale);
      expect(email.subject).toContain(subject);
      expect(email.text).toContain(opening);
    },
  );

  it.each([
    ['en', 'You are invited to Demo Partner', 'anna@demo.example invited you to administer Demo Partner'],
    ['nl', 'U bent uitgenodigd voor Demo Partner', 'anna@demo.example heeft u uitgenodigd om Demo Partner'],
  ] as const)(
    '%s: a partner admin is invited to the partner, by the person who sent it',
    (locale, subject, opening) => {
      const email = renderEmail('admin_invite', locale, {
        link: LINK,
        partnerName: 'Demo Partner',
        inviter: 'anna@demo.example',
      });
      expect(email.subject).toContain(subject);
      expect(email.text).toContain(opening);
    },
  );

  it('says "view" to a read-only admin', () => {
    const email = renderEmail('admin_invite', 'en', { ...VALUES.admin_invite, readOnly: true });
    expect(email.text).toContain('invited you to view it');
  });
});
