// A real (tiny) DNS server on 127.0.0.1 for domain-verification tests: it answers TXT queries
// from a map and NXDOMAIN for everything else, over UDP, so the production resolver code runs
// unchanged against it (SPEC §5; "mock only at the process edge").
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

export interface LoopbackDnsServer {
  readonly address: string;
  /** Sets the TXT records of a name (each record as one string; long ones are chunked). */
  setTxt(name: string, records: readonly string[]): void;
  clear(): void;
  readonly queries: string[];
  close(): Promise<void>;
}

function readName(message: Buffer, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let position = offset;
  for (;;) {
    const length = message[position];
    if (length === undefined) throw new Error('truncated DNS query');
    if (length === 0) return { name: labels.join('.'), next: position + 1 };
    labels.push(message.subarray(position + 1, position + 1 + length).toString('ascii'));
    position += 1 + length;
  }
}

function txtRdata(record: string): Buffer {
  const bytes = Buffer.from(record, 'utf8');
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length || start === 0; start += 255) {
    const chunk = bytes.subarray(start, start + 255);
    chunks.push(Buffer.from([chunk.length]), chunk);
    if (bytes.length === 0) break;
  }
  return Buffer.concat(chunks);
}

function answer(query: Buffer, records: Map<string, readonly string[]>, queries: string[]): Buffer {
  const id = query.readUInt16BE(0);
  const { name, next } = readName(query, 12);
  const qtype = query.readUInt16BE(next);
  const question = query.subarray(12, next + 4);
  queries.push(name);
  const found = records.get(name.toLowerCase());
  const answers = found && qtype === 16 ? found : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  // QR=1, RD=1, RA=1; RCODE 3 (NXDOMAIN) when the name is unknown.
  header.writeUInt16BE(found ? 0x8180 : 0x8183, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const body = answers.map((record) => {
    const rdata = txtRdata(record);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    fixed.writeUInt16BE(16, 2); // TXT
    fixed.writeUInt16BE(1, 4); // IN
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([fixed, rdata]);
  });
  return Buffer.concat([header, question, ...body]);
}

export async function startLoopbackDnsServer(): Promise<LoopbackDnsServer> {
  const records = new Map<string, readonly string[]>();
  const queries: string[] = [];
  const socket: Socket = createSocket('udp4');
  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    try {
      socket.send(answer(message, records, queries), remote.port, remote.address);
    } catch {
      // A malformed query gets no answer, like a real server under attack would do.
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    setTxt(name, values) {
      records.set(name.toLowerCase(), values);
    },
    clear() {
      records.clear();
    },
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
