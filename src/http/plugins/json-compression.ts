// Compresses big JSON answers (a 200-row user page is about 158 kB, the OpenAPI document over
// 600 kB) for a client that accepts Brotli or gzip. Only from COMPRESS_JSON_FROM bytes: the hot
// 50-row user page (about 30 kB, SPEC §11's p99 target) is sent as it is and pays a length check,
// nothing more. Streams (CSV exports, files) are left alone; the web app's files come compressed
// from the build (web-static.ts).
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

export const COMPRESS_JSON_FROM = 64 * 1024;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

type Encoding = 'br' | 'gzip';

/** The encoding to answer in: Brotli, else gzip, when the client accepts it (`q` above 0). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [token = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    accepted.set(token, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const quality = (encoding: Encoding) => accepted.get(encoding) ?? accepted.get('*') ?? 0;
  if (quality('br') > 0) return 'br';
  if (quality('gzip') > 0) return 'gzip';
  return null;
}

function addVary(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  const value = Array.isArray(current) ? current.join(', ') : current === undefined ? '' : String(current);
  if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(value)) return;
  reply.header('vary', value ? `${value}, accept-encoding` : 'accept-encoding');
}

export const jsonCompressionPlugin = fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      // A string's length is at most its UTF-8 size: the cheap test first.
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      if (payload.length < COMPRESS_JSON_FROM || reply.hasHeader('content-encoding')) return payload;
      if (!/^application\/(?:[\w.-]+\+)?json\b/i.test(String(reply.getHeader('content-type') ?? '')))
        return payload;
      addVary(reply);
      const encoding = chooseEncoding(request.headers['accept-encoding']);
      if (!encoding) return payload;
      // Fast levels: a 158 kB page compresses in about a millisecond to a sixth of its size; the
      // strongest levels cost tens of times more for a few per cent.
      const compressed =
        encoding === 'br'
          ? await brotli(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
          : await gzipped(payload, { level: 6 });
      reply.header('content-encoding', encoding);
      reply.removeHeader('content-length');
      return compressed;
    });
  },
  { name: 'json-compression' },
);
