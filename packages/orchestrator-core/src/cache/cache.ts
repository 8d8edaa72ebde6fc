import type { Keyv } from 'keyv';
import type { MosaicEventName, MosaicEvents } from '../events/types.js';
import type { Logger, ServiceType } from '../spec/v1/provider.js';
import { SERVICE_TYPES } from '../spec/v1/provider.js';
import { L1Store, type L1Entry } from './lru.js';
import { L2Tier, type L2Payload } from './l2.js';

/** Freshness policy of one operation. All values in seconds. */
export interface CachePolicy {
  /** How long an entry is fresh. `0` (or less) disables caching for the operation. */
  ttlSeconds?: number;
  /** After expiry, for this long the stale value is returned and refreshed once in the background. */
  staleWhileRevalidateSeconds?: number;
  /** After expiry, for this long the stale value is returned (`stale: true`) when the loader fails. */
  staleIfErrorSeconds?: number;
}

/** Connect L2 by URL: the cache creates and owns its Redis connections. */
export interface CacheRedisUrlOptions {
  /** Redis URL, e.g. `redis://127.0.0.1:6379` (credentials in the URL never reach logs or events). */
  url: string;
  /** Bound of every L2 operation in ms; past it the call carries on from L1 or the loader. Default 50. */
  timeoutMs?: number;
  /** Prefix of every Redis key. Default `mosaic:`. */
  keyPrefix?: string;
  /** Tell other instances about invalidations over Redis pub/sub. Default true. */
  pubsub?: boolean;
  /** Pub/sub channel. Default `<keyPrefix>invalidate`. */
  channel?: string;
}

/**
 * Bring your own keyv instance for L2 (any keyv store). Pub/sub works when its store is
 * `@keyv/redis`. Set `throwOnErrors: true` on it: a keyv that swallows store errors looks like a
 * healthy, empty cache, so outages are only noticed through its `error` events.
 */
export interface CacheKeyvOptions {
  keyv: Keyv;
  /** Default 50 ms. */
  timeoutMs?: number;
  /** Default `mosaic:`. */
  keyPrefix?: string;
  /** Default true (only effective with an `@keyv/redis` store). */
  pubsub?: boolean;
  /** Default `<keyPrefix>invalidate`. */
  channel?: string;
}

/** The event sink the cache emits to (an EventEmitter, eventemitter3 or the orchestrator's bus). */
export interface CacheEventSink {
  emit<K extends MosaicEventName>(name: K, payload: MosaicEvents[K]): unknown;
}

/** Options of {@link createCache}. */
export interface CacheOptions {
  /** In-process tier bounds. `maxEntries` default 10 000 (0 disables L1); `maxBytes` default 50 MiB (estimated from JSON length; entries larger than `maxBytes / 4` are not kept in L1). */
  l1?: { maxEntries?: number; maxBytes?: number };
  /** Redis tier (optional). Without it the cache is L1 only. */
  redis?: CacheRedisUrlOptions | CacheKeyvOptions;
  /** Fresh lifetime when an operation has no own policy, seconds. Default 60. */
  defaultTtlSeconds?: number;
  /** Default stale-while-revalidate window, seconds. Default 0. */
  staleWhileRevalidateSeconds?: number;
  /** Default stale-if-error window, seconds. Default 0. */
  staleIfErrorSeconds?: number;
  /** Per-operation policies, by operation id (`git.getRepository`). Missing fields fall back to the defaults above. */
  operations?: Record<string, CachePolicy>;
  /** Milliseconds since the epoch; default `Date.now`. Entry freshness uses it (shared by instances through L2, so use wall-clock time in production). */
  clock?: () => number;
  /** Receives `cache:hit`, `cache:miss`, `cache:invalidate`, `cache:l2-state`. */
  events?: CacheEventSink;
  logger?: Logger;
}

/** Describes the read being cached (for events, per-operation policy and tenant checks). */
export interface CacheCallMeta {
  /** Operation id; selects the policy in `CacheOptions.operations`. */
  operation: string;
  /** Tags to invalidate the entry by, e.g. `repo:acme/api`. */
  tags: string[];
  /** Tenant the key was made for; an entry loaded for another tenant is never returned. */
  tenant: string;
  /** Call id for events. Default `''`. */
  callId?: string;
  /** Service type for events. Default: the operation's prefix (`git` of `git.getRepository`). */
  service?: ServiceType;
  /** Aborts this caller's wait (a shared load goes on for the other callers). */
  signal?: AbortSignal;
}

