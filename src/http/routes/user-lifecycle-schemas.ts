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

/**
 * A warning that did not block the write: the issue shape plus the values its text names, the same
 * `params` an import row's issue carries (e.g. `phone_plus_restored`: `value` as typed, `number` as
 * read; `add_on_dropped`: `addOn` and the new `package`), so a client can word it in any language.
 */
export const warningOutput = issueOutput
  .extend({
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .describe(
        'The values the description names, by code: preferred_site_missing and calling_fields_ignored {package}; add_on_dropped {addOn, package}; phone_plus_restored {value, number}',
      ),
  })
  .describe('Warning');
