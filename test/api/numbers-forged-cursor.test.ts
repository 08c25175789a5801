// The numbers list refuses a cursor it did not hand out with 400 `invalid_cursor`, as every other
// paged list does (SPEC §7): its cursor was read as "the number to start after", so any text
// answered 200 with a page from wherever that text sorted. The cursors it hands out still page.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/services/paging.ts';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();
const b64 = (text: string) => Buffer.from(text).toString('base64url');

const FORGED = [
  ['garbage', 'not-a-cursor'],
  ['a text that is no number', b64('x')],
  ['a number that is no E.164 number', b64('0201230001')],
  ['a number with a space', b64('+31 201230001')],
  ['another list cursor', encodeCursor({ key: '+31201230001', id: '+31201230001' })],
  ['a number with a byte more', `${b64('+31201230001')}A`],
] as const;

describe('numbers list cursor', () => {
  let url = '';

  beforeAll(async () => {
    const { app, auth, tokens, drainJobs } = harness();
    const send = (method: 'GET' | 'POST', path: string, payload?: object) =>
      app.inject({ method, url: path, headers: auth(tokens.partnerFull), ...(payload ? { payload } : {}) });
    const created = await send('POST', '/v1/customers', {
      name: 'Numbers Cursor BV',
      externalId: 'NUMCURSOR-1',
      adminEmail: 'beheer@numcursor.example',
      country: 'NL',
      packages: [{ id: 'webex_calling' }],
    });
    expect(created.statusCode, created.body).toBe(202);
    const customerId = created.json().id as string;
    await drainJobs();
    const location = await send('POST', `/v1/customers/${customerId}/locations`, {
      name: 'HQ',
      country: 'NL',
      timeZone: 'Europe/Amsterdam',
    });
    expect(location.statusCode, location.body).toBe(201);
    const added = await send('POST', `/v1/customers/${customerId}/numbers`, {
      location: 'HQ',
      numbers: ['+31201230000-+31201230004'],
    });
    expect(added.statusCode, added.body).toBe(201);
    url = `/v1/customers/${customerId}/numbers`;
  });

  it.each(FORGED)('answers 400 invalid_cursor to %s', async (_label, cursor) => {
    const { app, auth, tokens } = harness();
    const response = await app.inject({
      url: `${url}?cursor=${encodeURIComponent(cursor)}`,
      headers: auth(tokens.partnerFull),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ code: 'invalid_cursor' });
  });

  it('pages through every number with the cursors it hands out', async () => {
    const { app, auth, tokens } = harness();
    const seen: string[] = [];
    let next: string | null = `${url}?max=2`;
    while (next) {
      const response: Awaited<ReturnType<typeof app.inject>> = await app.inject({
        url: next,
        headers: auth(tokens.partnerFull),
      });
      expect(response.statusCode, response.body).toBe(200);
      seen.push(...response.json().items.map((item: { phoneNumber: string }) => item.phoneNumber));
      const link: unknown = response.headers.link;
      next = typeof link === 'string' ? (/<([^>]+)>/.exec(link)?.[1] ?? null) : null;
      if (next?.startsWith('http')) next = new URL(next).pathname + new URL(next).search;
    }
    expect(seen).toEqual(['+31201230000', '+31201230001', '+31201230002', '+31201230003', '+31201230004']);
  });
});
