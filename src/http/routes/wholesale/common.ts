// Pieces every Wholesale API route shares: the public error responses for the OpenAPI document,
// and absolute resource URLs for `Location` and `{url}`.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { publicUrlOf } from '../public-url.ts';
import { publicErrorResponseSchema } from './schemas.ts';

export const publicErrorResponses = {
  400: publicErrorResponseSchema,
  401: publicErrorResponseSchema,
  403: publicErrorResponseSchema,
  404: publicErrorResponseSchema,
  409: publicErrorResponseSchema,
  413: publicErrorResponseSchema,
  415: publicErrorResponseSchema,
  429: publicErrorResponseSchema,
  500: publicErrorResponseSchema,
  503: publicErrorResponseSchema,
} as const;

export const TAG = 'wholesale';

/**
 * A response the public description documents without a body (202 on customer delete, 204): the
 * handler sends nothing. @fastify/swagger leaves `content` out only for a JSON Schema whose type
 * is 'null', while zod writes z.null() as a nullable string; the metadata says 'null' instead.
 */
export function noContentSchema(description: string) {
  // Optional so that the handler may `send()` nothing at all: Fastify then writes no body.
  return z.null().optional().meta({ type: 'null', description });
}

export function resourcePath(kind: 'customers' | 'subscribers', id: string): string {
  return `/v1/wholesale/${kind}/${id}`;
}

export function resourceUrl(
  app: App,
  request: FastifyRequest,
  kind: 'customers' | 'subscribers',
  id: string,
): string {
  return `${publicUrlOf(app, request)}${resourcePath(kind, id)}`;
}
