// Schemas shared by many routes: the error body, ids, addresses.
import { z } from 'zod';

export const errorResponse = z
  .object({
    message: z.string(),
    errors: z.array(z.object({ description: z.string(), code: z.string(), field: z.string().optional() })),
    trackingId: z.string(),
  })
  .describe('Error');

/** The statuses every authenticated route may answer with the error body. */
export const errorResponses = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  429: errorResponse,
} as const;

/**
 * A CSV download's 200 answer, for the OpenAPI document: the file itself (UTF-8), not JSON. Fastify
 * sends the stream as it is, unserialized; `unknown` (not `string`) lets the handler send a stream.
 */
export function csvDownload(description: string) {
  return {
    description,
    content: { 'text/csv': { schema: z.unknown().describe('The CSV file, UTF-8') } },
  } as const;
}

export const customerParams = z.object({
  customerId: z.string().min(1).describe('Customer id (or its externalId)'),
});

export const addressInput = z.strictObject({
  addressLine1: z.string().max(50).nullish(),
  addressLine2: z.string().max(50).nullish(),
  city: z.string().max(100).nullish(),
  stateOrProvince: z.string().max(100).nullish(),
  zipCode: z.string().max(20).nullish(),
});

export const addressOutput = z.object({
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  stateOrProvince: z.string().nullable(),
  zipCode: z.string().nullable(),
});
