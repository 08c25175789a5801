// Schemas of the user lifecycle routes (batch add, package change, repair): the user as the users
// routes show it, with the remedy that a provisioning error carries (SPEC §5).
import { z } from 'zod';
import { userOutput } from '../schemas/users.ts';

export const userErrorOutput = z.object({
  code: z.string(),
  description: z.string(),
  remedy: z
    .string()
    .optional()
    .describe('What fixes it: "Unassign the package from the user, then assign it again."'),
});

export const lifecycleUserOutput = userOutput
  .extend({ errors: z.array(userErrorOutput) })
  .describe('UserWithProvisioning');

export const issueOutput = z.object({
  code: z.string(),
  description: z.string(),
  field: z.string().optional(),
});
