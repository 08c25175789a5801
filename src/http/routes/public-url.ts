// Addresses of the app: for a response (a Location header), and for links sent by email.
import type { FastifyRequest } from 'fastify';
import type { App } from '../app.ts';
import { linkBaseOf } from '../../services/accounts/links.ts';

/**
 * The app's address for a response to this request: HUB_PUBLIC_URL when configured, else the
 * address the request came in on (behind a trusted proxy, its X-Forwarded-* headers).
 */
export function publicUrlOf(app: App, request: FastifyRequest): string {
  const configured = app.config.publicUrl;
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

/** The base of links sent by email (sign-up, invites, password reset): see linkBaseOf. */
export function emailLinkBase(app: App): string {
  return linkBaseOf(app.config);
}
