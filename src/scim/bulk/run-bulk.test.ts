import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { runBulk } from './run-bulk.ts';
import type { BulkDispatcher, BulkDispatchResult } from './run-bulk.ts';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

function recorder(failPaths: string[] = []): { dispatch: BulkDispatcher; calls: JsonObject[] } {
  const calls: JsonObject[] = [];
  let next = 0;
  const dispatch: BulkDispatcher = async (operation): Promise<BulkDispatchResult> => {
    calls.push({ ...operation } as JsonObject);
    if (failPaths.includes(operation.path))
      return { status: 409, body: { detail: 'conflict' } as JsonObject };
    if (operation.method === 'POST') {
      next++;
      return {
        status: 201,
        body: { id: `id${next}` } as JsonObject,
        location: `/x/id${next}`,
        etag: 'W/"1"',
      };
    }
    return { status: operation.method === 'DELETE' ? 204 : 200 };
  };
  return { dispatch, calls };
}

describe('runBulk', () => {
  it('runs in order and resolves bulkId references', async () => {
    const { dispatch, calls } = recorder();
    const response = await runBulk(
      {
        schemas: [BULK],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'u', data: { userName: 'a@b.org' } },
          {
            method: 'post',
            path: '/Groups',
            bulkId: 'g',
            data: { displayName: 'G', members: [{ value: 'bulkId:u' }] },
          },
          { method: 'DELETE', path: '/Users/bulkId:u' },
        ],
      },
      dispatch,
    );
    expect(calls[1]?.data).toEqual({ displayName: 'G', members: [{ value: 'id1' }] });
    expect(calls[2]?.path).toBe('/Users/id1');
    expect(response.Operations).toEqual([
      { method: 'POST', bulkId: 'u', status: '201', location: '/x/id1', version: 'W/"1"' },
      { method: 'POST', bulkId: 'g', status: '201', location: '/x/id2', version: 'W/"1"' },
      { method: 'DELETE', status: '204' },
    ]);
  });

  it('stops after failOnErrors errors', async () => {
    const { dispatch, calls } = recorder(['/Users/a', '/Users/b']);
    const response = await runBulk(
      {
        schemas: [BULK],
        failOnErrors: 1,
        Operations: [
          { method: 'DELETE', path: '/Users/a' },
          { method: 'DELETE', path: '/Users/b' },
          { method: 'DELETE', path: '/Users/c' },
        ],
      },
      dispatch,
    );
    expect(calls).toHaveLength(1);
    expect(response.Operations).toEqual([
      { method: 'DELETE', status: '409', response: { detail: 'conflict' } },
    ]);
  });

  it('reports a bad operation without stopping the others', async () => {
    const { dispatch } = recorder();
    const response = await runBulk(
      {
        schemas: [BULK],
        Operations: [
          { method: 'GET', path: '/Users' },
          { method: 'DELETE', path: '/Users/x' },
        ],
      },
      dispatch,
    );
    const operations = response.Operations as JsonObject[];
    expect(operations[0]).toMatchObject({
      status: '400',
      response: { scimType: 'invalidSyntax', status: '400' },
    });
    expect(operations[1]).toMatchObject({ status: '204' });
  });

  it('an unresolved bulkId is an error of that operation', async () => {
    const { dispatch } = recorder();
    const response = await runBulk(
      { schemas: [BULK], Operations: [{ method: 'DELETE', path: '/Users/bulkId:nope' }] },
      dispatch,
    );
    expect((response.Operations as JsonObject[])[0]).toMatchObject({ status: '409' });
  });

  it('refuses a POST whose bulkId an earlier operation took: references stay with the first (RFC 7644 §3.7)', async () => {
    const { dispatch, calls } = recorder();
    const response = await runBulk(
      {
        schemas: [BULK],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'u', data: { userName: 'a@b.org' } },
          { method: 'POST', path: '/Users', bulkId: 'u', data: { userName: 'c@d.org' } },
          { method: 'DELETE', path: '/Users/bulkId:u' },
        ],
      },
      dispatch,
    );
    expect(calls.map((call) => call.path)).toEqual(['/Users', '/Users/id1']);
    const operations = response.Operations as JsonObject[];
    expect(operations[1]).toMatchObject({
      method: 'POST',
      bulkId: 'u',
      status: '400',
      response: { scimType: 'invalidValue', status: '400' },
    });
    expect(operations[2]).toMatchObject({ method: 'DELETE', status: '204' });
  });

  it('refuses more than 100 operations with 413', async () => {
    const { dispatch } = recorder();
    const operations = Array.from({ length: 101 }, () => ({ method: 'DELETE', path: '/Users/x' }));
    await expect(runBulk({ schemas: [BULK], Operations: operations }, dispatch)).rejects.toMatchObject({
      status: 413,
    });
  });
});
