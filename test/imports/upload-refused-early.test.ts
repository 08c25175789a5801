// An upload whose Content-Length is over the limit gets its 413 before the server reads the body:
// the client here sends the headers and a few bytes only, and keeps the socket open. A server that
// read the body first would never answer (the test would time out). A multipart body may be a
// little longer than the limit (its boundaries and form fields), its file still not. An upload
// cut off midway by the client leaves no import and no stored chunks.
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULTIPART_ALLOWANCE_BYTES } from '../../src/http/upload-size-guard.ts';
import { IMPORT_JOB_KIND } from '../../src/services/imports/import-job-kind.ts';
import { useTestApp } from '../helpers/app.ts';

const LIMIT = 4 * 1024 * 1024;
const HEADER = 'User ID/Email (Required),First Name\n';

function csv(bytes: number): string {
  const row = 'someone@upload.example,Someone\n';
  return HEADER + row.repeat(Math.ceil((bytes - HEADER.length) / row.length));
}

/** Resolves with what the server sent once it has sent the end of a response's head. */
function responseHead(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      if (received.includes('\r\n\r\n')) resolve(received);
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`closed before an answer: ${received}`)));
  });
}

describe('an upload refused or cut off', () => {
  const testApp = useTestApp({ env: { IMPORT_MAX_BYTES: String(LIMIT) } });
  let port = 0;
  let customerId = '';
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const created = await testApp().app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: testApp().auth(testApp().tokens.partnerFull),
      payload: {
        name: 'Upload BV',
        externalId: 'UPLOAD-1',
        adminEmail: 'beheer@upload.example',
        country: 'NL',
        packages: [{ id: 'webex_calling' }],
      },
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    customerId = created.json<{ id: string }>().id;
    await testApp().app.listen({ port: 0, host: '127.0.0.1' });
    port = (testApp().app.server.address() as AddressInfo).port;
  });

  afterAll(() => {
    for (const socket of sockets) socket.destroy();
  });

  async function openSocket(): Promise<Socket> {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    return socket;
  }

  function requestHead(contentType: string, contentLength: number): string {
    return (
      `POST /v1/customers/${customerId}/imports?dryRun=true HTTP/1.1\r\n` +
      `Host: 127.0.0.1\r\nAuthorization: Bearer ${testApp().tokens.partnerFull}\r\n` +
      `Content-Type: ${contentType}\r\nContent-Length: ${contentLength}\r\n\r\n`
    );
  }

  async function stored(): Promise<{ imports: number; chunks: number }> {
    const { rows } = await sql<{ imports: number; chunks: number }>`
      select
        (select count(*)::int from imports where customer_id = ${customerId}) as imports,
        (select count(*)::int from import_file_chunks c join imports i on i.id = c.import_id
          where i.customer_id = ${customerId}) as chunks`.execute(testApp().database.db);
    const [row] = rows;
    if (!row) throw new Error('no counts');
    return row;
  }

  it.each([
    ['a text/csv body', 'text/csv', LIMIT + 1],
    ['a multipart body', 'multipart/form-data; boundary=xyz', LIMIT + MULTIPART_ALLOWANCE_BYTES + 1],
  ])('%s declared over the limit is answered 413 after a few bytes of it', async (_, type, length) => {
    const socket = await openSocket();
    const answered = responseHead(socket);
    socket.write(requestHead(type, length));
    socket.write(type.startsWith('multipart') ? '--xyz\r\n' : HEADER);
    const head = await answered;
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head.toLowerCase()).toContain('connection: close');
    expect(await stored()).toEqual({ imports: 0, chunks: 0 });
  });

  it('a multipart body a little over the limit, with its file under it, is accepted', async () => {
    const boundary = '----hubupload';
    const file = csv(LIMIT - 1024);
    const payload =
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${'n'.repeat(4096)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="users.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\n${file}\r\n--${boundary}--\r\n`;
    expect(Buffer.byteLength(payload)).toBeGreaterThan(LIMIT);
    const response = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports?dryRun=true`,
      headers: {
        ...testApp().auth(testApp().tokens.partnerFull),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(response.statusCode, response.body).toBe(202);
    const id = response.json<{ id: string }>().id;
    const cancelled = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports/${id}/cancel`,
      headers: testApp().auth(testApp().tokens.partnerFull),
    });
    expect(cancelled.statusCode).toBe(200);
    await sql`delete from imports where customer_id = ${customerId}`.execute(testApp().database.db);
  });

  const importJobs = () =>
    testApp()
      .database.db.selectFrom('jobs')
      .select('id')
      .where('kind', '=', IMPORT_JOB_KIND)
      .where('queue_key', '=', customerId)
      .execute();

  it('an upload the client cuts off midway leaves no import, chunk or job', async () => {
    const jobsBefore = await importJobs();
    const socket = await openSocket();
    const body = csv(3 * 1024 * 1024);
    socket.write(requestHead('text/csv', body.length + 1024));
    socket.write(body);
    // Wait until the server has stored some of it (committed chunks: the upload stores in steps).
    let seen = await stored();
    for (let attempt = 0; seen.chunks === 0 && attempt < 600; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await stored();
    }
    expect(seen.chunks).toBeGreaterThan(0);
    socket.destroy();
    // The server notices the cut and discards the upload.
    for (let attempt = 0; (seen.imports > 0 || seen.chunks > 0) && attempt < 600; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await stored();
    }
    expect(seen).toEqual({ imports: 0, chunks: 0 });
    expect(await importJobs()).toEqual(jobsBefore);
  });
});
