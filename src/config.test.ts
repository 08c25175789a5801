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
