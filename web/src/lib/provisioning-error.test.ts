// A user's or customer's provisioning error (SPEC §5) reads in the language shown: the product's own
// texts are worded by the app (a user's licence failures) or by the admin API in the request's
// language (a customer's); a text the app cannot know is shown as given, labelled as the message of
// the provisioning system, so a Dutch reader knows why it is in English.
import { describe, expect, it } from 'vitest';
import i18n from '../i18n/i18n.ts';
import { provisioningErrorText } from './provisioning-error.ts';

describe('provisioningErrorText', () => {
  it.each([
    [
      'license_update_failed',
      'Cannot update user license.',
      'Cannot update user license.',
      'De licentie van de gebruiker kan niet worden bijgewerkt. (Cannot update user license.)',
    ],
    [
      'license_change_not_revertible',
      'Cannot update user attributes. License change cannot be reverted.',
      'Cannot update user attributes. License change cannot be reverted.',
      'De kenmerken van de gebruiker kunnen niet worden bijgewerkt. De licentiewijziging kan niet worden teruggedraaid. (Cannot update user attributes. License change cannot be reverted.)',
    ],
    // Without the stored text (a server that left it out), the app's own words alone.
    [
      'license_update_failed',
      '',
      'Cannot update user license.',
      'De licentie van de gebruiker kan niet worden bijgewerkt.',
    ],
    // The admin API words a customer's provisioning errors in the request's language already.
    [
      'location_failed',
      'De locatie "HQ" kon niet worden aangemaakt.',
      'De locatie "HQ" kon niet worden aangemaakt.',
      'De locatie "HQ" kon niet worden aangemaakt.',
    ],
    [
      'provisioning_failed',
      'Webex Calling could not be enabled.',
      'Webex Calling could not be enabled.',
      'Webex Calling could not be enabled.',
    ],
    ['admin_invite_failed', 'x', 'x', 'x'],
    // Another system's own words: as given, labelled.
    [
      'org_quota_exceeded',
      'Quota exceeded for org 42',
      'Message from the provisioning system: Quota exceeded for org 42',
      'Melding van het inrichtingssysteem: Quota exceeded for org 42',
    ],
    [
      'org_quota_exceeded',
      '',
      'Message from the provisioning system: org_quota_exceeded',
      'Melding van het inrichtingssysteem: org_quota_exceeded',
    ],
  ])('%s "%s": %s | %s', (code, description, english, dutch) => {
    expect(provisioningErrorText({ code, description }, i18n.getFixedT('en'))).toBe(english);
    expect(provisioningErrorText({ code, description }, i18n.getFixedT('nl'))).toBe(dutch);
  });
});
