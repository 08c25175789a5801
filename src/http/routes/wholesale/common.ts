// Pieces every Wholesale API route shares: the public error responses for the OpenAPI document,
// and absolute resource URLs for `Location` and `{url}`.
import type { FastifyRequest } from 'fastify';
import type { App } from '../../app.ts';
import { publicUrlOf } from '../public-url.ts';
import { publicErrorResponseSchema } from './schemas.ts';

export const publicErrorResponses = {
  400: publicErrorResponseSchema,
  401: publicErrorResponseSchema,
  403: publicErrorResponseSchema,
  404: publicErrorResponseSchema,
  409: publicErrorResponseSchema,
  429: publicErrorResponseSchema,
  503: publicErrorResponseSchema,
} as const;

export const TAG = 'wholesale';

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
