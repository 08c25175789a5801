// A stand-in for XMLHttpRequest in jsdom tests of the CSV upload (jsdom's own would go to the
// network). Either it answers through the test's fetch stub (`answerByFetch`), so a test that
// stubs the API once covers the upload too, or the test drives it: progress, an answer, a failure.

type ProgressHandler = ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;

export class FakeUploadXhr {
  method = '';
  url = '';
  withCredentials = false;
  responseType = '';
  /** Header names in lower case, as HTTP treats them. */
  readonly requestHeaders: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  aborted = false;
  readonly upload: { onprogress: ProgressHandler } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  private responseHeaders = new Headers();
  private settled = false;

  constructor(private readonly fake: { requests: FakeUploadXhr[]; answerByFetch: boolean }) {}

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.requestHeaders[name.toLowerCase()] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders.get(name);
  }

  send(body: unknown): void {
    this.body = body;
    this.fake.requests.push(this);
    if (this.fake.answerByFetch) void this.answerByFetch();
  }

  abort(): void {
    if (this.settled) return;
    this.settled = true;
    this.aborted = true;
    this.onabort?.();
  }

  /** The browser reports that `loaded` of `total` bytes went out. */
  progress(loaded: number, total: number): void {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }

  /** The server answers; a plain object goes as JSON. */
  respond(status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (this.settled) return;
    this.settled = true;
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.responseHeaders = new Headers(
      typeof body === 'string' ? headers : { 'Content-Type': 'application/json', ...headers },
    );
    this.onload?.();
  }

  /** No answer at all (offline, connection reset). */
  fail(): void {
    if (this.settled) return;
    this.settled = true;
    this.onerror?.();
  }

  private async answerByFetch(): Promise<void> {
    const response = await fetch(this.url, {
      method: this.method,
      headers: this.requestHeaders,
      body: this.body as BodyInit,
    });
    const text = await response.text();
    if (this.settled) return;
    this.settled = true;
    this.status = response.status;
    this.responseText = text;
    this.responseHeaders = response.headers;
    this.onload?.();
  }
}

/** A fake XMLHttpRequest class for `vi.stubGlobal('XMLHttpRequest', …)` and the requests it got. */
export function createFakeUploadXhr({ answerByFetch }: { answerByFetch: boolean }) {
  const fake = { requests: [] as FakeUploadXhr[], answerByFetch };
  class XMLHttpRequest extends FakeUploadXhr {
    constructor() {
      super(fake);
    }
  }
  return { XMLHttpRequest, requests: fake.requests };
}
