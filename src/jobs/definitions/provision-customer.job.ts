// Provisions a new customer in the background: the org, then status `provisioned`.
// The lifecycle issue replaces the body with the provisioning backend (org, first location,
// admin invite, limits) and the error states; the contract (kind, payload) stays.
import { z } from 'zod';
import { sql } from 'kysely';
import { defineJob } from '../job-definition.ts';

export const provisionCustomerJob = defineJob({
  kind: 'provision-customer',
  version: 1,
  payloadSchema: z.object({ customerId: z.string().uuid() }),
  async handle({ customerId }, { db }) {
    await db
      .updateTable('customers')
      .set({ status: 'provisioned', updated_at: sql`now()` })
      .where('id', '=', customerId)
      .where('status', 'in', ['provisioning', 'updating'])
      .execute();
  },
});
