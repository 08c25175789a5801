import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RawBuilder } from 'kysely';
import { SCIM_USER_COLUMNS } from '../../db/repositories/scim-users.ts';
import type { ScimUserRecord } from '../../db/repositories/scim-users.ts';
import {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  replaceScimUser,
  VERSION_MISMATCH,
} from '../../services/scim/scim-user-service.ts';
import { AppError } from '../../domain/errors.ts';
import { ScimError } from '../errors.ts';
import { matchesFilter } from '../filter/evaluator.ts';
import type { AttributePath } from '../filter/ast.ts';
import { filterToSql } from '../filter/filter-to-sql.ts';
import type { SqlColumn } from '../filter/filter-to-sql.ts';
import { parseAttributePath } from '../filter/attribute-path.ts';
import { getCi, isJsonObject } from '../json.ts';
import type { JsonObject } from '../json.ts';
import { parsePatchRequest } from '../patch/parse-patch-request.ts';
import { projectAttributes } from '../resources/project-attributes.ts';
import type { Projection } from '../resources/project-attributes.ts';
import { sortResources } from '../resources/sort-resources.ts';
import {
  canonicalSchemaUrn,
  ENTERPRISE_USER_SCHEMA,
  isCoreSchema,
  PRODUCT_USER_SCHEMA,
} from '../schema-urns.ts';
import { assertActiveNotNull, assertActiveStaysAssigned } from '../users/active-stays-assigned.ts';
import { parseScimUser } from '../users/scim-user-input.ts';
import type { ScimProductFields, ScimUserInput } from '../users/scim-user-input.ts';
import { etagOf, renderScimUser } from '../users/render-scim-user.ts';
import type { StoredScimUser } from '../users/render-scim-user.ts';
import { listResponse, parseListQuery, parseProjection } from './list-response.ts';
import type { RawListQuery } from './list-response.ts';
import { patchedResource } from './patched-resource.ts';
import { ifMatchVersion, ifNoneMatchHits, scimState, sendScim } from './scim-request.ts';
import { invalidValue } from '../errors.ts';

type IdParams = { Params: { customerId: string; id: string } };

function userColumn(path: AttributePath): SqlColumn | undefined {
  let key: string;
  if (path.uri === undefined || isCoreSchema(path.uri))
    key = path.subAttr ? `${path.attr}.${path.subAttr}` : path.attr;
  else if (canonicalSchemaUrn(path.uri) === ENTERPRISE_USER_SCHEMA && path.subAttr === undefined)
    key = `enterprise:${path.attr}`;
  else return undefined;
  // Own names only: a client's `constructor` must not find what every object inherits (a 500).
  const name = key.toLowerCase();
  return Object.hasOwn(SCIM_USER_COLUMNS, name) ? SCIM_USER_COLUMNS[name] : undefined;
}

function render(record: ScimUserRecord, baseUrl: string): JsonObject {
  return renderScimUser(record as StoredScimUser, baseUrl);
}

/** PATCH answers 204 (what Entra ID and Microsoft's collection expect) unless the client asks for the resource. */
export function wantsRepresentation(request: FastifyRequest, projection: Projection): boolean {
  if (projection.attributes !== undefined || projection.excludedAttributes !== undefined) return true;
  const prefer = request.headers.prefer;
  if (typeof prefer === 'string' && /return=representation/i.test(prefer)) return true;
  const agent = request.headers['user-agent'];
  return typeof agent === 'string' && /okta/i.test(agent);
}

async function listUsers(request: FastifyRequest, raw: RawListQuery): Promise<JsonObject> {
  const state = scimState(request);
  const query = parseListQuery(raw);
  const { startIndex, count } = query.paging;
  const where = query.filter === undefined ? undefined : filterToSql(query.filter, userColumn);
  let sortColumn: SqlColumn | undefined;
  if (query.sortBy !== undefined) sortColumn = userColumn(parseAttributePath(query.sortBy, invalidValue));
  const inSql =
    (query.filter === undefined || where !== undefined) &&
    (query.sortBy === undefined || sortColumn !== undefined);
  let resources: JsonObject[];
  let total: number;
  if (inSql) {
    const result = await listScimUsers(state.context, state.customerId, {
      ...(where !== undefined ? { where } : {}),
      ...(sortColumn !== undefined
        ? {
            orderBy: {
              expr: sortColumn.expr as RawBuilder<unknown>,
              descending: query.sortOrder === 'descending',
            },
          }
        : {}),
      offset: startIndex - 1,
      limit: count,
    });
    total = result.total;
    resources = result.records.map((record) => render(record, state.baseUrl));
  } else {
    // A filter or sort on attributes without a column (emails, addresses…): evaluated over the
    // customer's users with the same semantics (evaluator.ts).
    const result = await listScimUsers(state.context, state.customerId, { offset: 0, limit: null });
    let all = result.records.map((record) => render(record, state.baseUrl));
    const filter = query.filter;
    if (filter !== undefined) all = all.filter((resource) => matchesFilter(filter, resource));
    if (query.sortBy !== undefined) all = sortResources(all, query.sortBy, query.sortOrder);
    total = all.length;
    resources = all.slice(startIndex - 1, startIndex - 1 + count);
  }
  return listResponse(
    resources.map((resource) => projectAttributes(resource, query.projection)),
    total,
    startIndex,
  );
}

