// Tokens minted with an API token before the upgrade that records token chains (0022/0023): the
// audit trail names the creating token, and migration 0024 records it, so revoking a token after
// the upgrade also revokes what was minted with it before (ADR 0085, ADR 0090).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { revokeToken } from '../../src/services/tokens/token-service.ts';
import { operatorContext } from '../helpers/factories.ts';
import { applyMigrationsBefore } from '../helpers/migrations-before.ts';
import { openEmptyDatabase } from '../helpers/empty-database.ts';

const BACKFILL = '0024_token_chains_from_audit.sql';
const target = inject('testDatabase');

let database: Database;

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PARTNER = id(1);
const CUSTOMER = id(2);
const ADMIN = id(3);
const ROOT = id(10);
const CHILD = id(11);
const GRANDCHILD = id(12);
const MADE_IN_A_SESSION = id(13);
const ORPHAN = id(14);
const SCIM_BY_CHILD = id(20);
const SCIM_IN_A_SESSION = id(21);

function apiToken(tokenId: string): string {
  return `('${tokenId}', '${PARTNER}', 'partner_full_admin', 't${tokenId}', 'h${tokenId}', 'whk_x')`;
}

function created(
  actorType: string,
  actorId: string | null,
  action: string,
  targetType: string,
  targetId: string,
) {
  const actor = actorId === null ? 'null' : `'${actorId}'`;
  return `('${PARTNER}', '${actorType}', ${actor}, '${action}', '${targetType}', '${targetId}')`;
}

beforeAll(async () => {
  database = await openEmptyDatabase();
  await applyMigrationsBefore(database, BACKFILL);
  // As a release before 0022 left them: no creating token recorded anywhere, only the audit trail.
  await database.withScriptConnection((run) =>
    run(`
      insert into partners (id, name) values ('${PARTNER}', 'P');
      insert into customers (id, partner_id, name, external_id, admin_email, country)
        values ('${CUSTOMER}', '${PARTNER}', 'C', 'C-1', 'admin@c.example', 'NL');
      insert into admin_accounts (id, partner_id, email, role, status)
        values ('${ADMIN}', '${PARTNER}', 'a@p.example', 'partner_full_admin', 'active');
      insert into api_tokens (id, partner_id, role, name, token_hash, prefix) values
        ${[ROOT, CHILD, GRANDCHILD, MADE_IN_A_SESSION, ORPHAN].map(apiToken).join(', ')};
      insert into scim_tokens (id, customer_id, name, token_hash, prefix) values
        ('${SCIM_BY_CHILD}', '${CUSTOMER}', 'Entra', 'hs1', 'whscim_x'),
        ('${SCIM_IN_A_SESSION}', '${CUSTOMER}', 'Okta', 'hs2', 'whscim_y');
      insert into audit_events (partner_id, actor_type, actor_id, action, target_type, target_id) values
        ${[
          created('token', ROOT, 'token.create', 'api_token', CHILD),
          created('token', CHILD, 'token.create', 'api_token', GRANDCHILD),
          created('admin', ADMIN, 'token.create', 'api_token', MADE_IN_A_SESSION),
          // Its creating token was deleted since (housekeeping drops lapsed tokens).
          created('token', id(99), 'token.create', 'api_token', ORPHAN),
          created('token', CHILD, 'scim_token.create', 'scim_token', SCIM_BY_CHILD),
          created('admin', ADMIN, 'scim_token.create', 'scim_token', SCIM_IN_A_SESSION),
        ].join(', ')};`),
  );
  expect(await migrate(database)).toContain(BACKFILL);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

/** id -> a column, as stored (text), in id order. */
async function column(table: 'api_tokens' | 'scim_tokens', name: string): Promise<Record<string, unknown>> {
  const rows = await database.withScriptConnection((run) =>
    run(`select id::text as id, ${name} as value from ${table} order by id`),
  );
  return Object.fromEntries(rows.map((row) => [String(row.id), row.value]));
}

describe(`migration 0024 on ${target.kind}`, () => {
  it('records the creating token named by the audit trail, and only that', async () => {
    expect(await column('api_tokens', 'created_by_token_id::text')).toEqual({
      [ROOT]: null,
      [CHILD]: ROOT,
      [GRANDCHILD]: CHILD,
      [MADE_IN_A_SESSION]: null,
      [ORPHAN]: null,
    });
    expect(await column('scim_tokens', 'created_by_token_id::text')).toEqual({
      [SCIM_BY_CHILD]: CHILD,
      [SCIM_IN_A_SESSION]: null,
    });
  });

  it('so revoking a token revokes what was minted with it before the upgrade', async () => {
    await revokeToken(operatorContext(database.db, PARTNER), ROOT);
    expect(await column('api_tokens', 'revoked_at is not null')).toEqual({
      [ROOT]: true,
      [CHILD]: true,
      [GRANDCHILD]: true,
      [MADE_IN_A_SESSION]: false,
      [ORPHAN]: false,
    });
    expect(await column('scim_tokens', 'revoked_at is not null')).toEqual({
      [SCIM_BY_CHILD]: true,
      [SCIM_IN_A_SESSION]: false,
    });
  });
});
