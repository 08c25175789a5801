import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig: the embedded database', () => {
  it('compiles PGlite with the baseline WASM compiler unless PGLITE_OPTIMIZED_WASM=true', () => {
    expect(loadConfig({ HUB_DATA_DIR: '/srv/hub' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/srv/hub/pglite',
      optimizedWasm: false,
    });
    expect(loadConfig({ HUB_DATA_DIR: '/srv/hub', PGLITE_OPTIMIZED_WASM: 'true' }).database).toMatchObject({
      optimizedWasm: true,
    });
  });

  it('names the variable when its value is not true or false', () => {
    expect(() => loadConfig({ PGLITE_OPTIMIZED_WASM: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ PGLITE_OPTIMIZED_WASM: 'yes' })).toThrow(/PGLITE_OPTIMIZED_WASM/);
  });
});

describe('loadConfig: TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['10.0.0.1', '10.0.0.1'],
    ['10.0.0.0/8, 192.168.1.10,::1', '10.0.0.0/8,192.168.1.10,::1'],
    ['fd00::/64', 'fd00::/64'],
  ])('%s → %s', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '10.0.0.300', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2', ''])(
    'refuses %j unless empty (empty means unset)',
    (value) => {
      if (value === '') expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(false);
      else expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );
});

describe('loadConfig: empty values', () => {
  it('takes an empty value for unset, so PORT= keeps the default port instead of a random one', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ HUB_SECRET: '' }).secret).toBeUndefined();
  });
});
