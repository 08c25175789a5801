// SPEC §4: numbers and ranges can be removed when free; national input is read with the
// location's country. A customer with locations in two countries must not lose the wrong number
// because a national number was read with the customer's country.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

const call = (method: 'GET' | 'POST', url: string, payload?: object, locale = 'en') =>
  harness().app.inject({
    method,
    url,
    headers: { ...harness().auth(harness().tokens.partnerFull), 'accept-language': locale },
    ...(payload ? { payload } : {}),
  });

describe('removing numbers and ranges', () => {
  let customerId = '';
  const numbersUrl = () => `/v1/customers/${customerId}/numbers`;
  const remove = (payload: object, locale = 'en') => call('POST', `${numbersUrl()}/remove`, payload, locale);
  const inventory = async (): Promise<string[]> => {
    const listed = await call('GET', `${numbersUrl()}?max=200`);
    expect(listed.statusCode).toBe(200);
    return listed.json().items.map((item: { phoneNumber: string }) => item.phoneNumber);
  };
  const add = async (location: string, numbers: string[]) => {
    const added = await call('POST', numbersUrl(), { location, numbers });
    expect(added.statusCode, added.body).toBe(201);
  };

  beforeAll(async () => {
    const created = await call('POST', '/v1/customers', {
      name: 'Grensland',
      externalId: 'GRENS-1',
      adminEmail: 'admin@grensland.example',
      country: 'NL',
      packages: [{ id: 'webex_calling' }, { id: 'webex_voice' }],
    });
    expect(created.statusCode).toBe(202);
    customerId = created.json().id as string;
    await harness().drainJobs();
    for (const [name, country, timeZone] of [
      ['Utrecht', 'NL', 'Europe/Amsterdam'],
      ['Brussel', 'BE', 'Europe/Brussels'],
    ] as const) {
      const location = await call('POST', `${numbersUrl().replace('/numbers', '/locations')}`, {
        name,
        country,
        timeZone,
      });
      expect(location.statusCode, location.body).toBe(201);
    }
  });

  it('refuses a national number that the locations read as different numbers, naming both, and removes nothing', async () => {
    await add('Brussel', ['0475 12 34 56']);
    await add('Utrecht', ['+31475123456']);
    const refused = await remove({ numbers: ['0475 12 34 56'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({
        code: 'ambiguous_phone_number',
        field: 'numbers',
        description:
          '"0475 12 34 56" is a different number in the countries of this customer\'s locations: +32475123456 (BE), +31475123456 (NL). Give the location, or write the number in international format (+…).',
      }),
    ]);
    const dutch = await remove({ numbers: ['0475 12 34 56'] }, 'nl');
    expect(dutch.json().errors[0].description).toBe(
      '"0475 12 34 56" is een ander nummer in de landen van de locaties van deze klant: +32475123456 (BE), +31475123456 (NL). Geef de locatie op, of schrijf het nummer in internationale notatie (+…).',
    );
    expect(await inventory()).toEqual(expect.arrayContaining(['+31475123456', '+32475123456']));
  });

  it("reads a national number with the named location's country and removes only that one", async () => {
    const removed = await remove({ location: 'Brussel', numbers: ['0475 12 34 56'] });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ removed: ['+32475123456'] });
    const numbers = await inventory();
    expect(numbers).toContain('+31475123456');
    expect(numbers).not.toContain('+32475123456');
  });

  it('refuses, with a location named, a number of another location, and removes nothing', async () => {
    await add('Brussel', ['+32475123457']);
    const refused = await remove({ location: 'Brussel', numbers: ['+32475123457', '+31475123456'] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({
        code: 'number_not_in_location',
        description: '+31475123456 is not one of the numbers of location "Brussel".',
      }),
    ]);
    expect(await inventory()).toEqual(expect.arrayContaining(['+31475123456', '+32475123457']));
  });

  it('removes a national number only one location country can read, without a location', async () => {
    await add('Brussel', ['02 555 12 34']);
    const removed = await remove({ numbers: ['02 555 12 34'] });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ removed: ['+3225551234'] });
  });

  it('removes a free range, and keeps a range with a taken number whole', async () => {
    await add('Utrecht', ['+31301234500-+31301234509']);
    const user = await call('POST', `/v1/customers/${customerId}/users`, {
      email: 'holder@grensland.example',
      firstName: 'Hanna',
      lastName: 'Holder',
      package: 'webex_calling',
      location: 'Utrecht',
      phoneNumber: '+31301234509',
    });
    expect(user.statusCode, user.body).toBe(201);

    const removed = await remove({ numbers: ['+31301234505-+31301234506'] });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ removed: ['+31301234505', '+31301234506'] });

    const national = await remove({ location: 'Utrecht', numbers: ['030 123 4500 - 030 123 4501'] });
    expect(national.statusCode, national.body).toBe(200);
    expect(national.json()).toEqual({ removed: ['+31301234500', '+31301234501'] });

    const partlyTaken = await remove({ numbers: ['+31301234507-+31301234509'] });
    expect(partlyTaken.statusCode).toBe(409);
    expect(partlyTaken.json().errors).toEqual([
      expect.objectContaining({
        code: 'number_not_removable',
        description: expect.stringContaining('+31301234509'),
      }),
    ]);
    expect(await inventory()).toEqual(
      expect.arrayContaining(['+31301234507', '+31301234508', '+31301234509']),
    );
  });

  it('refuses a range larger than adding allows', async () => {
    const refused = await remove({ numbers: ['+31301200000-+31301299999'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ code: 'range_too_large', field: 'numbers' });
  });
});
