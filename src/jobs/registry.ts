// Every job definition the workers run. Add one line per definition.
import type { JobDefinition } from './job-definition.ts';
import { deleteCustomerJob } from './definitions/delete-customer.job.ts';
import { provisionCustomerJob } from './definitions/provision-customer.job.ts';
import { importUsersJob } from './definitions/import-users.job.ts';
import { deliverEmailJob } from './definitions/deliver-email.job.ts';
import { sendPasswordResetJob } from './definitions/send-password-reset.job.ts';
import { signUpJob } from './definitions/sign-up.job.ts';

export const jobDefinitions: readonly JobDefinition[] = [
  provisionCustomerJob,
  deleteCustomerJob,
  importUsersJob,
  deliverEmailJob,
  sendPasswordResetJob,
  signUpJob,
];
