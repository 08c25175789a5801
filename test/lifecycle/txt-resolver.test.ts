// The production resolver against a real DNS server on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemTxtResolver } from '../../src/services/claims/txt-resolver.ts';
import { isChallengeSatisfied } from '../../src/domain/domains/dns-challenge.ts';
import { startLoopbackDnsServer, type LoopbackDnsServer } from './loopback-dns-server.ts';

let dns: LoopbackDnsServer;
let resolver: SystemTxtResolver;

beforeAll(async () => {
  dns = await startLoopbackDnsServer();
  resolver = new SystemTxtResolver({ servers: [dns.address], timeoutMs: 2000 });
});
afterAll(async () => {
  await dns.close();
});

describe('SystemTxtResolver over loopback DNS', () => {
  it('reads TXT records, long ones in chunks', async () => {
    const long = `wholesale-hub-verification=${'x'.repeat(300)}`;
    dns.setTxt('_wholesale-hub-challenge.acme.com', ['v=other', long]);
    const records = await resolver.resolveTxt('_wholesale-hub-challenge.acme.com');
    expect(records.map((chunks) => chunks.join(''))).toEqual(['v=other', long]);
    expect(records[1]?.length).toBe(2);
    expect(isChallengeSatisfied(records, 'x'.repeat(300))).toBe(true);
  });

  it('answers [] for an unknown name', async () => {
    expect(await resolver.resolveTxt('_wholesale-hub-challenge.unknown.example')).toEqual([]);
    expect(dns.queries).toContain('_wholesale-hub-challenge.unknown.example');
  });
});
