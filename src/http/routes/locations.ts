// /v1/customers/{customerId}/locations (SPEC §4).
import { z } from 'zod';
import {
  createLocation,
  deleteLocation,
  getVersionedLocationView,
  listLocationViewPage,
  updateVersionedLocation,
} from '../../services/locations/location-service.ts';
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
import { pageQuery, setNextLink } from '../paging.ts';
import { addressOutput, customerParams, errorResponses } from '../schemas/common.ts';

export const locationInput = z.strictObject({
  name: z.string().min(1).max(80),
  country: z.string().length(2),
  addressLine1: z.string().max(50).nullish(),
  addressLine2: z.string().max(50).nullish(),
  city: z.string().max(100).nullish(),
  stateOrProvince: z.string().max(100).nullish(),
  zipCode: z.string().max(20).nullish(),
  timeZone: z.string().min(1).describe('IANA time zone such as Europe/Amsterdam'),
  language: z
    .string()
    .max(10)
    .nullish()
    .describe('ISO 639-1, optionally _ and an ISO 3166-1 region: nl, nl_NL'),
});

export const locationOutput = z
  .object({
    id: z.string(),
    customerId: z.string(),
    name: z.string(),
    country: z.string(),
    address: addressOutput,
    timeZone: z.string(),
    language: z.string().nullable(),
  })
  .describe('Location');

/** The location as GET and PATCH answer it, with its version in `ETag` (ADR 0092). */
const versionedLocationOutput = locationOutput.meta({ headers: ETAG_HEADER });

const locationParams = customerParams.extend({
  locationId: z.string().min(1).describe('Location id or name'),
});

export async function locationRoutes(app: App): Promise<void> {
  app.get(
    '/v1/customers/:customerId/locations',
    {
      schema: {
        tags: ['locations'],
        summary: 'List locations',
        params: customerParams,
        querystring: z.object(pageQuery),
        response: { 200: z.object({ items: z.array(locationOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await listLocationViewPage(request.serviceContext(), request.params.customerId, {
        cursor: request.query.cursor,
        limit: request.query.max,
      });
      setNextLink(request, reply, page.nextCursor);
      return { items: [...page.items] };
    },
  );

  app.post(
    '/v1/customers/:customerId/locations',
    {
      schema: {
        tags: ['locations'],
        summary: 'Create a location',
        params: customerParams,
        body: locationInput,
        response: { 201: locationOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const location = await createLocation(
        request.serviceContext(),
        request.params.customerId,
        request.body,
      );
      return reply
        .status(201)
        .header('location', `/v1/customers/${location.customerId}/locations/${location.id}`)
        .send(location);
    },
  );

  app.get(
    '/v1/customers/:customerId/locations/:locationId',
    {
      schema: {
        tags: ['locations'],
        summary: 'Get a location',
        params: locationParams,
        headers: conditionalGetHeaders,
        response: conditionalGetResponses(versionedLocationOutput),
      },
    },
    async (request, reply) => {
      const { view, version } = await getVersionedLocationView(
        request.serviceContext(),
        request.params.customerId,
        request.params.locationId,
      );
      return answerConditionalGet(request, reply, view, version);
    },
  );

  app.patch(
    '/v1/customers/:customerId/locations/:locationId',
    {
      schema: {
        tags: ['locations'],
        summary: 'Edit a location',
        description:
          'Send the `ETag` of the location as read as `If-Match`: a change by someone else since then is refused with 412 `precondition_failed` instead of being overwritten (ADR 0092).',
        params: locationParams,
        headers: conditionalWriteHeaders,
        body: locationInput.partial(),
        response: conditionalWriteResponses(versionedLocationOutput),
      },
    },
    async (request, reply) => {
      const { view, version } = await updateVersionedLocation(
        request.serviceContext(),
        request.params.customerId,
        request.params.locationId,
        request.body,
        ifMatchVersions(request),
      );
      return withEtag(reply, view, version);
    },
  );

  app.delete(
    '/v1/customers/:customerId/locations/:locationId',
    {
      schema: {
        tags: ['locations'],
        summary: 'Delete a location that no user or number uses',
        params: locationParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteLocation(request.serviceContext(), request.params.customerId, request.params.locationId);
      return reply.status(204).send(null);
    },
  );
}
