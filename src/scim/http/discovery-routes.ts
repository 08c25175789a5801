import type { FastifyInstance } from 'fastify';
import { SCHEMAS } from '../discovery/schema-definitions.ts';
import { resourceTypes, serviceProviderConfig } from '../discovery/service-provider-config.ts';
import { ScimError } from '../errors.ts';
import { listResponse } from './list-response.ts';
import { scimState, sendScim } from './scim-request.ts';
import { spellings } from './user-routes.ts';

type IdParams = { Params: { customerId: string; id: string } };

export async function discoveryRoutes(app: FastifyInstance): Promise<void> {
  for (const path of [...spellings('/ServiceProviderConfig'), ...spellings('/serviceConfiguration')]) {
    app.get(path, async (request, reply) =>
      sendScim(reply, 200, serviceProviderConfig(scimState(request).baseUrl)),
    );
  }
  for (const base of spellings('/ResourceTypes')) registerResourceTypes(app, base);
  for (const base of spellings('/Schemas')) registerSchemas(app, base);
}

function registerResourceTypes(app: FastifyInstance, base: string): void {
  app.get(base, async (request, reply) => {
    const types = resourceTypes(scimState(request).baseUrl);
    return sendScim(reply, 200, listResponse(types, types.length, 1));
  });
  app.get<IdParams>(`${base}/:id`, async (request, reply) => {
    const found = resourceTypes(scimState(request).baseUrl).find(
      (type) => String(type.id).toLowerCase() === request.params.id.toLowerCase(),
    );
    if (!found) throw new ScimError(404, undefined, `Resource type "${request.params.id}" not found`);
    return sendScim(reply, 200, found);
  });
}

function registerSchemas(app: FastifyInstance, base: string): void {
  app.get(base, async (request, reply) => {
    const baseUrl = scimState(request).baseUrl;
    const schemas = SCHEMAS.map((schema) => ({
      ...schema,
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${String(schema.id)}` },
    }));
    return sendScim(reply, 200, listResponse(schemas, schemas.length, 1));
  });
  app.get<IdParams>(`${base}/:id`, async (request, reply) => {
    const found = SCHEMAS.find(
      (schema) => String(schema.id).toLowerCase() === request.params.id.toLowerCase(),
    );
    if (!found) throw new ScimError(404, undefined, `Schema "${request.params.id}" not found`);
    return sendScim(reply, 200, {
      ...found,
      meta: { resourceType: 'Schema', location: `${scimState(request).baseUrl}/Schemas/${String(found.id)}` },
    });
  });
}