/** Outcome of {@link MosaicCache.wrap}. */
export interface CacheResult<T> {
  value: T;
  /** Which tier answered; `false` when the loader ran. */
  hit: false | 'l1' | 'l2';
  /** True when an expired value was served (stale-while-revalidate or stale-if-error). */
  stale: boolean;
}

/** Counters and sizes. */
export interface CacheStats {
  l1: { entries: number; bytes: number; hits: number; misses: number };
  l2: { available: boolean; hits: number; misses: number; errors: number };
}

/**
 * Two-tier read cache: L1 in-process LRU, L2 Redis through keyv. Only reads are cached: the
 * orchestrator calls `wrap` for read operations and `invalidateTags` after writes; writes are
 * never wrapped.
 *
 * Returned values are shared between callers (no copy on an L1 hit): treat them as read-only.
 */
export interface MosaicCache {
  /**
   * Return the cached value for `key` or run `loader` (once for all concurrent callers of the
   * same key) and cache its result. Never fails because of the cache: L2 errors and timeouts
   * fall back to the loader. Rejects with the loader's error (unless a stale-if-error value
   * exists) or with `meta.signal`'s reason when aborted.
   */
  wrap<T>(key: string, meta: CacheCallMeta, loader: () => Promise<T>): Promise<CacheResult<T>>;
  /** Drop every entry carrying any of `tags`, in L1, L2 and (via pub/sub) other instances' L1. */
  invalidateTags(tags: string[], origin?: 'local' | 'webhook'): Promise<void>;
  /** Drop one key in L1 and L2 (and other instances' L1). */
  delete(key: string): Promise<void>;
  /** Drop everything in L1 and make every L2 entry of this key prefix invalid (all instances). */
  clear(): Promise<void>;
  stats(): CacheStats;
  /** Close Redis connections (idempotent). In-flight loads still settle. */
  close(): Promise<void>;
}

interface ResolvedPolicy {
  ttlMs: number;
  swrMs: number;
  sieMs: number;
}

/** Margin added to the tag-version TTL beyond the longest entry lifetime; loads slower than this are not written to L2. */
const TAG_TTL_MARGIN_MS = 3_600_000;

/**
 * Create a cache. Opens the Redis connections (in the background) when `redis.url` is given;
 * call `close()` when done.
 */
export function createCache(options: CacheOptions = {}): MosaicCache {
  return new TwoTierCache(options);
}

type Result = CacheResult<unknown>;

class TwoTierCache implements MosaicCache {
  private readonly l1: L1Store;
  private readonly l2: L2Tier | undefined;
  private readonly clock: () => number;
  private readonly events: CacheEventSink | undefined;
  private readonly logger: Logger | undefined;
  private readonly policies = new Map<string, ResolvedPolicy>();
  private readonly inflight = new Map<string, Promise<Result>>();
  private readonly refreshing = new Set<string>();
  /** Invalidation sequence: loads that started before an invalidation of one of their tags must not store. */
  private seq = 0;
  private clearedAtSeq = 0;
  private readonly tagSeq = new Map<string, number>();
  private readonly keySeq = new Map<string, number>();
  private l1Hits = 0;
  private l1Misses = 0;
  private closed = false;

