// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { theme } from '../../app/theme.ts';
import i18n from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api-error.ts';
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
