/**
 * A small docs provider for the kit's own tests, over an invented "Notes" REST API:
 * `GET /api/health`, `GET /api/spaces?page=N` (`{ data, next_page }`), `GET /api/spaces/:id`,
 * `GET /api/pages/:id`, `POST /api/spaces/:id/pages`, `DELETE /api/pages/:id`.
 *
 * `createNotes()` is a correct provider; each `flaws` switch plants one defect the conformance
 * suite must report.
 */
import {
  ProviderCallError,
  UnsupportedOperationError,
  listOperations,
  providerErrorFromNetwork,
  providerErrorFromResponse,
  registerSecret,
  type DocsProviderV1,
  type HealthCheckResult,
  type Logger,
  type OperationName,
  type ProviderInitContext,
} from '@mosaic/orchestrator-core';

export interface NotesFlaws {
  /** Puts the token in the message of a plain Error on HTTP errors. */
  leakToken?: boolean;
  /** Maps 429 to a generic `unknown` error without retryAfterMs. */
  generic429?: boolean;
  /** Declares docs.search but has no working implementation. */
  declaresMissing?: boolean;
  /** Follows next_page without cycle or sanity checks. */
  loopPagination?: boolean;
  /** Ignores the caller's AbortSignal. */
  ignoreAbort?: boolean;
  /** Re-sends Authorization to wherever a redirect points. */
  followRedirectsWithToken?: boolean;
  /** Retries 5xx itself, three times. */
  retriesItself?: boolean;
  /** Undeclared operations send a request before failing. */
  undeclaredHitsNetwork?: boolean;
  /** Drops `raw` from results. */
  dropRaw?: boolean;
  /** Puts the token in a debug log line. */
  logsToken?: boolean;
}

export interface NotesSettings {
  baseUrl: string;
  token: string;
  id?: string;
  logger?: Logger;
  healthTimeoutMs?: number;
  flaws?: NotesFlaws;
}

interface Space {
  id: number;
  key: string;
  name: string;
}
interface NotePage {
  id: number;
  space_id: number;
  title: string;
  body: string;
}

const DECLARED: OperationName[] = ['docs.getSpace', 'docs.listSpaces', 'docs.getPage', 'docs.createPage', 'docs.deletePage'];

