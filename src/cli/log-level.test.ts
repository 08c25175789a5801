import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { logLevelFor } from './run-cli.ts';

describe('logLevelFor', () => {
  const config = loadConfig({ HUB_DATA_DIR: '/tmp/hub-log-level-test' });
  const debug = loadConfig({ HUB_DATA_DIR: '/tmp/hub-log-level-test', LOG_LEVEL: 'debug' });

  it.each([
    [['serve'], config, 'info'],
    [['serve', '--demo'], config, 'info'],
    [['worker'], debug, 'debug'],
    [['customers', 'list', '--json'], config, 'warn'],
    [['users', 'import', '--customer', 'C', 'users.csv'], debug, 'warn'],
    [['--help'], config, 'warn'],
  ] as const)('%j', (argv, given, expected) => {
    expect(logLevelFor(argv, given)).toBe(expected);
  });
});
