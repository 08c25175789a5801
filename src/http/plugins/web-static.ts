// Serves the built web app (web/dist) at `/`, with the SPA fallback: any GET that is not an API,
// SCIM, docs or probe path and names no file gets index.html, so deep links such as
// /control/<id>/users work after a reload; a missing file under /assets/ is a 404. Without a build
// the server runs API-only. The build writes a Brotli and a gzip copy next to each text file
// (web/vite.config.ts): a browser that accepts one gets it, with `Vary: Accept-Encoding` on every
// such answer (compressed or not, so a shared cache keeps them apart); others get the plain file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { WEB_DIST_DIR } from '../../project-paths.ts';
import { sendFrameworkError } from './framework-errors.ts';

const serverPrefixes = ['/v1/', '/scim/', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics'];

export function isAppPath(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return !serverPrefixes.some(
    (prefix) => pathname === prefix.replace(/\/$/, '') || pathname.startsWith(prefix),
  );
}

function hasOverlongSegment(url: string, maxLength: number): boolean {
  const pathname = url.split('?')[0] ?? '';
  return pathname.split('/').some((segment) => {
    // The router measures the decoded parameter.
    try {
      return decodeURIComponent(segment).length > maxLength;
    } catch {
      return segment.length > maxLength;
    }
  });
}

function isCompressedCopy(file: string): boolean {
  return file.endsWith('.br') || file.endsWith('.gz');
}

export const webStaticPlugin = fp(
  async (app: FastifyInstance, options: { root?: string }) => {
    const root = options.root ?? WEB_DIST_DIR;
    if (!existsSync(path.join(root, 'index.html'))) {
      app.log.warn({ root }, 'web app not built (npm run build:web): serving the API only');
      return;
    }
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      // The copies are only ever sent in their file's place, never at a URL of their own.
      globIgnore: ['**/*.br', '**/*.gz'],
      // Hashed assets never change; index.html must always be fresh.
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    const maxParamLength = app.initialConfig.maxParamLength ?? 100;
    // A catch-all (authentication.ts): an unknown /v1 path answers 404 before any 401.
    app.get('/*', { schema: { hide: true }, config: { catchAll: true } }, (request, reply) => {
      if (!isAppPath(request.url)) {
        // An API path whose parameter is over the router's limit matched no API route and fell
        // through to this one: answer as the router would without it (414 in the API's shape).
        if (hasOverlongSegment(request.url, maxParamLength)) {
          const error = Object.assign(new Error('A path parameter is too long.'), {
            code: 'FST_ERR_MAX_PARAM_LENGTH',
            statusCode: 414,
          });
          return sendFrameworkError(error, request, reply);
        }
        return reply.callNotFound();
      }
      const wanted = (request.url.split('?')[0] ?? '/').replace(/^\/+/, '');
      if (
        wanted &&
        !wanted.includes('..') &&
        !isCompressedCopy(wanted) &&
        existsSync(path.join(root, wanted)) &&
        path.extname(wanted)
      ) {
        return reply.sendFile(wanted);
      }
      // A hashed chunk that is gone (a tab left open across a release asks for the old one) is a
      // 404: index.html in its place would reach the browser as a broken script module.
      if (wanted.startsWith('assets/')) return reply.callNotFound();
      return reply.type('text/html').sendFile('index.html');
    });
  },
  { name: 'web-static' },
);
