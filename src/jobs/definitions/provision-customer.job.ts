// Provisions a customer in the background, or applies an update (status `updating`): the org,
// its locations, the sold packages and the full admin's invite, through the provisioning
// backend (src/services/provisioning/customer-provisioning.ts). Faults become the customer's
// status and errors. The payload's extra fields describe an update; a bare customerId provisions.
import { z } from 'zod';
import { runCustomerProvisioning } from '../../services/provisioning/customer-provisioning.ts';
import { defineJob } from '../job-definition.ts';

export const provisionCustomerJob = defineJob({
  kind: 'provision-customer',
  version: 1,
  payloadSchema: z.object({
    customerId: z.string().uuid(),
    added: z.array(z.string()).optional(),
    removed: z.array(z.string()).optional(),
    locationIds: z.array(z.string().uuid()).optional(),
  }),
  async handle(payload, { db, job }) {
    await runCustomerProvisioning(db, payload, job.id);
  },
});
