import { HttpResponse, delay, http, matchRequestUrl, passthrough, type RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';

/** Default origin of the fixture server (a reserved `.test` name: never resolvable, so never real network). */
export const DEFAULT_FIXTURE_BASE_URL = 'https://vendor.mosaic-fixture.test';
/** Default second origin, used as the target of cross-origin redirects. */
export const DEFAULT_OTHER_ORIGIN = 'https://elsewhere.mosaic-fixture.test';

/** One request the fixture server saw (every origin, matched or not). */
export interface CapturedRequest {
  /** 0-based position in {@link FixtureServer.requests}. */
  index: number;
  method: string;
  /** Full URL as sent. */
  url: string;
  origin: string;
  pathname: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Body as text (empty for none). Read from a clone; the handler still sees the body. */
  body: string;
  /** `performance.now()` when the request reached the server, in milliseconds. */
  at: number;
  /** How it was answered: `fault`, `handler` (a fixture handler), or `unmatched` (fallback). */
  answeredBy?: 'fault' | 'handler' | 'unmatched';
}

/** One response the fixture server answered with (faults and handlers alike). */
export interface CapturedResponse {
  method: string;
  url: string;
  status: number;
  /** False for a response without a body (`null` body or status 204/304). */
  hasBody: boolean;
}

/** Which requests a {@link Fault} applies to. Every field given must match. */
export interface FaultMatch {
  /** HTTP method, any case. */
  method?: string;
  /**
   * URL path pattern in msw syntax (`/api/v1/repos/:owner/:repo`, `*` wildcards), resolved
   * against the fixture base URL; or a RegExp tested against the full URL.
   */
  path?: string | RegExp;
  /** Only requests to this origin. Default: the fixture server's origin. */
  origin?: string;
}

/**
 * A fault injected in front of the fixture handlers. Exactly one kind of answer applies, in
 * this order: `reset`, `hang`, `status`; `latencyMs` alone delays the request and then lets
 * the fixture handlers answer it.
 */
export interface Fault {
  match?: FaultMatch;
  /** How many matching requests it applies to; default every one until removed. */
  times?: number;
  /** Wait this many milliseconds first (then apply the rest, or serve normally). */
  latencyMs?: number;
  /** Answer with this HTTP status. */
  status?: number;
  /** Response headers (e.g. `location` for a redirect, `x-ratelimit-remaining`). */
  headers?: Record<string, string>;
  /**
   * `Retry-After` header: a number of seconds, a `Date` (sent as an HTTP-date), or the raw
   * header text.
   */
  retryAfter?: number | Date | string;
  /**
   * Response body: a JSON value, or a function of the captured request (to echo what the
   * client sent, as careless vendors do). Default `{ message: "fixture fault: HTTP <status>" }`.
   */
  body?: ((request: CapturedRequest) => unknown) | Record<string, unknown> | unknown[] | string | number | boolean | null;
  /** Fail the request as a network error (the connection is dropped; fetch rejects). */
  reset?: boolean;
  /** Never answer; the request ends only when the client aborts it. */
  hang?: boolean;
}

/** Options of {@link createFixtureServer}. */
export interface FixtureServerOptions {
  /** Base URL the provider under test is configured with. Default {@link DEFAULT_FIXTURE_BASE_URL}. */
  baseUrl?: string;
  /** Origin that answers (404) requests sent after a cross-origin redirect. Default {@link DEFAULT_OTHER_ORIGIN}. */
  otherOrigin?: string;
  /** Fixture handlers (msw), tried after faults. */
  handlers?: RequestHandler[];
  /**
   * Origins whose unmatched requests go to the real network (e.g. a local TCP server that
   * resets connections, `http://127.0.0.1:<port>`). They are still captured.
   */
  passthrough?: string[];
}

/**
 * An msw-based fixture server for provider tests: serves fixture handlers (recorded or
 * spec-example responses), injects faults in front of them, and captures every request.
 * Requests to any origin other than the fixture origin and {@link FixtureServerOptions.otherOrigin}
 * fail as network errors, so a test never reaches the real network.
 */
export interface FixtureServer {
  /** Base URL (as given). */
  readonly baseUrl: string;
  /** Origin of {@link baseUrl}. */
  readonly origin: string;
  /** The second origin used for cross-origin redirects. */
  readonly otherOrigin: string;
  /** Every request seen, in order. */
  readonly requests: readonly CapturedRequest[];
  /** Every response served, in order. */
  readonly responses: readonly CapturedResponse[];
  /** The underlying msw server (for `server.use(...)` in your own tests). */
  readonly msw: SetupServer;
  /** Starts intercepting. */
  listen(): void;
  /** Stops intercepting and forgets faults and runtime handlers. */
  close(): void;
  /** Adds fixture handlers in front of the existing ones (after faults). */
  use(...handlers: RequestHandler[]): void;
  /** Injects a fault; returns a function that removes it. */
  inject(fault: Fault): () => void;
  /** Removes every fault. */
  clearFaults(): void;
  /** Forgets captured requests and responses. */
  clearRequests(): void;
  /**
   * Resolves with the next captured request that matches `predicate` (default any), or a
   * request already captured at or after `fromIndex` when one matches.
   */
  waitForRequest(predicate?: (request: CapturedRequest) => boolean, fromIndex?: number): Promise<CapturedRequest>;
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

/** Creates a {@link FixtureServer}. Nothing is intercepted until {@link FixtureServer.listen}. */
export function createFixtureServer(options: FixtureServerOptions = {}): FixtureServer {
  const baseUrl = (options.baseUrl ?? DEFAULT_FIXTURE_BASE_URL).replace(/\/+$/, '');
  const origin = new URL(baseUrl).origin;
  const otherOrigin = new URL(options.otherOrigin ?? DEFAULT_OTHER_ORIGIN).origin;
  const requests: CapturedRequest[] = [];
  const responses: CapturedResponse[] = [];
  const faults: ActiveFault[] = [];
  const waiters: Array<{ predicate: (r: CapturedRequest) => boolean; resolve: (r: CapturedRequest) => void }> = [];
  const captured = new WeakMap<Request, CapturedRequest>();

  const matches = (fault: Fault, request: CapturedRequest): boolean => {
    const m = fault.match ?? {};
    if (request.origin !== (m.origin ? new URL(m.origin).origin : origin)) return false;
    if (m.method && m.method.toUpperCase() !== request.method) return false;
    if (m.path instanceof RegExp) return m.path.test(request.url);
    if (typeof m.path === 'string') return matchRequestUrl(new URL(request.url), m.path, baseUrl).matches;
    return true;
  };

  const dispatcher = http.all('*', async ({ request }) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    let body = '';
    try {
      body = await request.clone().text();
    } catch {
      body = '';
    }
    const entry: CapturedRequest = {
      index: requests.length,
      method: request.method.toUpperCase(),
      url: request.url,
      origin: url.origin,
      pathname: url.pathname,
      headers,
      body,
      at: performance.now(),
    };
    requests.push(entry);
    captured.set(request, entry);
    for (const w of [...waiters]) {
      if (w.predicate(entry)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(entry);
      }
    }
    const active = faults.find((f) => f.remaining > 0 && matches(f.fault, entry));
    if (!active) return undefined;
    active.remaining--;
    const fault = active.fault;
    if (fault.latencyMs) await delay(fault.latencyMs);
    if (fault.reset) {
      entry.answeredBy = 'fault';
      return HttpResponse.error();
    }
    if (fault.hang) {
      entry.answeredBy = 'fault';
      await delay('infinite');
      return HttpResponse.error();
    }
    if (fault.status !== undefined) {
      entry.answeredBy = 'fault';
      const h: Record<string, string> = { ...fault.headers };
      if (fault.retryAfter !== undefined) {
        h['retry-after'] =
          fault.retryAfter instanceof Date ? fault.retryAfter.toUTCString() : typeof fault.retryAfter === 'number' ? String(fault.retryAfter) : fault.retryAfter;
      }
      const value = typeof fault.body === 'function' ? (fault.body as (r: CapturedRequest) => unknown)(entry) : fault.body;
      const payload = value === undefined ? { message: `fixture fault: HTTP ${fault.status}` } : value;
      if (fault.status === 204 || fault.status === 304 || (fault.status >= 300 && fault.status < 400 && value === undefined)) {
        return new HttpResponse(null, { status: fault.status, headers: h });
      }
      return HttpResponse.json(payload as never, { status: fault.status, headers: h });
    }
    return undefined;
  });

  const passthroughOrigins = new Set((options.passthrough ?? []).map((o) => new URL(o).origin));
  const fallback = http.all('*', ({ request }) => {
    const entry = captured.get(request);
    const url = new URL(request.url);
    if (passthroughOrigins.has(url.origin)) {
      if (entry) entry.answeredBy = 'handler';
      return passthrough();
    }
    if (entry) entry.answeredBy = 'unmatched';
    if (url.origin === origin || url.origin === otherOrigin) {
      return HttpResponse.json({ message: `no fixture for ${request.method} ${url.pathname}` }, { status: 404 });
    }
    return HttpResponse.error();
  });

  const markHandled = http.all('*', ({ request }) => {
    const entry = captured.get(request);
    if (entry && !entry.answeredBy) entry.answeredBy = 'handler';
    return undefined;
  });

  const server = setupServer(dispatcher, markHandled, ...(options.handlers ?? []), fallback);
  const runtime: RequestHandler[] = [];
  server.events.on('response:mocked', (event) => {
    const { request, response } = event as unknown as { request: Request; response: Response };
    responses.push({
      method: request.method.toUpperCase(),
      url: request.url,
      status: response.status,
      hasBody: response.body !== null && response.status !== 204 && response.status !== 304,
    });
  });

  return {
    baseUrl,
    origin,
    otherOrigin,
    requests,
    responses,
    msw: server,
    listen() {
      server.listen({ onUnhandledFrame: 'bypass' });
    },
    close() {
      faults.length = 0;
      server.close();
    },
    use(...handlers) {
      runtime.unshift(...handlers);
      server.resetHandlers(dispatcher, markHandled, ...runtime, ...(options.handlers ?? []), fallback);
    },
    inject(fault) {
      const active: ActiveFault = { fault, remaining: fault.times ?? Number.POSITIVE_INFINITY };
      faults.unshift(active);
      return () => {
        const i = faults.indexOf(active);
        if (i !== -1) faults.splice(i, 1);
      };
    },
    clearFaults() {
      faults.length = 0;
    },
    clearRequests() {
      requests.length = 0;
      responses.length = 0;
    },
    waitForRequest(predicate = () => true, fromIndex) {
      if (fromIndex !== undefined) {
        const found = requests.slice(fromIndex).find(predicate);
        if (found) return Promise.resolve(found);
      }
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}
