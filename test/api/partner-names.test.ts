// Partner names are unique (ignoring case and surrounding spaces) through every door, not only
// `hub partners create`: the API answers 409 for a namesake, also for two creations at once,
// because the unique index decides (migration 0014, ADR 0070).
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

describe('partner names', () => {
  const harness = useTestApp();

  async function create(name: string) {
    const { app, auth, tokens } = harness();
    return app.inject({
      method: 'POST',
      url: '/v1/partners',
      headers: auth(tokens.operator),
      payload: { name },
    });
  }

  it('refuses a namesake with 409 and says why', async () => {
    expect((await create('Telco Zuid')).statusCode).toBe(201);
    const again = await create('  telco ZUID ');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      message: 'A partner named "telco ZUID" already exists.',
      errors: [{ code: 'partner_name_taken', field: 'name' }],
    });
  });

  it('refuses renaming a partner to another partner’s name, and allows changing its own case', async () => {
    const { app, auth, tokens } = harness();
    const other = (await create('Telco Oost')).json<{ id: string }>();
    const rename = (name: string) =>
      app.inject({
        method: 'PATCH',
        url: `/v1/partners/${other.id}`,
        headers: auth(tokens.operator),
        payload: { name },
      });
    expect((await rename('TELCO ZUID')).statusCode).toBe(409);
    const own = await rename('TELCO OOST');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ name: 'TELCO OOST' });
  });

  it('lets one of two simultaneous creations of a name through and answers the other 409', async () => {
    const results = await Promise.all([create('Telco West'), create('TELCO WEST')]);
    expect(results.map((result) => result.statusCode).sort()).toEqual([201, 409]);
  });
});
