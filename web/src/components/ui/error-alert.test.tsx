// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { theme } from '../../app/theme.ts';
import i18n from '../../i18n/i18n.ts';
import { ApiError, NetworkError } from '../../lib/api-error.ts';
import { polyfillBrowser } from '../../testing/render-with-providers.tsx';
import { ErrorAlert } from './error-alert.tsx';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

async function show(error: unknown, language = 'en', refusedTitle?: string) {
  polyfillBrowser();
  await i18n.changeLanguage(language);
  render(
    <MantineProvider theme={theme}>
      <ErrorAlert error={error} {...(refusedTitle ? { refusedTitle } : {})} />
    </MantineProvider>,
  );
  return screen.getByRole('alert');
}

const taken = new ApiError(
  409,
  'A location named "HQ" already exists.',
  [{ code: 'location_name_taken', field: 'name', description: 'Location names are unique per customer.' }],
  'trk-409',
);

describe('ErrorAlert', () => {
  it('shows a refusal as something to fix: its own title, the reasons, no tracking id', async () => {
    const alert = await show(taken);
    expect(alert.textContent).toContain('This could not be saved');
    expect(alert.textContent).toContain('A location named "HQ" already exists.');
    expect(alert.textContent).toContain('Location names are unique per customer.');
    expect(alert.textContent).not.toContain('Something went wrong');
    expect(alert.textContent).not.toContain('trk-409');
  });

  it('titles a refusal in Dutch too', async () => {
    const alert = await show(taken, 'nl');
    expect(alert.textContent).toContain('Dit kon niet worden opgeslagen');
    expect(alert.textContent).not.toContain('trk-409');
  });

  it('takes the caller’s title for a refusal', async () => {
    const alert = await show(taken, 'en', 'This location could not be deleted');
    expect(alert.textContent).toContain('This location could not be deleted');
  });

  it.each([
    [
      'a server failure',
      new ApiError(500, 'Internal error', [{ code: 'internal', description: 'x' }], 'trk-500'),
    ],
    ['a 4xx without reasons', new ApiError(409, 'HTTP 409', [], 'trk-500')],
  ])('keeps "Something went wrong" and the tracking id for %s', async (_name, error) => {
    const alert = await show(error);
    expect(alert.textContent).toContain('Something went wrong');
    expect(alert.textContent).toContain('Tracking ID: trk-500');
  });
});

describe('ErrorAlert for outages and loads', () => {
  async function showWith(
    error: unknown,
    language: string,
    props: { action?: 'load' | 'save'; onRetry?: () => void; signIn?: boolean } = {},
  ) {
    polyfillBrowser();
    await i18n.changeLanguage(language);
    render(
      <MantineProvider theme={theme}>
        <ErrorAlert error={error} {...props} />
      </MantineProvider>,
    );
    return screen.getByRole('alert');
  }

  it.each([
    ['en', 'The server could not be reached'],
    ['nl', 'De server is niet bereikbaar'],
  ])('words a network failure itself (%s), not the browser’s "Failed to fetch"', async (language, text) => {
    const alert = await showWith(new NetworkError(new TypeError('Failed to fetch')), language);
    expect(alert.textContent).toContain(text);
    expect(alert.textContent).not.toContain('Failed to fetch');
  });

  it('words a proxy’s 503 without a body, and one that says when to come back', async () => {
    expect((await showWith(new ApiError(503, 'HTTP 503', [], null), 'nl')).textContent).toContain(
      'De server kan dit nu niet verwerken',
    );
    cleanup();
    const later = await showWith(new ApiError(503, 'HTTP 503', [], null, 30), 'en');
    expect(later.textContent).toContain('Try again in 30 s');
    expect(later.textContent).not.toContain('HTTP 503');
  });

  it('titles a failed load as a load, even a refusal, and offers to try again', async () => {
    const onRetry = vi.fn();
    const alert = await showWith(taken, 'en', { action: 'load', onRetry });
    expect(alert.textContent).toContain('This could not be loaded');
    expect(alert.textContent).not.toContain('could not be saved');
    cleanup();
    const outage = await showWith(new NetworkError(new TypeError('Failed to fetch')), 'nl', {
      action: 'load',
      onRetry,
    });
    expect(outage.textContent).toContain('Dit kon niet worden geladen');
    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw proberen' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('says a 401 means the session ended, not the server’s developer wording', async () => {
    const alert = await showWith(
      new ApiError(
        401,
        'Sign in, or send a valid API token as "Authorization: Bearer <token>"',
        [{ code: 'unauthenticated', description: 'Sign in first' }],
        null,
      ),
      'en',
    );
    expect(alert.textContent).toContain('Your session has ended');
    expect(alert.textContent).not.toContain('Bearer');
  });

  it("shows a sign-in's 401 as the server words it: the email or password, not an ended session", async () => {
    const alert = await showWith(
      new ApiError(
        401,
        'Het e-mailadres of wachtwoord is niet juist.',
        [{ code: 'unauthenticated', description: 'Het e-mailadres of wachtwoord is niet juist.' }],
        null,
      ),
      'nl',
      { signIn: true },
    );
    expect(alert.textContent).toContain('Het e-mailadres of wachtwoord is niet juist.');
    expect(alert.textContent).not.toContain(i18n.t('common.sessionEndedTitle'));
  });
});

