// SPEC §3: "Number + location: an extension or a phone number (or both), and a location." A phone
// number given without a location is told so, in the admin API and in a CSV row alike (one
// planner), never as "not one of the numbers of location """.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

const headers = (locale: string) => ({
  ...harness().auth(harness().tokens.partnerFull),
  'accept-language': locale,
});

const EN = 'Phone number +31201234503 needs a Location: give the location whose numbers include it.';
const NL =
  'Telefoonnummer +31201234503 heeft een locatie nodig: geef de locatie op waar dit nummer bij hoort.';

describe('a phone number without a location', () => {
  let customerId = '';

  beforeAll(async () => {
    const { app } = harness();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: headers('en'),
      payload: {
        name: 'Bakkerij De Vries',
        externalId: 'DEVRIES-NL',
        adminEmail: 'beheer@devries.example',
        country: 'NL',
        packages: [{ id: 'webex_voice' }, { id: 'webex_calling' }],
      },
    });
    expect(created.statusCode).toBe(202);
    customerId = created.json().id as string;
    await harness().drainJobs();
    const location = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/locations`,
      headers: headers('en'),
      payload: { name: 'Amsterdam HQ', country: 'NL', timeZone: 'Europe/Amsterdam' },
    });
    expect(location.statusCode).toBe(201);
    const numbers = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/numbers`,
      headers: headers('en'),
      payload: { location: 'Amsterdam HQ', numbers: ['+31201234500-+31201234509'] },
    });
    expect(numbers.statusCode).toBe(201);
  });

  it.each([
    ['en', EN],
    ['nl', NL],
  ])('is refused by the admin API with a text saying it needs a location (%s)', async (locale, text) => {
    const response = await harness().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/users`,
      headers: headers(locale),
      payload: {
        email: 'vp@devries.example',
        firstName: 'Vera',
        lastName: 'Pauw',
        package: 'webex_voice',
        phoneNumber: '+31201234503',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ code: 'phone_number_needs_location', field: 'location', description: text }),
    ]);
  });

  it('is refused in a CSV row with the same text', async () => {
    const csv = [
      'First Name,Last Name,User ID/Email (Required),Phone Number,Location,Jabber with Webex Teams,Jabber Calling,Webex Voice',
      'Vera,Pauw,vp@devries.example,+31201234503,,FALSE,FALSE,TRUE',
    ].join('\r\n');
    const upload = await harness().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports?behaviour=add-only&dryRun=false`,
      headers: { ...headers('en'), 'content-type': 'text/csv' },
      payload: Buffer.from(csv),
    });
    expect(upload.statusCode, upload.body).toBe(202);
    await harness().drainJobs();
    const rows = await harness().app.inject({
      method: 'GET',
      url: `/v1/customers/${customerId}/imports/${upload.json().id}/rows?max=10`,
      headers: headers('en'),
    });
    expect(rows.json().items).toEqual([
      expect.objectContaining({ row: 2, action: 'error', messages: [`Row 2, Location: ${EN}`] }),
    ]);
  });
});
