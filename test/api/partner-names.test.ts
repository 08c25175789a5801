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

  it("lets only the operator rename a partner: a partner's full admin could learn others' names", async () => {
    const { app, auth, tokens, partnerId } = harness();
    await create('Telco Noordwest');
    const patch = (payload: Record<string, string>) =>
      app.inject({
        method: 'PATCH',
        url: `/v1/partners/${partnerId}`,
        headers: auth(tokens.partnerFull),
        payload,
      });
    // Another partner's name and a free one get the same answer: a rename is not the full admin's.
    for (const name of ['TELCO NOORDWEST', 'A name nobody has']) {
      const refused = await patch({ name });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({
        message: 'Only the operator renames a partner; ask the operator of this deployment.',
      });
    }
    const own = (
      await app.inject({ url: `/v1/partners/${partnerId}`, headers: auth(tokens.partnerFull) })
    ).json<{
      name: string;
    }>();
    // Sending its own name back (a form that posts every field) and other settings still work.
    expect((await patch({ name: own.name, defaultLanguage: 'nl' })).statusCode).toBe(200);
  });

  it('lets one of two simultaneous creations of a name through and answers the other 409', async () => {
    const results = await Promise.all([create('Telco West'), create('TELCO WEST')]);
    expect(results.map((result) => result.statusCode).sort()).toEqual([201, 409]);
  });
});
