// @vitest-environment jsdom
// ADR 0092: the edit dialog saves with If-Match (the ETag the user was read with); a 412 says that
// someone else changed the user, keeps what the admin typed on screen until they choose Reload, and
// Reload starts the form afresh from the user as it is now, whose ETag the next save sends.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { UserDetails } from '../api/update-user.ts';
import { ChangePackageDialog } from './change-package-dialog.tsx';
import { EditUserDialog } from './edit-user-dialog.tsx';

const user: UserDetails & { etag: string } = {
  id: 'u1',
  email: 'anna@acme.nl',
  firstName: 'Anna',
  lastName: 'Smit',
  title: 'Engineer',
  status: 'provisioned',
  package: 'webex_meetings',
  etag: 'W/"3"',
};

/** The user as someone else left it: another first name, version 4. */
const theirs = { ...user, firstName: 'Bram', title: 'Manager', etag: undefined };

const requests: { url: string; method: string; ifMatch: string | null; body: unknown }[] = [];

const json = (body: unknown, status = 200, etag?: string) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...(etag ? { ETag: etag } : {}) },
  });

const preconditionFailed = () =>
  json(
    {
      message: 'The user was changed by someone else since you loaded it.',
      errors: [{ code: 'precondition_failed', description: 'If-Match does not name the current version.' }],
      trackingId: 'WH_412',
    },
    412,
  );

let answerWrite: (ifMatch: string | null) => Response;

beforeEach(() => {
  requests.length = 0;
  answerWrite = (ifMatch) =>
    ifMatch === 'W/"4"' ? json({ ...theirs, title: 'Lead' }, 200, 'W/"5"') : preconditionFailed();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const ifMatch = new Headers(init?.headers).get('If-Match');
      requests.push({ url, method, ifMatch, body: init?.body ? JSON.parse(String(init.body)) : null });
      if (method === 'GET' && url === '/v1/customers/c1/users/u1') return json(theirs, 200, 'W/"4"');
      if (method === 'GET' && url === '/v1/customers/c1')
        return json({
          id: 'c1',
          packages: ['webex_voice', 'webex_meetings'].map((id) => ({ id, limit: null, used: 0 })),
        });
      if (method === 'GET') return json({ items: [] });
      return answerWrite(ifMatch);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const writes = () => requests.filter((request) => request.method !== 'GET');
const titleBox = () => screen.getByRole('textbox', { name: 'Title' });
const firstNameBox = () => screen.getByRole('textbox', { name: 'First name' });

describe('edit-user dialog when someone else changed the user', () => {
  it('sends If-Match, says so on 412 keeping the input, and Reload starts afresh with the new ETag', async () => {
    const onClose = vi.fn();
    await renderPage(
      <EditUserDialog customerId="c1" user={user} directorySync={false} opened onClose={onClose} />,
    );
    fireEvent.change(titleBox(), { target: { value: 'Lead' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/Someone else changed this user while you were editing/)).toBeTruthy();
    expect(writes()).toEqual([
      { url: '/v1/customers/c1/users/u1', method: 'PATCH', ifMatch: 'W/"3"', body: { title: 'Lead' } },
    ]);
    // Nothing typed is thrown away behind the admin's back: it stays until they choose Reload.
    expect((titleBox() as HTMLInputElement).value).toBe('Lead');
    expect(onClose).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await vi.waitFor(() => expect((firstNameBox() as HTMLInputElement).value).toBe('Bram'));
    expect((titleBox() as HTMLInputElement).value).toBe('Manager');
    expect(screen.queryByText(/Someone else changed this user/)).toBeNull();

    fireEvent.change(titleBox(), { target: { value: 'Lead' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(writes().at(-1)).toEqual({
      url: '/v1/customers/c1/users/u1',
      method: 'PATCH',
      ifMatch: 'W/"4"',
      body: { title: 'Lead' },
    });
  });

  it('says it in Dutch', async () => {
    await renderPage(
      <EditUserDialog customerId="c1" user={user} directorySync={false} opened onClose={() => undefined} />,
    );
    await act(() => i18n.changeLanguage('nl'));
    fireEvent.change(screen.getByRole('textbox', { name: 'Functie' }), { target: { value: 'Lead' } });
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByText(/Iemand anders heeft deze gebruiker gewijzigd/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Opnieuw laden' })).toBeTruthy();
    await act(() => i18n.changeLanguage('en'));
  });
});

describe('change-package dialog when someone else changed the user', () => {
  it('sends If-Match and offers Reload on 412', async () => {
    answerWrite = (ifMatch) =>
      ifMatch === 'W/"4"'
        ? json({ user: { ...theirs, package: 'webex_voice' }, warnings: [] }, 200, 'W/"5"')
        : preconditionFailed();
    await renderPage(<ChangePackageDialog customerId="c1" user={user} opened onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Webex Voice' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect(await screen.findByText(/Someone else changed this user while you were editing/)).toBeTruthy();
    expect(writes()).toEqual([
      {
        url: '/v1/customers/c1/users/u1/package',
        method: 'PUT',
        ifMatch: 'W/"3"',
        body: { package: 'webex_voice' },
      },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await vi.waitFor(() => expect(screen.queryByText(/Someone else changed this user/)).toBeNull());
    expect(
      requests.some((request) => request.method === 'GET' && request.url === '/v1/customers/c1/users/u1'),
    ).toBe(true);
  });
});
