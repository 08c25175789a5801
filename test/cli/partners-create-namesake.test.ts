// `hub partners create` with a name that another partner holds, written differently (case, spaces):
// the operator is told which partner holds it, as stored and with its id, and exit code 1 (ADR 0070).
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();
let stored = { id: '', name: '' };

beforeAll(async () => {
  const created = await cli().hub('partners', 'create', '--name', 'Demo Partner', '--json');
  expect(created.exitCode, created.stderr).toBe(0);
  stored = created.json<{ id: string; name: string }>();
});

describe('hub partners create with a name that is taken', () => {
  it.each([' demo partner', 'DEMO PARTNER  ', 'Demo Partner'])(
    'names the partner holding "%s" as stored, with its id, and exits 1',
    async (typed) => {
      const again = await cli().hub('partners', 'create', '--name', typed);
      expect(again.exitCode).toBe(1);
      expect(again.stdout).toBe('');
      expect(again.stderr).toContain(
        `Error: A partner named "Demo Partner" already exists (${stored.id}).\n`,
      );
      expect(again.stderr).toContain('Partner names are unique');
      const partners = (await cli().hub('partners', 'list', '--json')).json<{ name: string }[]>();
      expect(partners.filter((partner) => partner.name.trim().toLowerCase() === 'demo partner')).toHaveLength(
        1,
      );
    },
  );
});
