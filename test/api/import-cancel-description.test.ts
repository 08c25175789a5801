// The OpenAPI description of POST …/imports/{jobId}/cancel says what a cancel does and does not do:
// the import becomes `cancelled`, and the batches committed before the cancel stay applied.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

describe('the cancel operation of imports in the OpenAPI document', () => {
  it('says rows already applied stay applied and what the status becomes', async () => {
    const document = (await harness().app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    const description =
      document.paths['/v1/customers/{customerId}/imports/{importId}/cancel']?.post?.description;
    expect(description).toContain('`status` becomes `cancelled`');
    expect(description).toContain('does not undo rows already applied');
    expect(description).toContain('batches committed before the cancel stay applied');
    expect(description).toContain('409');
  });
});
