// /v1/admins: the admin accounts the caller may manage (SPEC §1, §7). Invites go out by email.
import { z } from 'zod';
import {
  deleteAdminAccount,
  getAdminView,
  inviteAdmin,
  listAdminViews,
  resendInvite,
  updateAdminAccount,
} from '../../services/admins/admin-service.ts';
import type { App } from '../app.ts';
import { pageQuery, setNextLink } from '../paging.ts';
import { errorResponses } from '../schemas/common.ts';
import { emailLinkBase } from './public-url.ts';
import { addRetryAfter } from './retry-after.ts';
import { ROLES } from '../../db/schema.ts';

export const roleSchema = z.enum(ROLES);

const adminOutput = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string().nullable(),
    role: roleSchema,
    partnerId: z.string(),
    customerId: z.string().nullable(),
    customerName: z
      .string()
      .nullable()
      .describe('The customer a customer admin belongs to (null for partner admins)'),
    status: z.enum(['invited', 'active', 'disabled']),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .describe('Admin');

const adminParams = z.object({ adminId: z.string().min(1) });

export async function adminRoutes(app: App): Promise<void> {
  // A re-sent invite within the per-recipient email limit (ADR 0002) says when to try again.
  addRetryAfter(app);
  app.get(
    '/v1/admins',
    {
      schema: {
        tags: ['admins'],
        summary: 'List admin accounts',
        querystring: z.object({
          customerId: z.string().optional().describe("Only this customer's admins"),
          ...pageQuery,
        }),
        response: { 200: z.object({ items: z.array(adminOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { max, ...filter } = request.query;
      const page = await listAdminViews(request.serviceContext(), { ...filter, limit: max });
      setNextLink(request, reply, page.nextCursor);
      return { items: [...page.items] };
    },
  );

  app.post(
    '/v1/admins',
    {
      schema: {
        tags: ['admins'],
        summary: 'Invite an admin (an email with a link to set the password)',
        body: z.strictObject({
          email: z.string().min(3).max(254),
          role: roleSchema,
          displayName: z.string().max(200).optional(),
          customerId: z.string().optional().describe('Required for the customer roles'),
        }),
        response: { 201: adminOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const admin = await inviteAdmin(request.serviceContext(), request.body, emailLinkBase(app));
      return reply.status(201).header('location', `/v1/admins/${admin.id}`).send(admin);
    },
  );

  app.get(
    '/v1/admins/:adminId',
    {
      schema: {
        tags: ['admins'],
        summary: 'Get an admin account',
        params: adminParams,
        response: { 200: adminOutput, ...errorResponses },
      },
    },
    async (request) => getAdminView(request.serviceContext(), request.params.adminId),
  );

  app.patch(
    '/v1/admins/:adminId',
    {
      schema: {
        tags: ['admins'],
        summary: 'Change the role, name or status (disable) of an admin account',
        params: adminParams,
        body: z.strictObject({
          role: roleSchema.optional(),
          displayName: z.string().max(200).nullable().optional(),
          status: z.enum(['active', 'disabled']).optional(),
        }),
        response: { 200: adminOutput, ...errorResponses },
      },
    },
    async (request) => updateAdminAccount(request.serviceContext(), request.params.adminId, request.body),
  );

  app.delete(
    '/v1/admins/:adminId',
    {
      schema: {
        tags: ['admins'],
        summary: 'Delete an admin account',
        params: adminParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteAdminAccount(request.serviceContext(), request.params.adminId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/admins/:adminId/invite',
    {
      schema: {
        tags: ['admins'],
        summary: 'Send the invite again (the older link stops working)',
        params: adminParams,
        response: { 200: adminOutput, ...errorResponses },
      },
    },
    async (request) => resendInvite(request.serviceContext(), request.params.adminId, emailLinkBase(app)),
  );
}
