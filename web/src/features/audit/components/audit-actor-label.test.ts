// Who did it, in the audit log: the server names its own background work with codes
// ('provisioning', 'demo-seed', 'consent:<email>'); shown as they are, they put English
// developer words into the Dutch page and leave an admin guessing who or what that is.
import { describe, expect, it } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { actorLabel } from './audit-actor-label.ts';

type Actor = { type: string; id: string | null; label: string | null };

const system = (label: string | null): Actor => ({ type: 'system', id: null, label });

describe('actorLabel', () => {
  it.each<[string, Actor, string, string]>([
    [
      'an admin by email',
      { type: 'admin', id: 'a1', label: 'owner@example.com' },
      'owner@example.com',
      'owner@example.com',
    ],
    ['an API token by its name', { type: 'token', id: 't1', label: 'erp-sync' }, 'erp-sync', 'erp-sync'],
    ['customer provisioning', system('provisioning'), 'System (provisioning)', 'Systeem (inrichting)'],
    ['the demo data', system('demo-seed'), 'System (demo data)', 'Systeem (demogegevens)'],
    ['the plain system', system('system'), 'System', 'Systeem'],
    ['a system actor without a label', system(null), 'System', 'Systeem'],
    [
      'a consent given by a user',
      system('consent:jan@acme.example'),
      'jan@acme.example (consent)',
      'jan@acme.example (toestemming)',
    ],
    [
      'a free account sign-up',
      system('signup:jan@acme.example'),
      'jan@acme.example (sign-up)',
      'jan@acme.example (registratie)',
    ],
    [
      'an unknown system job, by its code',
      system('nightly-job'),
      'System (nightly-job)',
      'Systeem (nightly-job)',
    ],
    ['an actor with only an id', { type: 'token', id: 't9', label: null }, 't9', 't9'],
  ])('%s', async (_case, actor, english, dutch) => {
    await i18n.changeLanguage('en');
    expect(actorLabel(actor, i18n.getFixedT('en'))).toBe(english);
    expect(actorLabel(actor, i18n.getFixedT('nl'))).toBe(dutch);
  });
});
