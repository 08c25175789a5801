// The per-IP limit of the public routes that take a secret or send an email (sign-in, invite,
// password reset, sign-up, consent; SPEC §10). A bucket is named, not taken from the route, so
// two paths for one step (the web app's and the API's) share one count. The address is the
// rate-limit plugin's normal form: an IPv4-mapped IPv6 address counts as its IPv4 address, and
// IPv6 addresses count per /64, the block one subscriber is given, so rotating through it gains
// nothing.
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

export interface PerClientLimit {
  readonly max: number;
  readonly timeWindow: string;
  readonly keyGenerator: (request: FastifyRequest) => string;
}

export function perClientLimit(bucket: string, maxPerMinute: number): PerClientLimit {
  return {
    max: maxPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => `${bucket}:${normalizeIP(request.ip)}`,
  };
}
