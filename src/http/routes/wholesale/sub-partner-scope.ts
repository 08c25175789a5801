// `onBehalfOfSubPartnerOrgId` (every Wholesale operation takes it, as published): a partner acting
// for one of its sub-partners. This deployment has no sub-partners, so a request that names one
// cannot be served for it; answering it for the caller's own partner instead would create, change
// or list the wrong organization's customers. Such a request is refused: the sub-partner is not found.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../domain/errors.ts';

export function subPartnerNotFound(): AppError {
  return new AppError(
    'not_found',
    { en: 'Sub-partner organization not found.', nl: 'Subpartnerorganisatie niet gevonden.' },
    [
      {
        code: 'not_found',
        description: 'No sub-partner organization has this ID: this deployment has no sub-partners.',
      },
    ],
  );
}

/** preHandler: after authentication and validation, before any work. */
export async function refuseSubPartnerScope(request: FastifyRequest): Promise<void> {
  const query = request.query as Readonly<Record<string, unknown>> | null | undefined;
  const subPartner = query?.['onBehalfOfSubPartnerOrgId'];
  if (typeof subPartner === 'string' && subPartner.trim() !== '') throw subPartnerNotFound();
}
