// PUT /v1/customers/{customerId}/users/{userId}/package: change a user's package (SPEC §3, §5).
import { z } from 'zod';
import { PACKAGE_IDS } from '../../domain/packages/catalog.ts';
import { changeVersionedUserPackage } from '../../services/provisioning/change-package.ts';
import { withApiField } from '../../services/users/user-input.ts';
import type { App } from '../app.ts';
import {
  conditionalWriteHeaders,
  conditionalWriteResponses,
  ETAG_HEADER,
  ifMatchVersions,
  withEtag,
} from '../edit-etag.ts';
import { customerParams } from '../schemas/common.ts';
import { lifecycleUserOutput, warningOutput } from './user-lifecycle-schemas.ts';

export const userParams = customerParams.extend({ userId: z.string().min(1) });

export async function userPackageRoutes(app: App): Promise<void> {
  app.put(
    '/v1/customers/:customerId/users/:userId/package',
    {
      schema: {
        tags: ['users'],
        summary:
          "Change a user's package (give the calling number information when the new package needs it)",
        description:
          'Send the `ETag` of the user as read (GET …/users/{userId}) as `If-Match`: a change by someone else since then is refused with 412 `precondition_failed` (ADR 0092). The answer carries the new `ETag`.',
        params: userParams,
        headers: conditionalWriteHeaders,
        // Strict, as every admin body: a stray key is a 400 naming it, not a 200 that ignored it.
        body: z.strictObject({
          package: z.enum(PACKAGE_IDS),
          attendantConsole: z
            .boolean()
            .optional()
            .describe(
              'true keeps or assigns the add-on, false removes it; left out: kept where the new package allows it',
            ),
          location: z.string().min(1).optional().describe('Location id or name'),
          extension: z.string().max(10).optional(),
          phoneNumber: z.string().max(32).optional(),
        }),
        response: conditionalWriteResponses(
          z
            .object({ user: lifecycleUserOutput, warnings: z.array(warningOutput) })
            .meta({ headers: ETAG_HEADER }),
        ),
      },
    },
    async (request, reply) => {
      const { user, warnings, version } = await changeVersionedUserPackage(
        request.serviceContext(),
        request.params.customerId,
        request.params.userId,
        { ...request.body, expectedVersions: ifMatchVersions(request) },
      );
      // A warning names the request property (`attendantConsole`), not the planner's column.
      return withEtag(reply, { user, warnings: warnings.map(withApiField) }, version);
    },
  );
}
