// POST /v1/customers/{customerId}/users/{userId}/repair: the one-click remedy of SPEC §5 —
// unassign the package, assign it again — which clears a provisioning error when it works.
import { repairUser } from '../../services/provisioning/change-package.ts';
import type { App } from '../app.ts';
import { errorResponses } from '../schemas/common.ts';
import { userParams } from './user-package.ts';
import { lifecycleUserOutput } from './user-lifecycle-schemas.ts';

export async function userRepairRoutes(app: App): Promise<void> {
  app.post(
    '/v1/customers/:customerId/users/:userId/repair',
    {
      schema: {
        tags: ['users'],
        summary: 'Repair a user in error: unassign the package, then assign it again',
        params: userParams,
        response: { 200: lifecycleUserOutput, ...errorResponses },
      },
    },
    async (request) => repairUser(request.serviceContext(), request.params.customerId, request.params.userId),
  );
}