  constructor(private readonly options: CacheOptions) {
    this.l1 = new L1Store(options.l1?.maxEntries ?? 10_000, options.l1?.maxBytes ?? 50 * 1024 * 1024);
    this.clock = options.clock ?? Date.now;
    this.events = options.events;
    this.logger = options.logger;
    const redis = options.redis;
    if (redis !== undefined) {
      const keyPrefix = redis.keyPrefix ?? 'mosaic:';
      this.l2 = new L2Tier({
        url: 'url' in redis ? redis.url : undefined,
        keyv: 'keyv' in redis ? redis.keyv : undefined,
        timeoutMs: redis.timeoutMs ?? 50,
        keyPrefix,
        pubsub: redis.pubsub ?? true,
        channel: redis.channel ?? `${keyPrefix}invalidate`,
        tagTtlMs: this.maxLifetimeMs() + TAG_TTL_MARGIN_MS,
        logger: options.logger,
        hooks: {
          onStateChange: (available, reason) => this.emit('cache:l2-state', reason === undefined ? { available } : { available, reason }),
          onRemoteTags: (tags) => {
            this.dropTagsLocally(tags);
            this.emit('cache:invalidate', { tags, origin: 'remote' });
          },
          onRemoteKeys: (keys) => {
            for (const key of keys) this.dropKeyLocally(key);
          },
          onRemoteClear: () => {
            this.clearLocally();
            this.emit('cache:invalidate', { tags: [], origin: 'remote' });
          },
          onBusResync: () => {
            // The subscriber was disconnected: invalidations may have been missed.
            this.clearLocally();
          },
        },
      });
    }
  }

  private maxLifetimeMs(): number {
    const o = this.options;
    const lifetime = (p: CachePolicy | undefined): number =>
      (p?.ttlSeconds ?? o.defaultTtlSeconds ?? 60) +
      Math.max(p?.staleWhileRevalidateSeconds ?? o.staleWhileRevalidateSeconds ?? 0, p?.staleIfErrorSeconds ?? o.staleIfErrorSeconds ?? 0);
    let max = lifetime(undefined);
    for (const p of Object.values(o.operations ?? {})) max = Math.max(max, lifetime(p));
    return Math.max(0, max) * 1000;
  }

  private policy(operation: string): ResolvedPolicy {
    let p = this.policies.get(operation);
    if (p === undefined) {
      const o = this.options;
      const op = o.operations?.[operation];
      p = {
        ttlMs: Math.max(0, (op?.ttlSeconds ?? o.defaultTtlSeconds ?? 60) * 1000),
        swrMs: Math.max(0, (op?.staleWhileRevalidateSeconds ?? o.staleWhileRevalidateSeconds ?? 0) * 1000),
        sieMs: Math.max(0, (op?.staleIfErrorSeconds ?? o.staleIfErrorSeconds ?? 0) * 1000),
      };
      this.policies.set(operation, p);
    }
    return p;
  }

  wrap<T>(key: string, meta: CacheCallMeta, loader: () => Promise<T>): Promise<CacheResult<T>> {
    const signal = meta.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const entry = this.l1.get(key);
    if (entry !== undefined && entry.tenant === meta.tenant) {
      const now = this.clock();
      if (now < entry.freshUntil) {
        this.l1Hits++;
        if (this.events !== undefined) this.emitHit(meta, 'l1', false);
        return Promise.resolve(entry.freshResult as CacheResult<T>);
      }
      if (now < entry.swrUntil) {
        this.l1Hits++;
        if (this.events !== undefined) this.emitHit(meta, 'l1', true);
        this.refreshInBackground(key, meta, loader);
        return Promise.resolve({ value: entry.value as T, hit: 'l1', stale: true });
      }
    }
    this.l1Misses++;
    if (entry !== undefined && this.clock() >= entry.expiresAt) this.l1.delete(key);
    let shared = this.inflight.get(key);
    if (shared === undefined) {
      const started = this.load(key, meta, loader as () => Promise<unknown>, entry !== undefined && entry.tenant === meta.tenant ? entry : undefined);
      shared = started;
      this.inflight.set(key, started);
      started.then(
        () => this.settle(key, started),
        () => this.settle(key, started),
      );
    }
    return (signal === undefined ? shared : abortable(shared, signal)) as Promise<CacheResult<T>>;
  }

  private settle(key: string, promise: Promise<Result>): void {
    if (this.inflight.get(key) === promise) this.inflight.delete(key);
    this.pruneSeq();
  }

  private pruneSeq(): void {
    if (this.inflight.size === 0 && this.refreshing.size === 0) {
      this.tagSeq.clear();
      this.keySeq.clear();
    }
  }

