import {
  ProviderCallError,
  UnsupportedOperationError,
  docsOperations,
  registerSecret,
  type Ack,
  type CallOptions,
  type CapabilitiesV1,
  type DocsProviderV1,
  type HealthCheckResult,
  type Logger,
  type OperationName,
  type Page,
  type ProviderInitContext,
  type ProviderMetrics,
  type RateLimitState,
  type Warning,
} from '@mosaic/orchestrator-core';
import type { z } from 'zod';
import { QuillClient, type Query } from './client.js';
import {
  toPage,
  toRevision,
  toSearchResult,
  toSpace,
  type QuillList,
  type QuillPage,
  type QuillRevision,
  type QuillSearchHit,
  type QuillSpace,
} from './mappers.js';
import { parseSettings, type QuillProviderSettings, type ResolvedQuillSettings } from './settings.js';

type DocsOps = typeof docsOperations;
type Name = keyof DocsOps;
/** Validated input of a docs operation (the core validates and applies defaults before calling). */
type In<N extends Name> = z.output<DocsOps[N]['input']>;
type Out<N extends Name> = z.output<DocsOps[N]['output']>;

/**
 * The docs operations Quill's API serves. Not declared (Quill has no API for them):
 * `docs.updateSpace`, `docs.deleteSpace`, `docs.movePage`, `docs.uploadAttachment`,
 * `docs.exportPage`, `docs.importPage`, `docs.addComment` — they throw
 * `UnsupportedOperationError` without a request, and the core routes them elsewhere.
 */
export const QUILL_OPERATIONS: readonly OperationName[] = [
  'docs.createSpace',
  'docs.getSpace',
  'docs.listSpaces',
  'docs.createPage',
  'docs.getPage',
  'docs.updatePage',
  'docs.deletePage',
  'docs.listPages',
  'docs.search',
  'docs.listPageRevisions',
];

const DEFAULT_LIMIT = 1000;

/** Cursor handed to callers: Quill's own cursor plus how many items of that page were already returned. */
interface Cursor {
  c: string | null;
  s: number;
}

/**
 * Mosaic docs provider for the Quill wiki (REST API v1, `openapi.yaml` in this package).
 * Implements 10 of the 17 docs operations; the rest throw `UnsupportedOperationError` before
 * any request. Bodies are Markdown or HTML (`storage`/`plain` requests get Markdown and a
 * warning). Errors are the core's classified `ProviderCallError` family; the caller's
 * `AbortSignal` aborts the request and rejects with the signal's reason.
 */
