// Every cursor-paged admin list refuses a cursor it did not hand out with 400 `invalid_cursor`
// (SPEC §7, the users and audit lists' behaviour), also one that decodes but whose id is no uuid or
// whose time is no time: those reached the database as casts and answered 500.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/services/paging.ts';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();
const UUID = '00000000-0000-4000-8000-000000000000';

const FORGED = [
  ['garbage', 'not-a-cursor'],
  ['an id that is no uuid', encodeCursor({ key: 'b', id: 'x' })],
  ['a time key that is no time', encodeCursor({ key: 'yesterday', id: UUID })],
] as const;

describe('forged cursors', () => {
  let customerId = '';

  beforeAll(async () => {
    const { app, auth, tokens } = harness();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: auth(tokens.partnerFull),
      payload: {
        name: 'Cursor BV',
        externalId: 'CURSOR-1',
        adminEmail: 'beheer@cursor.example',
        country: 'NL',
        packages: [{ id: 'webex_calling' }],
      },
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    customerId = created.json().id;
  });

  const lists = (): [string, string, boolean][] => [
    // [list, url, keyed by time]
    ['API tokens', '/v1/tokens', true],
    ['customers', '/v1/customers', false],
    ['partners', '/v1/partners', false],
    ['admins', '/v1/admins', false],
    ['users', `/v1/customers/${customerId}/users`, false],
    ['locations', `/v1/customers/${customerId}/locations`, false],
    ['imports', `/v1/customers/${customerId}/imports`, true],
    ['domains', `/v1/customers/${customerId}/domains`, false],
    ['SCIM tokens', `/v1/customers/${customerId}/scim-tokens`, true],
  ];

  it('answer 400 invalid_cursor on every cursor-paged list', async () => {
    const { app, auth, tokens } = harness();
    const answers: string[] = [];
    for (const [list, url, timeKeyed] of lists()) {
      for (const [label, cursor] of FORGED) {
        if (label === 'a time key that is no time' && !timeKeyed) continue;
        const response = await app.inject({ url: `${url}?cursor=${cursor}`, headers: auth(tokens.operator) });
        const code =
          response.statusCode === 400 && response.body.includes('invalid_cursor') ? 'ok' : response.body;
        answers.push(`${list}, ${label}: ${response.statusCode} ${code}`);
      }
    }
    expect(answers.filter((answer) => !answer.endsWith(': 400 ok'))).toEqual([]);
  });
});