async function patchUser(request: FastifyRequest<IdParams>): Promise<ScimUserRecord> {
  const state = scimState(request);
  const operations = parsePatchRequest(request.body);
  const ifMatch = ifMatchVersion(request);
  // Optimistic: read, patch in memory, write if nobody wrote in between (else read again).
  for (let attempt = 0; ; attempt++) {
    const record = await getScimUser(state.context, state.customerId, request.params.id);
    if (ifMatch !== undefined && ifMatch !== record.version)
      throw new ScimError(412, undefined, 'The user changed since the version you sent (If-Match).');
    const before = render(record, state.baseUrl);
    const patched = patchedResource(before, operations);
    assertActiveStaysAssigned(patched);
    delete patched.groups;
    const input = clearsRemovedProductFields(parseScimUser(patched, before), before);
    try {
      return await replaceScimUser(state.context, state.customerId, record.id, input, record.version);
    } catch (error) {
      const raced =
        error instanceof AppError && error.details.some((detail) => detail.code === VERSION_MISMATCH);
      if (!raced || ifMatch !== undefined || attempt >= 2) throw error;
    }
  }
}

/**
 * A PATCH result is the whole resource: a package, location or extension it no longer has (`remove`
 * of `…:User:package` or of the extension) is a clear, as `replace` with "" is, not "left out" as in
 * a PUT (RFC 7644 §3.5.1 lets a PUT leave readWrite attributes unasserted). The service refuses
 * clearing a held value (400 mutability) instead of answering 204 and keeping it.
 */
function clearsRemovedProductFields(input: ScimUserInput, before: JsonObject): ScimUserInput {
  const product: { -readonly [K in keyof ScimProductFields]: ScimProductFields[K] } = { ...input.product };
  if (product.packageId === undefined && hasProductValue(before, 'package')) product.packageId = null;
  if (product.location === undefined && hasProductValue(before, 'location')) product.location = null;
  if (product.extension === undefined && hasProductValue(before, 'extension')) product.extension = null;
  return { ...input, product };
}

function hasProductValue(resource: JsonObject, attribute: string): boolean {
  const product = resource[PRODUCT_USER_SCHEMA];
  if (!isJsonObject(product)) return false;
  const value = getCi(product, attribute);
  return typeof value === 'string' && value.trim() !== '';
}

/** Endpoint paths as RFC 7644 spells them, and lower-cased as some clients send them. */
export function spellings(path: string): string[] {
  return path === path.toLowerCase() ? [path] : [path, path.toLowerCase()];
}

export async function userRoutes(app: FastifyInstance): Promise<void> {
  for (const base of spellings('/Users')) {
    app.get(`${base}`, async (request, reply) =>
      sendScim(reply, 200, await listUsers(request, request.query as RawListQuery)),
    );
    app.get(`${base}/`, async (request, reply) =>
      sendScim(reply, 200, await listUsers(request, request.query as RawListQuery)),
    );
    app.post(`${base}/.search`, async (request, reply) =>
      sendScim(reply, 200, await listUsers(request, (request.body ?? {}) as RawListQuery)),
    );

    app.post(`${base}`, async (request, reply) => {
      const state = scimState(request);
      // Before the write: a malformed `attributes` must not answer 400 for a user it created.
      const projection = parseProjection(request.query as RawListQuery);
      const record = await createScimUser(state.context, state.customerId, parseScimUser(request.body));
      const resource = render(record, state.baseUrl);
      reply.header('Location', `${state.baseUrl}/Users/${record.id}`);
      return sendScim(reply, 201, projectAttributes(resource, projection), etagOf(record.version));
    });

    app.get<IdParams>(`${base}/:id`, async (request, reply) => {
      const state = scimState(request);
      const record = await getScimUser(state.context, state.customerId, request.params.id);
      if (ifNoneMatchHits(request, record.version))
        return reply.status(304).header('ETag', etagOf(record.version)).send();
      const resource = render(record, state.baseUrl);
      return sendScim(
        reply,
        200,
        projectAttributes(resource, parseProjection(request.query as RawListQuery)),
        etagOf(record.version),
      );
    });

    app.put<IdParams>(`${base}/:id`, async (request, reply) => {
      const state = scimState(request);
      const projection = parseProjection(request.query as RawListQuery);
      assertActiveNotNull(request.body);
      const input = parseScimUser(request.body);
      const record = await replaceScimUser(
        state.context,
        state.customerId,
        request.params.id,
        input,
        ifMatchVersion(request),
      );
      const resource = render(record, state.baseUrl);
      return sendScim(reply, 200, projectAttributes(resource, projection), etagOf(record.version));
    });

    app.patch<IdParams>(`${base}/:id`, async (request, reply: FastifyReply) => {
      const state = scimState(request);
      const projection = parseProjection(request.query as RawListQuery);
      const record = await patchUser(request);
      if (!wantsRepresentation(request, projection))
        return reply.status(204).header('ETag', etagOf(record.version)).send();
      return sendScim(
        reply,
        200,
        projectAttributes(render(record, state.baseUrl), projection),
        etagOf(record.version),
      );
    });

    app.delete<IdParams>(`${base}/:id`, async (request, reply) => {
      const state = scimState(request);
      await deleteScimUser(state.context, state.customerId, request.params.id, ifMatchVersion(request));
      return reply.status(204).send();
    });
  }
}
