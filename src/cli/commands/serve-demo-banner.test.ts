// `hub serve --demo` (and `npm start`) on a database that already holds data adds no demo data:
// it said nothing, and a newcomer who had run a command first (creating ./data) waited for a
// sign-in that never came.
import { describe, expect, it } from 'vitest';
import type { DemoCredentials } from '../../services/bootstrap/seed-demo.ts';
import { demoBanner } from './serve.ts';

const credentials: DemoCredentials = {
  email: 'admin@demo-partner.example',
  password: 'pw',
  token: 'whk_x',
  customerId: 'c',
};

describe('the lines hub serve prints after "is running at"', () => {
  it.each([
    {
      name: 'without --demo',
      demo: false,
      seeded: null as DemoCredentials | null,
      says: [] as string[],
      absent: ['Demo', '--demo'],
    },
    {
      name: 'with --demo, seeded',
      demo: true,
      seeded: credentials,
      says: ['Demo data is ready', 'admin@demo-partner.example', 'whk_x'],
      absent: ['no demo data'],
    },
    {
      name: 'with --demo on a database holding other data',
      demo: true,
      seeded: null,
      says: ['--demo: no demo data was added', 'already holds data', 'HUB_DATA_DIR'],
      absent: ['Demo data is ready'],
    },
  ])('$name', ({ demo, seeded, says, absent }) => {
    const text = demoBanner('http://localhost:3000', seeded, demo);
    for (const part of says) expect(text).toContain(part);
    for (const part of absent) expect(text).not.toContain(part);
    if (!demo) expect(text).toBe('');
  });
});