describe('ErrorAlert naming the column of each reason (SPEC §6)', () => {
  const refused = new ApiError(
    400,
    'The request is not valid.',
    [
      { code: 'invalid_phone_number', field: 'callerIdNumber', description: 'Not a phone number.' },
      { code: 'extension_taken', field: 'extension', description: 'Extension 1235 is already used.' },
      { code: 'sold_out', description: 'No licences left.' },
    ],
    null,
  );
  const labels: Record<string, Record<string, string>> = {
    en: { callerIdNumber: 'Caller ID Number', extension: 'Extension' },
    nl: { callerIdNumber: 'Nummer beller-ID', extension: 'Toestel' },
  };
  const fieldLabel = (field: string | undefined) => (field ? (labels[i18n.language]?.[field] ?? null) : null);

  async function showLabelled(language: string, fieldsShown: readonly string[] = []) {
    polyfillBrowser();
    await i18n.changeLanguage(language);
    render(
      <MantineProvider theme={theme}>
        <ErrorAlert error={refused} fieldLabel={fieldLabel} fieldsShown={fieldsShown} />
      </MantineProvider>,
    );
    return [...screen.getByRole('alert').querySelectorAll('li')].map((item) => item.textContent);
  }

  it('writes "column: reason" for a detail with a field, the reason alone without one', async () => {
    expect(await showLabelled('en')).toEqual([
      'Caller ID Number: Not a phone number.',
      'Extension: Extension 1235 is already used.',
      'No licences left.',
    ]);
  });

  it('names the column in Dutch', async () => {
    expect(await showLabelled('nl')).toEqual([
      'Nummer beller-ID: Not a phone number.',
      'Toestel: Extension 1235 is already used.',
      'No licences left.',
    ]);
  });

  it('leaves out a detail shown under its input', async () => {
    expect(await showLabelled('en', ['extension'])).toEqual([
      'Caller ID Number: Not a phone number.',
      'No licences left.',
    ]);
  });

  it('names the column of a detail that says what the message says', async () => {
    polyfillBrowser();
    render(
      <MantineProvider theme={theme}>
        <ErrorAlert
          error={
            new ApiError(409, 'Taken.', [{ code: 'x', field: 'extension', description: 'Taken.' }], null)
          }
          fieldLabel={fieldLabel}
        />
      </MantineProvider>,
    );
    expect(screen.getByRole('alert').querySelector('li')?.textContent).toBe('Extension: Taken.');
  });

  it('shows the reason alone without a fieldLabel, as locations and settings do', async () => {
    polyfillBrowser();
    render(
      <MantineProvider theme={theme}>
        <ErrorAlert error={refused} />
      </MantineProvider>,
    );
    expect([...screen.getByRole('alert').querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'Not a phone number.',
      'Extension 1235 is already used.',
      'No licences left.',
    ]);
  });
});
