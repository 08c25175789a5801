// Messages follow Accept-Language (SPEC §7): Dutch when the client prefers it, else English.
import type { FastifyRequest } from 'fastify';
import type { Locale } from '../services/context.ts';

export function parseLocale(header: string | undefined): Locale {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    // q=0 is "not acceptable" (RFC 9110 §12.4.2): it never picks a language.
    .filter((entry) => entry.tag && !Number.isNaN(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('nl')) return 'nl';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function localeOf(request: FastifyRequest): Locale {
  return parseLocale(request.headers['accept-language']);
}
