// /v1/customers/{customerId}/users (SPEC §5, §7).
import { z } from 'zod';
import { PACKAGE_IDS } from '../../domain/packages/catalog.ts';
import {
  createUserWithWarnings,
  deleteUser,
  getVersionedUser,
  listUserViews,
  updateVersionedUser,
} from '../../services/users/user-service.ts';
import type { App } from '../app.ts';
import {
  answerConditionalGet,
  conditionalGetHeaders,
  conditionalGetResponses,
  conditionalWriteHeaders,
  conditionalWriteResponses,
  ETAG_HEADER,
  ifMatchVersions,
  withEtag,
} from '../edit-etag.ts';
import { precompiledOkSerializer } from '../plugins/precompiled-serializer.ts';
import { offsetPageHeaders, offsetQuery, pageQuery, setNextLink } from '../paging.ts';
import { customerParams, errorResponses } from '../schemas/common.ts';
import { createUserInput, updateUserInput, userOutput } from '../schemas/users.ts';
import { warningOutput } from './user-lifecycle-schemas.ts';

const userParams = customerParams.extend({ userId: z.string().min(1) });

/** The created user and what the plan warned about, in the shape the 25-user add uses. */
const createdUserOutput = userOutput
  .extend({
    warnings: z
      .array(warningOutput)
      .describe('Warnings that did not block the add, e.g. preferred_site_missing'),
  })
  .describe('CreatedUser');

/** The user as GET answers it, with its version in `ETag` (ADR 0092). */
const versionedUserOutput = userOutput.meta({ headers: ETAG_HEADER });

/** The changed user with its new `ETag`, and what the change warned about, as create answers it. */
const updatedUserOutput = userOutput
  .extend({
    warnings: z
      .array(warningOutput)
      .describe(
        'Warnings that did not block the change, e.g. phone_plus_restored, preferred_site_missing, add_on_dropped; empty when none',
      ),
  })
  .describe('UpdatedUser')
  .meta({ headers: ETAG_HEADER });

export async function userRoutes(app: App): Promise<void> {
  app.get(
    '/v1/customers/:customerId/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List users (search by name or email, filter by package, status, location)',
        params: customerParams,
        querystring: z.object({
          // As repositories/users.ts listUsers matches: a prefix, unlike the customers list's search.
          search: z
            .string()
            .max(200)
            .optional()
            .describe(
              'The start of the email, first name, last name, display name, or first and last name together (case-insensitive; spaces as typed count as one; % and _ are plain text). A prefix: unlike the customers list, which finds any part of the name, text in the middle of a name finds nothing.',
            ),
          package: z.enum([...PACKAGE_IDS, 'none']).optional(),
          status: z.enum(['provisioned', 'pending_user_migration', 'error']).optional(),
          location: z.string().optional(),
          ...pageQuery,
          // Page N in one request (the users list's `?page=N`, ADR 0094), and its page count.
          ...offsetQuery,
        }),
        response: {
          200: z.object({ items: z.array(userOutput) }).meta({ headers: offsetPageHeaders }),
          ...errorResponses,
        },
      },
      // The busiest read of the API (SPEC §11): its pages skip zod's per-response encoding.
      serializerCompiler: precompiledOkSerializer,
    },
    async (request, reply) => {
      const { max, count, ...filter } = request.query;
      const page = await listUserViews(request.serviceContext(), request.params.customerId, {
        ...filter,
        count: count === 'true',
        limit: max,
      });
      setNextLink(request, reply, page.nextCursor);
      if (page.total !== null) reply.header('x-total-count', String(page.total));
      return { items: [...page.items] };
    },
  );

  app.post(
    '/v1/customers/:customerId/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        description:
          'Refused with 409 `directory_sync_on` while directory sync is on: the directory creates the users (ADR 0067).',
        params: customerParams,
        body: createUserInput,
        response: { 201: createdUserOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { user, warnings } = await createUserWithWarnings(
        request.serviceContext(),
        request.params.customerId,
        request.body,
      );
      return reply
        .status(201)
        .header('location', `/v1/customers/${user.customerId}/users/${user.id}`)
        .send({ ...user, warnings: [...warnings] });
    },
  );

  app.get(
    '/v1/customers/:customerId/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'Get a user',
        params: userParams,
        headers: conditionalGetHeaders,
        response: conditionalGetResponses(versionedUserOutput),
      },
    },
    async (request, reply) => {
      const { view, version } = await getVersionedUser(
        request.serviceContext(),
        request.params.customerId,
        request.params.userId,
      );
      return answerConditionalGet(request, reply, view, version);
    },
  );

  app.patch(
    '/v1/customers/:customerId/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'Update a user',
        description:
          'Send the `ETag` of the user as read as `If-Match`: a change by someone else since then (an admin, an import, SCIM) is refused with 412 `precondition_failed` instead of being overwritten (ADR 0092). The answer carries the warnings of the change, as create, the batch and PUT …/package answer them: a value read differently from how it was typed (`phone_plus_restored`), a missing preferred Webex site, an add-on the new package drops.',
        params: userParams,
        headers: conditionalWriteHeaders,
        body: updateUserInput,
        response: conditionalWriteResponses(updatedUserOutput),
      },
    },
    async (request, reply) => {
      const { view, version, warnings } = await updateVersionedUser(
        request.serviceContext(),
        request.params.customerId,
        request.params.userId,
        request.body,
        ifMatchVersions(request),
      );
      return withEtag(reply, { ...view, warnings: [...warnings] }, version);
    },
  );

  app.delete(
    '/v1/customers/:customerId/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'Remove a user (its number and extension are freed)',
        params: userParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteUser(request.serviceContext(), request.params.customerId, request.params.userId);
      return reply.status(204).send(null);
    },
  );
}