export function createNotes(settings: NotesSettings): DocsProviderV1 {
  const flaws = settings.flaws ?? {};
  const id = settings.id ?? 'notes';
  const origin = new URL(settings.baseUrl).origin;
  let logger: Logger | undefined = settings.logger;
  if (!flaws.leakToken) registerSecret(settings.token);

  async function request<T>(operation: string, method: string, path: string, signal: AbortSignal | undefined, body?: unknown): Promise<{ status: number; data: T }> {
    const sig = flaws.ignoreAbort ? undefined : signal;
    sig?.throwIfAborted();
    let url = `${settings.baseUrl}${path}`;
    if (flaws.logsToken) logger?.debug?.(`notes ${method} ${url} with ${settings.token}`);
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        for (let hops = 0; ; hops++) {
          res = await fetch(url, {
            method,
            redirect: 'manual',
            headers: { authorization: `Bearer ${settings.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
            ...(body ? { body: JSON.stringify(body) } : {}),
            ...(sig ? { signal: sig } : {}),
          });
          const location = res.headers.get('location');
          if (res.status < 300 || res.status >= 400 || !location || hops > 5) break;
          const next = new URL(location, url);
          if (next.origin !== origin && !flaws.followRedirectsWithToken) {
            throw providerErrorFromResponse({ provider: id, operation, status: res.status, method, url, vendorMessage: 'refusing a cross-origin redirect' });
          }
          url = next.toString();
        }
      } catch (error) {
        if (sig?.aborted) throw sig.reason;
        if (ProviderCallError.isInstance(error)) throw error;
        throw providerErrorFromNetwork({ provider: id, operation, error, method, url });
      }
      if (res!.ok) {
        const text = await res!.text();
        return { status: res!.status, data: (text ? JSON.parse(text) : undefined) as T };
      }
      if (flaws.retriesItself && res!.status >= 500 && attempt < 3) continue;
      const text = await res!.text().catch(() => '');
      let vendorMessage: string | undefined;
      try {
        vendorMessage = (JSON.parse(text) as { message?: string }).message;
      } catch {
        vendorMessage = undefined;
      }
      if (flaws.leakToken) throw new Error(`notes ${operation} failed: HTTP ${res!.status} (credential ${settings.token})`);
      if (flaws.generic429 && res!.status === 429) {
        throw new ProviderCallError({ provider: id, operation, category: 'unknown', status: 429, message: `notes ${operation} failed` });
      }
      throw providerErrorFromResponse({ provider: id, operation, status: res!.status, headers: res!.headers, method, url, ...(vendorMessage ? { vendorMessage } : {}) });
    }
  }

  const raw = <T>(v: T) => (flaws.dropRaw ? undefined : v);
  const toSpace = (s: Space) => ({ provider: id, id: String(s.id), key: s.key, name: s.name, raw: raw(s) });
  const toPage = (p: NotePage) => ({ provider: id, id: String(p.id), spaceId: String(p.space_id), title: p.title, body: p.body, format: 'markdown' as const, raw: raw(p) });

  const provider: Record<string, unknown> = {
    specificationVersion: 'v1',
    id,
    vendor: 'notes',
    serviceType: 'docs',
    capabilities: { operations: flaws.declaresMissing ? [...DECLARED, 'docs.search'] : DECLARED, features: { pagination: true } },
    initialize(context: ProviderInitContext) {
      logger = settings.logger ?? context.logger;
    },
    stop() {},
    dispose() {},
    async healthCheck(signal: AbortSignal): Promise<HealthCheckResult> {
      const started = performance.now();
      const budget = AbortSignal.any([signal, AbortSignal.timeout(settings.healthTimeoutMs ?? 5000)]);
      try {
        await request('healthCheck', 'GET', '/api/health', budget);
        return { status: 'healthy', latencyMs: performance.now() - started, checkedAt: Date.now() };
      } catch (error) {
        return { status: 'unhealthy', latencyMs: performance.now() - started, checkedAt: Date.now(), detail: error instanceof Error ? error.message : 'failed' };
      }
    },
    async getSpace(input: { spaceId: string }, options: { signal?: AbortSignal }) {
      const { data } = await request<Space>('docs.getSpace', 'GET', `/api/spaces/${encodeURIComponent(input.spaceId)}`, options.signal);
      return toSpace(data);
    },
    async listSpaces(input: { cursor?: string; limit?: number }, options: { signal?: AbortSignal }) {
      const limit = input.limit ?? 1000;
      const items: ReturnType<typeof toSpace>[] = [];
      const visited = new Set<number>();
      let page: number | null = input.cursor ? Number(input.cursor) : 1;
      while (page !== null && items.length < limit) {
        if (!flaws.loopPagination) {
          if (!Number.isInteger(page) || page < 1) throw new ProviderCallError({ provider: id, operation: 'docs.listSpaces', category: 'unknown', message: 'notes: malformed next_page' });
          if (visited.has(page)) throw new ProviderCallError({ provider: id, operation: 'docs.listSpaces', category: 'unknown', message: `notes: next_page ${page} was already visited` });
        }
        visited.add(page);
        const { data }: { data: { data: Space[]; next_page: unknown } } = await request<{ data: Space[]; next_page: unknown }>('docs.listSpaces', 'GET', `/api/spaces?page=${page}`, options.signal);
        items.push(...data.data.map(toSpace));
        page = data.next_page === null || data.next_page === undefined ? null : (data.next_page as number);
      }
      return { provider: id, items: items.slice(0, limit), nextCursor: page !== null && items.length >= limit ? String(page) : null };
    },
    async getPage(input: { pageId: string }, options: { signal?: AbortSignal }) {
      const { data } = await request<NotePage>('docs.getPage', 'GET', `/api/pages/${encodeURIComponent(input.pageId)}`, options.signal);
      return toPage(data);
    },
    async createPage(input: { spaceId: string; title: string; body?: string }, options: { signal?: AbortSignal }) {
      const { data } = await request<NotePage>('docs.createPage', 'POST', `/api/spaces/${encodeURIComponent(input.spaceId)}/pages`, options.signal, { title: input.title, body: input.body ?? '' });
      return toPage(data);
    },
    async deletePage(input: { pageId: string }, options: { signal?: AbortSignal }) {
      await request('docs.deletePage', 'DELETE', `/api/pages/${encodeURIComponent(input.pageId)}`, options.signal);
      return { provider: id, ok: true, id: input.pageId };
    },
  };
  const declared = new Set<string>((provider.capabilities as { operations: string[] }).operations);
  for (const op of listOperations('docs')) {
    if (provider[op.method] !== undefined) continue;
    if (flaws.declaresMissing && op.name === 'docs.search') continue;
    if (declared.has(op.name)) continue;
    provider[op.method] = async (_input: unknown, options: { signal?: AbortSignal } = {}) => {
      if (flaws.undeclaredHitsNetwork) await request(op.name, 'GET', '/api/unsupported', options.signal).catch(() => undefined);
      throw new UnsupportedOperationError({ operation: op.name, providerId: id });
    };
  }
  return provider as unknown as DocsProviderV1;
}
