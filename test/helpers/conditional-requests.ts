// The set-up of the admin API's conditional-request tests (ADR 0092): an app with one provisioned
// customer of the home partner, a full admin of another partner, requests as either, the ETag of an
// answer, the audit events of a record and the OpenAPI operation of a path.
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect } from 'vitest';
import { useTestApp, type TestApp } from './app.ts';
import { createApiToken, createPartner, createTestCustomer } from './factories.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface RequestOptions {
  readonly payload?: unknown;
  readonly headers?: Record<string, string>;
  /** Whose request; without it, the home partner's full admin. */
  readonly token?: string;
}

/** An operation of the served OpenAPI document, as far as these tests read it. */
export interface OpenApiOperation {
  parameters?: { in: string; name: string }[];
  responses: Record<string, { headers?: Record<string, unknown>; content?: unknown; description?: string }>;
}

export interface ConditionalRequests {
  readonly harness: () => TestApp;
  /** The home partner's provisioned customer. */
  customerId(): string;
  /** A full admin of another partner: the customer is not theirs. */
  otherPartnerToken(): string;
  api(method: Method, url: string, options?: RequestOptions): Promise<LightMyRequestResponse>;
  /** The answer's ETag; fails the test when there is none. */
  etagOf(response: LightMyRequestResponse): string;
  auditCount(targetId: string, action: string): Promise<number>;
  openApiOperation(path: string, method: string): Promise<OpenApiOperation>;
}

/** The names of an operation's header parameters. */
export function headerNames(operation: OpenApiOperation): string[] {
  return (operation.parameters ?? [])
    .filter((parameter) => parameter.in === 'header')
    .map((parameter) => parameter.name);
}

export function useConditionalRequests(customerName: string): ConditionalRequests {
  const harness = useTestApp();
  let customerId = '';
  let otherPartnerToken = '';

  beforeAll(async () => {
    const { database, partnerId } = harness();
    const customer = await createTestCustomer(database.db, partnerId, {
      name: customerName,
      provision: true,
    });
    customerId = customer.id;
    const otherPartner = await createPartner(database.db, `Other partner of ${customerName}`);
    otherPartnerToken = await createApiToken(database.db, {
      partnerId: otherPartner,
      role: 'partner_full_admin',
    });
  });

  async function api(
    method: Method,
    url: string,
    options: RequestOptions = {},
  ): Promise<LightMyRequestResponse> {
    const { app, tokens, auth } = harness();
    return app.inject({
      method,
      url,
      headers: { ...auth(options.token ?? tokens.partnerFull), ...options.headers },
      ...(options.payload === undefined ? {} : { payload: options.payload as Record<string, unknown> }),
    });
  }

  function etagOf(response: LightMyRequestResponse): string {
    const etag = response.headers.etag;
    expect(typeof etag, `no ETag on ${response.statusCode} ${response.body}`).toBe('string');
    return String(etag);
  }

  async function auditCount(targetId: string, action: string): Promise<number> {
    const rows = await harness()
      .database.db.selectFrom('audit_events')
      .select('id')
      .where('target_id', '=', targetId)
      .where('action', '=', action)
      .execute();
    return rows.length;
  }

  async function openApiOperation(path: string, method: string): Promise<OpenApiOperation> {
    const response = await harness().app.inject({ method: 'GET', url: '/openapi.json' });
    const document = response.json<{ paths: Record<string, Record<string, OpenApiOperation>> }>();
    const found = document.paths[path]?.[method];
    expect(found, `${method} ${path}`).toBeDefined();
    return found as OpenApiOperation;
  }

  return {
    harness,
    customerId: () => customerId,
    otherPartnerToken: () => otherPartnerToken,
    api,
    etagOf,
    auditCount,
    openApiOperation,
  };
}
