// Security headers on every answer (ADR 0078), through @fastify/helmet:
// - a Content-Security-Policy that the built web app (Vite + Mantine) and the Swagger UI at /docs
//   run under: scripts only from our origin; styles from our origin plus inline, because Mantine
//   writes its CSS variables into a <style> element at run time (and Swagger UI styles inline);
//   `frame-ancestors 'none'` and X-Frame-Options DENY against clickjacking;
// - Referrer-Policy no-referrer: invite and password-reset links carry their token in the URL;
// - X-Content-Type-Options nosniff;
// - Strict-Transport-Security only where the app is reached over https (the request says so,
//   behind TRUST_PROXY through X-Forwarded-Proto, or HUB_PUBLIC_URL is https): on a plain-http
//   deployment (a laptop, a LAN address) the header would be ignored at best;
// - Cache-Control no-store on every API answer (/v1, /scim, /internal): most need authentication
//   and carry tenants' data, CSRF tokens, CSV exports and error reports, which no browser or proxy
//   may keep. A route that chose its own Cache-Control keeps it; static files are not touched.
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityHeadersOptions {
  /** HUB_PUBLIC_URL: when it is https, every answer carries HSTS. */
  readonly publicUrl?: string | undefined;
}

/** The policy, one directive a key, as helmet takes it (and as the ADR explains each). */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  // The favicon is a data: URL; Swagger UI draws its icons from data: URLs too.
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // Mantine's MantineProvider injects <style> elements (CSS variables) at run time: without
  // 'unsafe-inline' (or a nonce Mantine reads) the app renders unstyled.
  'style-src': ["'self'", "'unsafe-inline'"],
};

export const HSTS_VALUE = 'max-age=31536000';

const NO_STORE_PREFIXES = ['/v1/', '/scim/', '/internal/'];

function isApiPath(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return NO_STORE_PREFIXES.some((prefix) => pathname.startsWith(prefix) || pathname === prefix.slice(0, -1));
}

function isHttpsPublicUrl(publicUrl: string | undefined): boolean {
  if (!publicUrl) return false;
  try {
    return new URL(publicUrl).protocol === 'https:';
  } catch {
    return false;
  }
}

function reachedOverHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, options: SecurityHeadersOptions) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: Object.fromEntries(
          Object.entries(CONTENT_SECURITY_POLICY).map(([name, values]) => [name, [...values]]),
        ),
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      // Set below, only where the app is reached over https.
      strictTransportSecurity: false,
    });
    const alwaysHttps = isHttpsPublicUrl(options.publicUrl);
    // onSend, not onRequest: it also covers answers sent before routing or by an early hook.
    app.addHook('onSend', async (request, reply, payload) => {
      if (alwaysHttps || reachedOverHttps(request)) reply.header('strict-transport-security', HSTS_VALUE);
      if (isApiPath(request.url) && !reply.hasHeader('cache-control'))
        reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'security-headers' },
);
