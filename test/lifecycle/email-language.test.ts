// Who an email names and which language it speaks (SPEC §1, §2, §5): a customer's admin is invited
// to the customer, set up by the partner; a partner admin to the partner. Customer admins and the
// people moving into a customer read the customer's language, partner admins the partner's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RecordingBackend,
  useProvisioningBackend,
} from '../../src/services/provisioning/provisioning-backend.ts';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();
let restore: () => void;
beforeAll(() => {
  restore = useProvisioningBackend(new RecordingBackend());
});
afterAll(() => restore());

// The harness's own partner.
const PARTNER = 'Home Partner';

async function provisionCustomer(name: string, adminEmail: string, language?: string): Promise<string> {
  const { app, tokens, auth, drainJobs } = harness();
  const response = await app.inject({
    method: 'POST',
    url: '/v1/customers',
    headers: auth(tokens.partnerFull),
    payload: {
      name,
      externalId: `EXT-${adminEmail}`,
      adminEmail,
      country: 'NL',
      packages: [{ id: 'webex_meetings' }],
      ...(language ? { language } : {}),
    },
  });
  expect(response.statusCode, response.body).toBe(202);
  await drainJobs();
  return (response.json() as { id: string }).id;
}

async function lastEmailTo(address: string) {
  const email = await harness()
    .database.db.selectFrom('outbox_emails')
    .selectAll()
    .where('to_address', '=', address)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!email) throw new Error(`no email to ${address}`);
  return { ...email, all: `${email.subject}\n${email.body_text}` };
}

describe("the customer full admin's invite at provisioning", () => {
  it('invites to the customer, names the partner as the one who set it up, in English', async () => {
    await provisionCustomer('Fietsenmaker b', 'eigenaar@fietsenmaker.example', 'en_US');
    const email = await lastEmailTo('eigenaar@fietsenmaker.example');
    expect(email.template).toBe('admin_invite');
    expect(email.subject).toBe('You are invited to Fietsenmaker b on Wholesale Hub');
    expect(email.body_text).toContain(`${PARTNER} has set up Fietsenmaker b on Wholesale Hub`);
    expect(email.body_text).toContain('/invite/');
    expect(email.all).not.toMatch(/provisioning/i);
    expect(email.subject).not.toContain(PARTNER);
  });

  it('is Dutch for a customer whose language is nl_NL, naming the customer and the partner', async () => {
    await provisionCustomer('Bakkerij de Molen', 'eigenaar@molen.example', 'nl_NL');
    const email = await lastEmailTo('eigenaar@molen.example');
    expect(email.subject).toBe('U bent uitgenodigd voor Bakkerij de Molen op Wholesale Hub');
    expect(email.body_text).toContain(`${PARTNER} heeft Bakkerij de Molen op Wholesale Hub ingericht`);
    expect(email.body_text).toContain('Kies hier uw wachtwoord');
    expect(email.all).not.toMatch(/provisioning|invited|password/i);
  });
});

describe("a partner admin's invite", () => {
  it('invites to the partner', async () => {
    const { app, tokens, auth } = harness();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/admins',
      headers: auth(tokens.partnerFull),
      payload: { email: 'collega@home-partner.example', role: 'partner_full_admin' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const email = await lastEmailTo('collega@home-partner.example');
    expect(email.subject).toBe(`You are invited to ${PARTNER} on Wholesale Hub`);
    expect(email.body_text).toContain(`to administer ${PARTNER} on Wholesale Hub`);
  });
});

describe('Dutch customers', () => {
  let customerId: string;
  beforeAll(async () => {
    customerId = await provisionCustomer('Kaashandel Gouda', 'beheer@kaashandel.example', 'nl');
  });

  it('get the consent email of a free account moving in in Dutch', async () => {
    const { app, tokens, auth } = harness();
    const free = await app.inject({
      method: 'POST',
      url: '/v1/accounts/free',
      headers: auth(tokens.operator),
      payload: { email: 'kaasboer@free.example' },
    });
    expect(free.statusCode, free.body).toBe(201);
    const added = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/users/batch`,
      headers: auth(tokens.partnerFull),
      payload: { users: [{ email: 'kaasboer@free.example', package: 'webex_meetings' }] },
    });
    expect(added.json().results[0]).toMatchObject({ result: 'pending_user_migration' });
    const email = await lastEmailTo('kaasboer@free.example');
    expect(email.template).toBe('consent-move');
    expect(email.subject).toBe('Kaashandel Gouda nodigt u uit om uw Webex-account te migreren');
    expect(email.body_text).toContain('Gaat u akkoord? Open dan binnen 14 dagen deze link:');
    expect(email.body_text).toMatch(/token=/);
  });

  it("send a password reset of the customer's admin in Dutch, whatever the request's language", async () => {
    const { app, database } = harness();
    await database.db
      .updateTable('admin_accounts')
      .set({ status: 'active' })
      .where('email', '=', 'beheer@kaashandel.example')
      .execute();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      headers: { 'accept-language': 'en-US' },
      payload: { email: 'beheer@kaashandel.example' },
    });
    expect(response.statusCode).toBe(202);
    await harness().drainJobs();
    const email = await lastEmailTo('beheer@kaashandel.example');
    expect(email.template).toBe('password_reset');
    expect(email.subject).toBe('Stel uw Wholesale Hub-wachtwoord opnieuw in');
    expect(email.body_text).toContain('/reset-password/');
  });
});

describe('self sign-up', () => {
  it("speaks the request's language: the person belongs to no customer or partner yet", async () => {
    const { app } = harness();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/signup',
      headers: { 'accept-language': 'nl-NL,nl;q=0.9' },
      payload: { email: 'nieuw@free.example' },
    });
    expect(response.statusCode).toBe(202);
    await harness().drainJobs(); // the sign-up's work is a job (ADR 0002)
    const email = await lastEmailTo('nieuw@free.example');
    expect(email.subject).toBe('Bevestig uw e-mailadres');
    expect(email.body_text).toMatch(/signup\/verify\?token=/);
  });
});