export class QuillProvider implements DocsProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly vendor = 'quill';
  readonly serviceType = 'docs' as const;
  readonly id: string;
  readonly capabilities: CapabilitiesV1 = { operations: QUILL_OPERATIONS, features: { pagination: true } };

  private readonly settings: ResolvedQuillSettings;
  private readonly client: QuillClient;
  private logger: Logger | undefined;
  private reportRateLimit: ((state: RateLimitState) => void) | undefined;
  private lastRateLimit: RateLimitState | undefined;
  private requests = 0;

  /** @throws ConfigError for invalid settings. */
  constructor(settings: QuillProviderSettings) {
    this.settings = parseSettings(settings);
    this.id = this.settings.id;
    this.logger = this.settings.logger;
    registerSecret(this.settings.token);
    this.client = new QuillClient({
      provider: this.id,
      baseUrl: this.settings.baseUrl,
      token: this.settings.token,
      ...(this.settings.fetch ? { fetch: this.settings.fetch } : {}),
      onRateLimit: (state) => {
        this.lastRateLimit = state;
        this.reportRateLimit?.(state);
      },
    });
  }

  initialize(context: ProviderInitContext): void {
    this.logger ??= context.logger;
    this.reportRateLimit = context.reportRateLimit;
  }

  stop(): void {}

  dispose(): void {
    this.reportRateLimit = undefined;
  }

  /** `GET /health`, bounded by `healthTimeoutMs` and the caller's signal. Never throws. */
  async healthCheck(signal: AbortSignal): Promise<HealthCheckResult> {
    const started = performance.now();
    const bounded = AbortSignal.any([signal, AbortSignal.timeout(this.settings.healthTimeoutMs)]);
    try {
      const res = await this.send<{ status?: string; version?: string }>({ operation: 'healthCheck', method: 'GET', path: '/health', signal: bounded });
      const status = res.status === 'degraded' ? 'degraded' : 'healthy';
      return { status, latencyMs: Math.round(performance.now() - started), checkedAt: Date.now(), detail: `quill ${res.version ?? 'unknown'}` };
    } catch (error) {
      const degraded = ProviderCallError.isInstance(error) && error.category === 'rate-limited';
      const detail = ProviderCallError.isInstance(error) ? error.message : bounded.aborted ? 'health check aborted or timed out' : 'health check failed';
      return { status: degraded ? 'degraded' : 'unhealthy', latencyMs: Math.round(performance.now() - started), checkedAt: Date.now(), detail };
    }
  }

  metrics(): ProviderMetrics {
    return { ...(this.lastRateLimit ? { rateLimit: { ...this.lastRateLimit } } : {}), requests: this.requests };
  }

  // Spaces ----------------------------------------------------------------------------------

  /** `POST /spaces`. */
  async createSpace(input: In<'docs.createSpace'>, options: CallOptions = {}): Promise<Out<'docs.createSpace'>> {
    const body: Record<string, string> = { title: input.name };
    if (input.key !== undefined) body.slug = input.key.toLowerCase();
    if (input.description !== undefined) body.summary = input.description;
    return toSpace(this.id, await this.send<QuillSpace>({ operation: 'docs.createSpace', method: 'POST', path: '/spaces', body, signal: options.signal }));
  }

  /** `GET /spaces/{spaceId}`. */
  async getSpace(input: In<'docs.getSpace'>, options: CallOptions = {}): Promise<Out<'docs.getSpace'>> {
    return toSpace(this.id, await this.send<QuillSpace>({ operation: 'docs.getSpace', method: 'GET', path: `/spaces/${enc(input.spaceId)}`, signal: options.signal }));
  }

  /** `GET /spaces`, cursor-paginated. */
  async listSpaces(input: In<'docs.listSpaces'>, options: CallOptions = {}): Promise<Out<'docs.listSpaces'>> {
    return this.list<QuillSpace, Out<'docs.listSpaces'>['items'][number]>('docs.listSpaces', '/spaces', {}, input, options, (s) => toSpace(this.id, s));
  }

  // Pages -----------------------------------------------------------------------------------

  /** `POST /spaces/{spaceId}/pages`. */
  async createPage(input: In<'docs.createPage'>, options: CallOptions = {}): Promise<Out<'docs.createPage'>> {
    const { format, warnings } = transferFormat(input.format);
    const body: Record<string, string> = { title: input.title, content: input.body, content_type: format };
    if (input.parentId !== undefined) body.parent_uid = input.parentId;
    const page = await this.send<QuillPage>({ operation: 'docs.createPage', method: 'POST', path: `/spaces/${enc(input.spaceId)}/pages`, body, signal: options.signal });
    return withWarnings(toPage(this.id, page), warnings);
  }

  /** `GET /pages/{pageId}?format=`. */
  async getPage(input: In<'docs.getPage'>, options: CallOptions = {}): Promise<Out<'docs.getPage'>> {
    const { format, warnings } = transferFormat(input.format ?? 'markdown');
    const page = await this.send<QuillPage>({ operation: 'docs.getPage', method: 'GET', path: `/pages/${enc(input.pageId)}`, query: { format }, signal: options.signal });
    return withWarnings(toPage(this.id, page), warnings);
  }

  /** `PATCH /pages/{pageId}`; `expectedVersion` is sent as `If-Match` (a newer revision answers 409). */
  async updatePage(input: In<'docs.updatePage'>, options: CallOptions = {}): Promise<Out<'docs.updatePage'>> {
    const body: Record<string, string> = {};
    let warnings: Warning[] = [];
    if (input.patch.title !== undefined) body.title = input.patch.title;
    if (input.patch.body !== undefined) {
      const t = transferFormat(input.patch.format ?? 'markdown');
      body.content = input.patch.body;
      body.content_type = t.format;
      warnings = t.warnings;
    }
    const page = await this.send<QuillPage>({
      operation: 'docs.updatePage',
      method: 'PATCH',
      path: `/pages/${enc(input.pageId)}`,
      body,
      ...(input.expectedVersion !== undefined ? { headers: { 'if-match': String(input.expectedVersion) } } : {}),
      signal: options.signal,
    });
    return withWarnings(toPage(this.id, page), warnings);
  }

  /** `DELETE /pages/{pageId}` (204). */
  async deletePage(input: In<'docs.deletePage'>, options: CallOptions = {}): Promise<Ack> {
    await this.send({ operation: 'docs.deletePage', method: 'DELETE', path: `/pages/${enc(input.pageId)}`, signal: options.signal });
    return { provider: this.id, ok: true, id: input.pageId };
  }

  /** `GET /spaces/{spaceId}/pages?parent=`, cursor-paginated. */
  async listPages(input: In<'docs.listPages'>, options: CallOptions = {}): Promise<Out<'docs.listPages'>> {
    return this.list<QuillPage, Out<'docs.listPages'>['items'][number]>('docs.listPages', `/spaces/${enc(input.spaceId)}/pages`, { parent: input.parentId }, input, options, (p) => toPage(this.id, p));
  }

  /** `GET /pages/{pageId}/revisions`, cursor-paginated. */
  async listPageRevisions(input: In<'docs.listPageRevisions'>, options: CallOptions = {}): Promise<Out<'docs.listPageRevisions'>> {
    return this.list<QuillRevision, Out<'docs.listPageRevisions'>['items'][number]>('docs.listPageRevisions', `/pages/${enc(input.pageId)}/revisions`, {}, input, options, (r) => toRevision(this.id, r));
  }

  /** `GET /search?q=&space=`, cursor-paginated. */
  async search(input: In<'docs.search'>, options: CallOptions = {}): Promise<Out<'docs.search'>> {
    return this.list<QuillSearchHit, Out<'docs.search'>['items'][number]>('docs.search', '/search', { q: input.query, space: input.spaceId }, input, options, toSearchResult);
  }

  // Not in Quill's API ------------------------------------------------------------------------

  async updateSpace(_input: In<'docs.updateSpace'>, _options?: CallOptions): Promise<Out<'docs.updateSpace'>> {
    throw this.unsupported('docs.updateSpace');
  }
  async deleteSpace(_input: In<'docs.deleteSpace'>, _options?: CallOptions): Promise<Ack> {
    throw this.unsupported('docs.deleteSpace');
  }
  async movePage(_input: In<'docs.movePage'>, _options?: CallOptions): Promise<Out<'docs.movePage'>> {
    throw this.unsupported('docs.movePage');
  }
  async uploadAttachment(_input: In<'docs.uploadAttachment'>, _options?: CallOptions): Promise<Out<'docs.uploadAttachment'>> {
    throw this.unsupported('docs.uploadAttachment');
  }
  async exportPage(_input: In<'docs.exportPage'>, _options?: CallOptions): Promise<Out<'docs.exportPage'>> {
    throw this.unsupported('docs.exportPage');
  }
  async importPage(_input: In<'docs.importPage'>, _options?: CallOptions): Promise<Out<'docs.importPage'>> {
    throw this.unsupported('docs.importPage');
  }
  async addComment(_input: In<'docs.addComment'>, _options?: CallOptions): Promise<Out<'docs.addComment'>> {
    throw this.unsupported('docs.addComment');
  }

  // Internals -------------------------------------------------------------------------------

  private unsupported(operation: OperationName): UnsupportedOperationError {
    return new UnsupportedOperationError({ operation, providerId: this.id, message: `Quill has no API for ${operation}` });
  }

  private async send<T>(req: Parameters<QuillClient['request']>[0] & { signal?: AbortSignal | undefined }): Promise<T> {
    this.requests++;
    const { signal, ...rest } = req;
    const res = await this.client.request<T>({ ...rest, ...(signal ? { signal } : {}) });
    return res.data;
  }

  /**
   * Follows `next_cursor` until `limit` items are collected or the list ends. Fails (never
   * loops) on a cursor that is not a non-empty string, on a cursor already seen, and after
   * `maxPages` pages.
   */
  private async list<V, U>(operation: OperationName, path: string, query: Query, input: { cursor?: string | undefined; limit?: number | undefined }, options: CallOptions, map: (v: V) => U): Promise<Page<U>> {
    const limit = input.limit ?? DEFAULT_LIMIT;
    const start = input.cursor ? decodeCursor(input.cursor, this.id, operation) : { c: null, s: 0 };
    const items: U[] = [];
    const seen = new Set<string>();
    let cursor: string | null = start.c;
    let skip = start.s;
    for (let pages = 0; ; pages++) {
      if (pages >= this.settings.maxPages) throw this.malformed(operation, `more than ${this.settings.maxPages} pages in one call`);
      const data = await this.send<QuillList<V>>({ operation, method: 'GET', path, query: { ...query, cursor: cursor ?? undefined, limit: this.settings.pageSize }, signal: options.signal });
      if (!data || !Array.isArray(data.items)) throw this.malformed(operation, 'the answer has no items array');
      const next = data.next_cursor;
      if (next !== null && next !== undefined && (typeof next !== 'string' || next === '')) throw this.malformed(operation, 'next_cursor is not a cursor');
      const pageItems = data.items.slice(skip);
      for (let i = 0; i < pageItems.length; i++) {
        items.push(map(pageItems[i] as V));
        if (items.length === limit) {
          const consumed = skip + i + 1;
          const more = consumed < data.items.length ? { c: cursor, s: consumed } : next ? { c: next, s: 0 } : undefined;
          return { provider: this.id, items, nextCursor: more ? encodeCursor(more) : null };
        }
      }
      if (next === null || next === undefined) return { provider: this.id, items, nextCursor: null };
      if (seen.has(next) || next === cursor) throw this.malformed(operation, `next_cursor ${JSON.stringify(next.slice(0, 40))} was already visited`);
      seen.add(next);
      cursor = next;
      skip = 0;
    }
  }

  private malformed(operation: string, detail: string): ProviderCallError {
    return new ProviderCallError({ provider: this.id, operation, category: 'unknown', message: `quill ${operation}: malformed pagination (${detail})` });
  }
}

/** Creates a {@link QuillProvider}. @throws ConfigError for invalid settings. */
export function createQuill(settings: QuillProviderSettings): QuillProvider {
  return new QuillProvider(settings);
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function transferFormat(format: 'markdown' | 'html' | 'storage' | 'plain'): { format: 'markdown' | 'html'; warnings: Warning[] } {
  if (format === 'markdown' || format === 'html') return { format, warnings: [] };
  return { format: 'markdown', warnings: [{ type: 'unsupported', feature: `format:${format}`, message: 'Quill stores Markdown or HTML; used Markdown' }] };
}

function withWarnings<T extends { warnings?: Warning[] }>(value: T, warnings: Warning[]): T {
  return warnings.length ? { ...value, warnings } : value;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, provider: string, operation: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if ((v.c === null || typeof v.c === 'string') && Number.isInteger(v.s) && v.s >= 0) return v;
  } catch {
    // fall through
  }
  throw new ProviderCallError({ provider, operation, category: 'validation', message: `quill ${operation}: cursor was not issued by this provider` });
}
