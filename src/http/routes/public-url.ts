// Links in emails point at the web app: HUB_PUBLIC_URL when configured, else the address the
// request came in on (trustProxy is on, so a proxy's X-Forwarded-* headers count).
import type { FastifyRequest } from 'fastify';
import type { App } from '../app.ts';

export function publicUrlOf(app: App, request: FastifyRequest): string {
  const configured = app.config.publicUrl;
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}
