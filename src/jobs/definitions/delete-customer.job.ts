// Removes a customer marked `deleting`: its users (numbers and emails become free), numbers,
// locations, tokens and admins go with it (ON DELETE CASCADE). The audit log keeps the facts.
import { z } from 'zod';
import { defineJob } from '../job-definition.ts';

export const deleteCustomerJob = defineJob({
  kind: 'delete-customer',
  version: 1,
  payloadSchema: z.object({ customerId: z.string().uuid() }),
  async handle({ customerId }, { db }) {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('users').where('customer_id', '=', customerId).execute();
      await trx
        .deleteFrom('customers')
        .where('id', '=', customerId)
        .where('status', '=', 'deleting')
        .execute();
    });
  },
});
