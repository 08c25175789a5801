// Removes a customer marked `deleting`: first downstream (the provisioning backend), then its
// users (numbers and emails become free), numbers, locations, tokens and admins (ON DELETE
// CASCADE). The audit log keeps the facts.
import { z } from 'zod';
import { runCustomerDeletion } from '../../services/provisioning/customer-provisioning.ts';
import { defineJob } from '../job-definition.ts';

export const deleteCustomerJob = defineJob({
  kind: 'delete-customer',
  version: 1,
  payloadSchema: z.object({ customerId: z.string().uuid() }),
  async handle({ customerId }, { db, job }) {
    await runCustomerDeletion(db, customerId, job.id);
  },
});
