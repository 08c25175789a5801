// Addresses of the app: for a response (a Location header), and for links sent by email.
import type { FastifyRequest } from 'fastify';
import type { App } from '../app.ts';

/**
 * The app's address for a response to this request: HUB_PUBLIC_URL when configured, else the
 * address the request came in on (behind a trusted proxy, its X-Forwarded-* headers).
 */
export function publicUrlOf(app: App, request: FastifyRequest): string {
  const configured = app.config.publicUrl;
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

/**
 * The base of links sent by email (sign-up, invites, password reset): HUB_PUBLIC_URL, else the
 * local address. Never the request's Host or X-Forwarded-Host: the caller chooses those, and a
 * reset link sent to a victim but pointing at the caller's host would hand the caller the token.
 */
export function emailLinkBase(app: App): string {
  return (app.config.publicUrl ?? `http://localhost:${app.config.port}`).replace(/\/+$/, '');
}
