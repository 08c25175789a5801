// Boundaries of SPEC §2 through the doors that take them: a billing address line of 50 characters
// is accepted and one of 51 refused, naming the field (admin API create and update, Wholesale API);
// the extension length setting's ends (2 and 10) are accepted and an extension of that length is
// accepted for a user, one digit fewer refused.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object, locale = 'en') =>
  harness().app.inject({
    method,
    url,
    headers: { ...harness().auth(harness().tokens.partnerFull), 'accept-language': locale },
    ...(payload ? { payload } : {}),
  });

const line = (length: number) => 'x'.repeat(length);

let created = 0;
function createCustomer(address: object) {
  created += 1;
  return send('POST', '/v1/customers', {
    name: `Boundary ${created}`,
    externalId: `BOUNDARY-${created}`,
    adminEmail: `admin${created}@boundary.example`,
    country: 'NL',
    packages: [{ id: 'webex_calling' }],
    address,
  });
}

function fieldsOf(body: string): string[] {
  return (JSON.parse(body) as { errors: { field?: string }[] }).errors.map((error) => error.field ?? '');
}

describe('billing address lines (≤ 50 characters)', () => {
  it.each(['addressLine1', 'addressLine2'])(
    'the admin API accepts %s of 50 characters and refuses 51, naming the field',
    async (field) => {
      const accepted = await createCustomer({ [field]: line(50) });
      expect(accepted.statusCode, accepted.body).toBe(202);
      const customerId = accepted.json().id as string;
      await harness().drainJobs();
      const read = await send('GET', `/v1/customers/${customerId}`);
      expect(read.json().address[field]).toBe(line(50));

      const refused = await createCustomer({ [field]: line(51) });
      expect(refused.statusCode).toBe(400);
      expect(fieldsOf(refused.body).join(' ')).toContain(field);

      const update = await send('PATCH', `/v1/customers/${customerId}`, { address: { [field]: line(51) } });
      expect(update.statusCode).toBe(400);
      expect(fieldsOf(update.body).join(' ')).toContain(field);
      const unchanged = await send('GET', `/v1/customers/${customerId}`);
      expect(unchanged.json().address[field]).toBe(line(50));
    },
  );

  it('the Wholesale API accepts addressLine1 of 50 characters and refuses 51, naming it', async () => {
    const create = (addressLine1: string, n: number) =>
      send('POST', '/v1/wholesale/customers', {
        provisioningId: `boundary-${n}`,
        externalId: `wholesale-boundary-${n}`,
        packages: ['webex_meetings'],
        address: { addressLine1, city: 'Amsterdam', country: 'NL' },
        customerInfo: { name: `Wholesale Boundary ${n}`, primaryEmail: `w${n}@boundary.example` },
      });
    const accepted = await create(line(50), 1);
    expect(accepted.statusCode, accepted.body).toBe(202);
    const refused = await create(line(51), 2);
    expect(refused.statusCode).toBe(400);
    const descriptions = (refused.json() as { errors: { description: string }[] }).errors
      .map((error) => error.description)
      .join(' ');
    expect(descriptions).toContain('addressLine1');
  });
});

describe('extension length (2–10)', () => {
  /** A customer of its own per length: the length cannot change while users hold extensions. */
  async function customerWithLocation(): Promise<string> {
    const customer = await createCustomer({});
    expect(customer.statusCode).toBe(202);
    const customerId = customer.json().id as string;
    await harness().drainJobs();
    const location = await send('POST', `/v1/customers/${customerId}/locations`, {
      name: 'HQ',
      country: 'NL',
      timeZone: 'Europe/Amsterdam',
    });
    expect(location.statusCode).toBe(201);
    return customerId;
  }

  it.each([1, 11])('refuses an extension length setting of %i, naming it', async (length) => {
    const customerId = await customerWithLocation();
    const refused = await send('PATCH', `/v1/customers/${customerId}/settings`, { extensionLength: length });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused.body).join(' ')).toContain('extensionLength');
  });

  it.each([2, 10])(
    'accepts a length of %i and an extension of that many digits, not one fewer',
    async (length) => {
      const customerId = await customerWithLocation();
      const setting = await send('PATCH', `/v1/customers/${customerId}/settings`, {
        extensionLength: length,
      });
      expect(setting.statusCode, setting.body).toBe(200);
      expect(setting.json().extensionLength).toBe(length);

      const user = (email: string, extension: string) =>
        send('POST', `/v1/customers/${customerId}/users`, {
          email,
          firstName: 'Eva',
          lastName: 'Ext',
          package: 'webex_calling',
          location: 'HQ',
          extension,
          preferredWebexSite: 'boundary.webex.com',
        });
      const digits = '1234567890'.slice(0, length);
      const accepted = await user(`ext${length}@boundary.example`, digits);
      expect(accepted.statusCode, accepted.body).toBe(201);
      expect(accepted.json().extension).toBe(digits);

      const short = await user(`short${length}@boundary.example`, digits.slice(1));
      expect(short.statusCode).toBe(400);
      expect(short.json().errors).toEqual([
        expect.objectContaining({
          code: 'extension_wrong_length',
          field: 'extension',
          description: `Extension "${digits.slice(1)}" must have ${length} digits.`,
        }),
      ]);
    },
  );
});
