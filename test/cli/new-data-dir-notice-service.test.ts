// `hub serve` and `hub worker` write JSON log lines on stderr, one object per line
// (docs/operations.md): the notice that a new embedded database was started is logged there, not
// printed as plain text among the JSON. Other commands print it on stderr, their message channel.
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createCliContext } from '../../src/cli/cli-context.ts';
import { bufferedIo } from '../../src/cli/io.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger, type Runtime } from '../../src/runtime.ts';

function newDatabaseRuntime(lines: string[]): () => Promise<Runtime> {
  const config = loadConfig({ HUB_DATA_DIR: '/tmp/hub-notice-data', LOG_LEVEL: 'info' });
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  // Only what the notice reads: the command never runs.
  const runtime = {
    config,
    logger: createLogger(config, stream),
    createdDatabase: true,
    close: async () => undefined,
  };
  return async () => runtime as unknown as Runtime;
}

it('logs the notice as one JSON line for hub serve and hub worker, and prints nothing', async () => {
  const lines: string[] = [];
  const io = bufferedIo('/tmp');
  const cli = createCliContext(io, newDatabaseRuntime(lines));
  await cli.runtime({ service: true });
  expect(io.stderr).toBe('');
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0] ?? '') as { level: number; msg: string; dataDir: string };
  expect(line).toMatchObject({ level: 30, dataDir: '/tmp/hub-notice-data' });
  expect(line.msg).toContain('started a new embedded database');
});

it('prints it on stderr for other commands, as before', async () => {
  const lines: string[] = [];
  const io = bufferedIo('/tmp');
  const cli = createCliContext(io, newDatabaseRuntime(lines));
  await cli.runtime();
  expect(io.stderr).toBe(
    'Started a new embedded database in /tmp/hub-notice-data (HUB_DATA_DIR, default ./data of the current folder).\n',
  );
  expect(lines).toEqual([]);
});