  private async load(key: string, meta: CacheCallMeta, loader: () => Promise<unknown>, l1Stale: L1Entry | undefined): Promise<Result> {
    const startSeq = this.seq;
    const startedAt = this.clock();
    const policy = this.policy(meta.operation);
    let fallback: { value: unknown; until: number; tier: 'l1' | 'l2' } | undefined =
      l1Stale !== undefined && startedAt < l1Stale.sieUntil ? { value: l1Stale.value, until: l1Stale.sieUntil, tier: 'l1' } : undefined;
    let versions: Array<string | null> | undefined;
    const l2 = this.l2;
    if (l2 !== undefined && policy.ttlMs > 0) {
      const found = await l2.lookup(key, meta.tags);
      if (found !== undefined) {
        versions = found.versions;
        const p = found.payload;
        if (p !== undefined && p.n === meta.tenant) {
          const now = this.clock();
          if (now < p.f || now < p.s) {
            this.promote(key, p, startSeq);
            const stale = now >= p.f;
            if (this.events !== undefined) this.emitHit(meta, 'l2', stale);
            if (stale) this.refreshInBackground(key, meta, loader);
            return { value: p.v, hit: 'l2', stale };
          }
          if (now < p.x && (fallback === undefined || p.x > fallback.until)) fallback = { value: p.v, until: p.x, tier: 'l2' };
        }
      }
    }
    if (this.events !== undefined) this.emit('cache:miss', this.callBase(meta));
    let value: unknown;
    try {
      value = await loader();
    } catch (error) {
      if (fallback !== undefined && this.clock() < fallback.until) {
        this.logger?.debug?.('mosaic cache: loader failed, serving stale value', { operation: meta.operation });
        if (this.events !== undefined) this.emitHit(meta, fallback.tier, true);
        return { value: fallback.value, hit: fallback.tier, stale: true };
      }
      throw error;
    }
    await this.store(key, meta, policy, value, startSeq, startedAt, versions);
    return { value, hit: false, stale: false };
  }

  /** Run the loader once in the background (coalesced per key) and store its result. */
  private refreshInBackground(key: string, meta: CacheCallMeta, loader: () => Promise<unknown>): void {
    if (this.refreshing.has(key) || this.inflight.has(key) || this.closed) return;
    this.refreshing.add(key);
    const startSeq = this.seq;
    const startedAt = this.clock();
    const policy = this.policy(meta.operation);
    const l2 = this.l2;
    const run = async (): Promise<void> => {
      // Versions must be read before loading, so a racing invalidation is detected.
      const found = l2 !== undefined ? await l2.lookup(key, meta.tags) : undefined;
      const p = found?.payload;
      if (p !== undefined && p.n === meta.tenant && this.clock() < p.f) {
        // Another instance refreshed it already: take that copy instead of calling the provider.
        this.promote(key, p, startSeq);
        return;
      }
      const versions = found?.versions;
      const value = await loader();
      await this.store(key, meta, policy, value, startSeq, startedAt, versions);
    };
    run()
      .catch((error: unknown) =>
        this.logger?.debug?.('mosaic cache: background refresh failed; stale value kept', {
          operation: meta.operation,
          error: error instanceof Error ? error.name : 'unknown',
        }),
      )
      .finally(() => {
        this.refreshing.delete(key);
        this.pruneSeq();
      });
  }

  private invalidatedSince(key: string, tags: readonly string[], startSeq: number): boolean {
    if (this.clearedAtSeq > startSeq) return true;
    if ((this.keySeq.get(key) ?? 0) > startSeq) return true;
    for (const tag of tags) if ((this.tagSeq.get(tag) ?? 0) > startSeq) return true;
    return false;
  }

