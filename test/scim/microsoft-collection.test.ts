// Acceptance (issue 5): Microsoft's SCIM reference collection, run with newman against the app on a
// loopback port and a fresh database. Every request must pass except those listed, with the reason,
// in docs/scim-conformance.md (SPEC §7's identity rule makes them fail); the "Get Token" folder is
// skipped because our tokens come from the admin API.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { repositoryPath, sharedPath } from '../helpers/shared.ts';
import { createScimCustomer } from './scim-harness.ts';

interface CollectionItem {
  name: string;
  item?: CollectionItem[];
  request?: unknown;
}

interface NewmanExecution {
  item: { name: string };
  response?: { code: number; stream?: Buffer };
  requestError?: Error;
  assertions?: { assertion: string; error?: { message: string } }[];
}

interface NewmanSummary {
  run: { executions: NewmanExecution[] };
}

interface Newman {
  run(
    options: Record<string, unknown>,
    callback: (error: Error | null, summary: NewmanSummary) => void,
  ): unknown;
}

const newman = createRequire(import.meta.url)('newman') as Newman;

const testApp = useTestApp();

/** The collection's requests in run order, each as `Folder › Request`. */
function flatten(items: CollectionItem[], folder = ''): string[] {
  return items.flatMap((item) =>
    item.item
      ? flatten(item.item, folder ? `${folder} › ${item.name}` : item.name)
      : [folder ? `${folder} › ${item.name}` : item.name],
  );
}

/** The table rows of docs/scim-conformance.md's "Expected failures" section: `| Folder › Request | reason |`. */
async function documentedFailures(): Promise<string[]> {
  const text = await readFile(repositoryPath('docs', 'scim-conformance.md'), 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith('Expected failures'));
  if (!section) throw new Error('docs/scim-conformance.md has no "Expected failures" section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Request') && !line.startsWith('| ---'))
    .map((line) => (line.split('|')[1] ?? '').trim().replaceAll('\\|', '|').replaceAll('`', ''));
}

describe("Microsoft's SCIM reference collection", () => {
  // Some 150 requests against a real server: allow for a loaded CI machine.
  it('passes every request except the documented ones', { timeout: 180_000 }, async () => {
    const scim = await createScimCustomer(testApp());
    const collection = JSON.parse(
      await readFile(sharedPath('reference', 'scim-reference-postman-collection.json'), 'utf8'),
    ) as {
      item: CollectionItem[];
    };
    collection.item = collection.item.filter((item) => item.name !== 'Get Token');
    const names = flatten(collection.item);

    await testApp().app.listen({ host: '127.0.0.1', port: 0 });
    const port = (testApp().app.server.address() as AddressInfo).port;
    const summary = await new Promise<NewmanSummary>((resolve, reject) => {
      newman.run(
        {
          collection,
          reporters: [],
          envVar: [
            { key: 'Protocol', value: 'http' },
            { key: 'Server', value: '127.0.0.1' },
            { key: 'Port', value: `:${port}` },
            { key: 'Api', value: `scim/v2/${scim.customerId}` },
            { key: 'token', value: scim.token },
          ],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });

    const executions = summary.run.executions;
    expect(executions.map((execution) => execution.item.name)).toEqual(
      names.map((name) => name.split(' › ').at(-1)),
    );
    const failed: string[] = [];
    const detail: string[] = [];
    executions.forEach((execution, index) => {
      const errors = (execution.assertions ?? [])
        .filter((assertion) => assertion.error)
        .map((assertion) => assertion.assertion);
      if (execution.requestError) errors.push(`request error: ${execution.requestError.message}`);
      if (errors.length > 0) {
        failed.push(names[index] ?? '?');
        detail.push(
          `${names[index]} (HTTP ${execution.response?.code}): ${errors.join('; ')} ${execution.response?.stream?.toString('utf8').slice(0, 200) ?? ''}`,
        );
      }
    });
    const documented = await documentedFailures();
    expect(failed.sort(), detail.join('\n')).toEqual([...documented].sort());
  });
});
