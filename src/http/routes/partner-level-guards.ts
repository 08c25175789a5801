// Route hooks for partner-level routes (creating customers, the customer precheck), run before the
// body is validated: a customer admin is refused as such (404, as on every partner-level route:
// policy.ts), not told which fields its body lacks. The services check again.
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../domain/errors.ts';
import { assertPartnerAdmin } from '../../services/access/policy.ts';

export async function partnerAdminsOnly(request: FastifyRequest): Promise<void> {
  assertPartnerAdmin(request.serviceContext().actor);
}

/** Any partner role or the operator (a read-only partner admin may run a precheck). */
export async function partnerLevelOnly(request: FastifyRequest): Promise<void> {
  if (request.serviceContext().actor.customerId !== null) throw notFound('Resource', 'Bron');
}
