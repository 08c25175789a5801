import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCIM_GROUP_COLUMNS } from '../../db/repositories/scim-groups.ts';
import type { ScimGroupRecord } from '../../db/repositories/scim-groups.ts';
import { AppError } from '../../domain/errors.ts';
import {
  createScimGroup,
  deleteScimGroup,
  getScimGroup,
  listScimGroups,
  replaceScimGroup,
} from '../../services/scim/scim-group-service.ts';
import { VERSION_MISMATCH } from '../../services/scim/scim-user-service.ts';
import { ScimError } from '../errors.ts';
import { matchesFilter } from '../filter/evaluator.ts';
import type { AttributePath } from '../filter/ast.ts';
import { filterToSql } from '../filter/filter-to-sql.ts';
import type { SqlColumn } from '../filter/filter-to-sql.ts';
import { groupInputFromDocument, parseScimGroup, renderScimGroup } from '../groups/scim-group.ts';
import type { JsonObject } from '../json.ts';
import { parsePatchRequest } from '../patch/parse-patch-request.ts';
import { canonicalizeResource } from '../resources/canonicalize.ts';
import { projectAttributes } from '../resources/project-attributes.ts';
import { sortResources } from '../resources/sort-resources.ts';
import { isCoreSchema } from '../schema-urns.ts';
import { etagOf } from '../users/render-scim-user.ts';
import { listResponse, parseListQuery, parseProjection } from './list-response.ts';
import type { RawListQuery } from './list-response.ts';
import { patchedResource } from './patched-resource.ts';
import { ifMatchVersion, ifNoneMatchHits, scimState, sendScim } from './scim-request.ts';
import { spellings, wantsRepresentation } from './user-routes.ts';

type IdParams = { Params: { customerId: string; id: string } };

function groupColumn(path: AttributePath): SqlColumn | undefined {
  if (path.uri !== undefined && !isCoreSchema(path.uri)) return undefined;
  const key = (path.subAttr ? `${path.attr}.${path.subAttr}` : path.attr).toLowerCase();
  // Own names only: a client's `constructor` must not find what every object inherits (a 500).
  return Object.hasOwn(SCIM_GROUP_COLUMNS, key)
    ? (SCIM_GROUP_COLUMNS as Record<string, SqlColumn>)[key]
    : undefined;
}

function render(record: ScimGroupRecord, baseUrl: string): JsonObject {
  return renderScimGroup(record, baseUrl);
}

async function listGroups(request: FastifyRequest, raw: RawListQuery): Promise<JsonObject> {
  const state = scimState(request);
  const query = parseListQuery(raw);
  const { startIndex, count } = query.paging;
  const where = query.filter === undefined ? undefined : filterToSql(query.filter, groupColumn);
  let resources: JsonObject[];
  let total: number;
  if ((query.filter === undefined || where !== undefined) && query.sortBy === undefined) {
    const result = await listScimGroups(state.context, state.customerId, {
      ...(where !== undefined ? { where } : {}),
      offset: startIndex - 1,
      limit: count,
    });
    total = result.total;
    resources = result.records.map((record) => render(record, state.baseUrl));
  } else {
    // e.g. `members[value eq "…"]` (Entra checks membership this way): evaluated in memory.
    const result = await listScimGroups(state.context, state.customerId, { offset: 0, limit: null });
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

async function patchGroup(request: FastifyRequest<IdParams>): Promise<ScimGroupRecord> {
  const state = scimState(request);
  const operations = parsePatchRequest(request.body);
  const ifMatch = ifMatchVersion(request);
  for (let attempt = 0; ; attempt++) {
    const record = await getScimGroup(state.context, state.customerId, request.params.id);
    if (ifMatch !== undefined && ifMatch !== record.version)
      throw new ScimError(412, undefined, 'The group changed since the version you sent (If-Match).');
    const patched = patchedResource(render(record, state.baseUrl), operations);
    const input = groupInputFromDocument(canonicalizeResource(patched, 'Group'));
    try {
      return await replaceScimGroup(state.context, state.customerId, record.id, input, record.version);
    } catch (error) {
      const raced =
        error instanceof AppError && error.details.some((detail) => detail.code === VERSION_MISMATCH);
      if (!raced || ifMatch !== undefined || attempt >= 2) throw error;
    }
  }
}

export async function groupRoutes(app: FastifyInstance): Promise<void> {
  for (const base of spellings('/Groups')) {
    app.get(`${base}`, async (request, reply) =>
      sendScim(reply, 200, await listGroups(request, request.query as RawListQuery)),
    );
    app.get(`${base}/`, async (request, reply) =>
      sendScim(reply, 200, await listGroups(request, request.query as RawListQuery)),
    );
    app.post(`${base}/.search`, async (request, reply) =>
      sendScim(reply, 200, await listGroups(request, (request.body ?? {}) as RawListQuery)),
    );

    app.post(`${base}`, async (request, reply) => {
      const state = scimState(request);
      // Before the write: a malformed `attributes` must not answer 400 for a group it created.
      const projection = parseProjection(request.query as RawListQuery);
      const record = await createScimGroup(state.context, state.customerId, parseScimGroup(request.body));
      reply.header('Location', `${state.baseUrl}/Groups/${record.id}`);
      return sendScim(
        reply,
        201,
        projectAttributes(render(record, state.baseUrl), projection),
        etagOf(record.version),
      );
    });

    app.get<IdParams>(`${base}/:id`, async (request, reply) => {
      const state = scimState(request);
      const record = await getScimGroup(state.context, state.customerId, request.params.id);
      if (ifNoneMatchHits(request, record.version))
        return reply.status(304).header('ETag', etagOf(record.version)).send();
      return sendScim(
        reply,
        200,
        projectAttributes(render(record, state.baseUrl), parseProjection(request.query as RawListQuery)),
        etagOf(record.version),
      );
    });

    app.put<IdParams>(`${base}/:id`, async (request, reply) => {
      const state = scimState(request);
      const projection = parseProjection(request.query as RawListQuery);
      const record = await replaceScimGroup(
        state.context,
        state.customerId,
        request.params.id,
        parseScimGroup(request.body),
        ifMatchVersion(request),
      );
      return sendScim(
        reply,
        200,
        projectAttributes(render(record, state.baseUrl), projection),
        etagOf(record.version),
      );
    });

    app.patch<IdParams>(`${base}/:id`, async (request, reply) => {
      const state = scimState(request);
      const projection = parseProjection(request.query as RawListQuery);
      const record = await patchGroup(request);
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
      await deleteScimGroup(state.context, state.customerId, request.params.id, ifMatchVersion(request));
      return reply.status(204).send();
    });
  }
}
