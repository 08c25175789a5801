// POST /v1/customers/{customerId}/users/batch: the manual add of 1–25 users (SPEC §5, help text
// "Add users by hand"). Every user gets its own result; one bad user never blocks the others;
// 26 users are refused with a clear message and nothing is stored; so is the whole batch, with 409,
// while directory sync is on (the directory creates the users, ADR 0067).
import { z } from 'zod';
import { addUsers, MAX_MANUAL_ADD } from '../../services/provisioning/add-users.ts';
import { withApiField } from '../../services/users/user-input.ts';
import type { App } from '../app.ts';
import { toErrorResponse } from '../errors.ts';
import { customerParams, errorResponses } from '../schemas/common.ts';
import { createUserInput } from '../schemas/users.ts';
import { addRetryAfter } from './retry-after.ts';
import { issueOutput, lifecycleUserOutput, warningOutput } from './user-lifecycle-schemas.ts';

const batchResult = z.object({
  email: z.string(),
  result: z.enum(['created', 'pending_user_migration', 'failed']),
  status: z.number().int().describe('The HTTP status this user would have had on its own'),
  user: lifecycleUserOutput.optional(),
  errors: z.array(issueOutput),
  warnings: z.array(warningOutput),
});

export async function batchUserRoutes(app: App): Promise<void> {
  addRetryAfter(app);
  app.post(
    '/v1/customers/:customerId/users/batch',
    {
      schema: {
        tags: ['users'],
        summary: `Add up to ${MAX_MANUAL_ADD} users at once (each validated like a CSV row)`,
        description:
          'Refused as a whole with 409 `directory_sync_on` while directory sync is on: the directory creates the users (ADR 0067). Unlike a CSV row, which only warns, a user with a `location` it would not get fails with 400: `unknown_location`, or `location_not_used` for a package without a location (as on create and PATCH).',
        params: customerParams,
        body: z.strictObject({ users: z.array(createUserInput).min(1) }),
        response: {
          200: z.object({
            counts: z.object({ created: z.number(), pendingUserMigration: z.number(), failed: z.number() }),
            results: z.array(batchResult),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const results = await addUsers(request.serviceContext(), request.params.customerId, request.body.users);
      const presented = results.map((result) => {
        if (result.result === 'failed') {
          const { status, body } = toErrorResponse(request, result.error);
          return { email: result.email, result: result.result, status, errors: body.errors, warnings: [] };
        }
        return {
          email: result.email,
          result: result.result,
          status: result.result === 'created' ? 201 : 202,
          user: result.user,
          errors: [],
          warnings: result.warnings.map(withApiField),
        };
      });
      return {
        counts: {
          created: presented.filter((r) => r.result === 'created').length,
          pendingUserMigration: presented.filter((r) => r.result === 'pending_user_migration').length,
          failed: presented.filter((r) => r.result === 'failed').length,
        },
        results: presented,
      };
    },
  );
}
