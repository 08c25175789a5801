// @vitest-environment jsdom
// SPEC §2, §7: the admin API words a customer's provisioning errors in the request's language, so
// the facts show them as answered; a code the product does not produce is another system's text,
// shown as given and labelled as the provisioning system's.
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { acmeCustomer } from '../../../testing/acme-customer.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { CustomerFacts } from './customer-facts.tsx';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

describe('customer facts: provisioning errors', () => {
  it("shows the server's Dutch wording and labels a text the product cannot know", async () => {
    await renderPage(
      <CustomerFacts
        customer={{
          ...acmeCustomer,
          status: 'provisioned_with_errors',
          errors: [
            { code: 'location_failed', description: 'De locatie "HQ" kon niet worden aangemaakt.' },
            { code: 'org_quota_exceeded', description: 'Quota exceeded for org 42' },
          ],
        }}
      />,
    );
    // In the Dutch UI, with the errors of the server's Dutch answer.
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    const lines = [...screen.getByRole('list').querySelectorAll('li')].map((item) => item.textContent);
    expect(lines).toEqual([
      'De locatie "HQ" kon niet worden aangemaakt. (location_failed)',
      'Melding van het inrichtingssysteem: Quota exceeded for org 42 (org_quota_exceeded)',
    ]);
  });
});