  /** Store in L1 and (awaited, bounded by the L2 timeout, never throwing) in L2. */
  private async store(
    key: string,
    meta: CacheCallMeta,
    policy: ResolvedPolicy,
    value: unknown,
    startSeq: number,
    startedAt: number,
    versions: Array<string | null> | undefined,
  ): Promise<void> {
    if (policy.ttlMs <= 0 || value === undefined || this.closed) return;
    if (this.invalidatedSince(key, meta.tags, startSeq)) return;
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      return; // not serializable (cycle, bigint): not cached
    }
    if (json === undefined) return;
    const now = this.clock();
    const freshUntil = now + policy.ttlMs;
    const swrUntil = freshUntil + policy.swrMs;
    const sieUntil = freshUntil + policy.sieMs;
    const bytes = json.length;
    const tags = [...meta.tags];
    this.l1.set(makeEntry(key, value, meta.tenant, bytes, freshUntil, swrUntil, sieUntil, tags));
    if (this.l2 !== undefined && versions !== undefined && now - startedAt < TAG_TTL_MARGIN_MS) {
      const payload: L2Payload = { v: value, n: meta.tenant, f: freshUntil, s: swrUntil, x: sieUntil, b: bytes, t: tags, g: versions };
      await this.l2.write(key, payload, Math.max(swrUntil, sieUntil) - now);
    }
  }

  private promote(key: string, p: L2Payload, startSeq: number): void {
    if (this.invalidatedSince(key, p.t, startSeq)) return;
    const bytes = typeof p.b === 'number' ? p.b : 0;
    if (!this.l1.accepts(bytes)) {
      this.l1.delete(key);
      return;
    }
    this.l1.set(makeEntry(key, p.v, p.n, bytes, p.f, p.s, p.x, p.t));
  }

  private bump(tags: readonly string[], key?: string): void {
    const seq = ++this.seq;
    if (this.inflight.size === 0 && this.refreshing.size === 0) return;
    for (const tag of tags) this.tagSeq.set(tag, seq);
    if (key !== undefined) this.keySeq.set(key, seq);
  }

  private dropTagsLocally(tags: readonly string[]): void {
    this.bump(tags);
    this.l1.deleteTags(tags);
  }

  private dropKeyLocally(key: string): void {
    this.bump([], key);
    this.l1.delete(key);
  }

  private clearLocally(): void {
    this.clearedAtSeq = ++this.seq;
    this.l1.clear();
  }

  async invalidateTags(tags: string[], origin: 'local' | 'webhook' = 'local'): Promise<void> {
    if (tags.length === 0) return;
    this.dropTagsLocally(tags);
    this.emit('cache:invalidate', { tags: [...tags], origin });
    if (this.l2 !== undefined) await this.l2.invalidate(tags);
  }

  async delete(key: string): Promise<void> {
    this.dropKeyLocally(key);
    if (this.l2 !== undefined) await this.l2.delete([key]);
  }

  async clear(): Promise<void> {
    this.clearLocally();
    if (this.l2 !== undefined) await this.l2.invalidate([], true);
  }

  stats(): CacheStats {
    return {
      l1: { entries: this.l1.size, bytes: this.l1.bytes, hits: this.l1Hits, misses: this.l1Misses },
      l2: {
        available: this.l2?.available ?? false,
        hits: this.l2?.hits ?? 0,
        misses: this.l2?.misses ?? 0,
        errors: this.l2?.errors ?? 0,
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.l2?.close();
  }

  private callBase(meta: CacheCallMeta): MosaicEvents['cache:miss'] {
    return { callId: meta.callId ?? '', operation: meta.operation, service: meta.service ?? serviceOf(meta.operation), tenant: meta.tenant };
  }

  private emitHit(meta: CacheCallMeta, tier: 'l1' | 'l2', stale: boolean): void {
    this.emit('cache:hit', { ...this.callBase(meta), tier, stale });
  }

  /** A throwing listener must never fail a call. */
  private emit<K extends MosaicEventName>(name: K, payload: MosaicEvents[K]): void {
    if (this.events === undefined) return;
    try {
      this.events.emit(name, payload);
    } catch (error) {
      this.logger?.warn?.('mosaic cache: an event listener threw', { event: name, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
}

function makeEntry(
  key: string,
  value: unknown,
  tenant: string,
  bytes: number,
  freshUntil: number,
  swrUntil: number,
  sieUntil: number,
  tags: readonly string[],
): L1Entry {
  return {
    key,
    value,
    tenant,
    bytes,
    freshUntil,
    swrUntil,
    sieUntil,
    expiresAt: Math.max(swrUntil, sieUntil),
    tags,
    freshResult: Object.freeze({ value, hit: 'l1' as const, stale: false as const }),
    prev: undefined,
    next: undefined,
  };
}

function serviceOf(operation: string): ServiceType {
  const prefix = operation.slice(0, operation.indexOf('.'));
  return (SERVICE_TYPES as readonly string[]).includes(prefix) ? (prefix as ServiceType) : 'git';
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
