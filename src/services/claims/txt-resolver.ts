// DNS TXT lookups for domain verification (SPEC §5), behind an interface: the process edge. The
// real resolver uses the system's name servers, or the ones given (tests point it at a DNS
// server on loopback); a test may also install a fake.
import { Resolver } from 'node:dns/promises';

export interface TxtResolver {
  /** The TXT records at `name`, each as its chunks; [] when there are none or the name is unknown. */
  resolveTxt(name: string): Promise<string[][]>;
}

const NO_RECORDS = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

export class SystemTxtResolver implements TxtResolver {
  private readonly resolver: Resolver;

  constructor(options: { servers?: readonly string[]; timeoutMs?: number } = {}) {
    this.resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: 2 });
    if (options.servers && options.servers.length > 0) this.resolver.setServers([...options.servers]);
  }

  async resolveTxt(name: string): Promise<string[][]> {
    try {
      return await this.resolver.resolveTxt(name);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && NO_RECORDS.has(code)) return [];
      throw error;
    }
  }
}

let current: TxtResolver = new SystemTxtResolver();

export function txtResolver(): TxtResolver {
  return current;
}

/** Installs a resolver; answers a function that puts the previous one back. */
export function useTxtResolver(resolver: TxtResolver): () => void {
  const previous = current;
  current = resolver;
  return () => {
    current = previous;
  };
}
