import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { RedisClientType } from '@keyv/redis';
import type { Keyv } from 'keyv';

type RedisModules = { redis: typeof import('@keyv/redis'); keyv: typeof import('keyv') };
let redisModules: RedisModules | undefined;
/**
 * `@keyv/redis` (with the Redis client) and `keyv`, loaded when the first L2 tier is created:
 * hosts without Redis never pay for loading them at import.
 */
function loadRedisModules(): RedisModules {
  if (!redisModules) {
    const require = createRequire(import.meta.url);
    redisModules = { redis: require('@keyv/redis') as RedisModules['redis'], keyv: require('keyv') as RedisModules['keyv'] };
  }
  return redisModules;
}
import { redact } from '../errors/redact.js';
import type { Logger } from '../spec/v1/provider.js';

/** @internal The shape written to L2 for one entry. Times are clock ms. */
export interface L2Payload {
  /** value */
  v: unknown;
  /** tenant */
  n: string;
  /** fresh until */
  f: number;
  /** stale-while-revalidate until */
  s: number;
  /** stale-if-error until */
  x: number;
  /** estimated bytes */
  b: number;
  /** tags */
  t: string[];
  /** versions seen before loading: [global, ...tags], null = never invalidated */
  g: Array<string | null>;
}

/** @internal Result of an L2 lookup: the entry (if any and still valid) and the versions read. */
export interface L2Lookup {
  payload: L2Payload | undefined;
  versions: Array<string | null>;
}

interface DeadlineSlot {
  at: number;
  reject: (error: unknown) => void;
  done: boolean;
}

class L2TimeoutError extends Error {
  constructor(ms: number) {
    super(`L2 operation exceeded ${ms} ms`);
    this.name = 'L2TimeoutError';
  }
}

/** Messages exchanged over pub/sub. */
interface BusMessage {
  /** origin instance */
  o: string;
  /** invalidated tags */
  t?: string[];
  /** deleted keys */
  k?: string[];
  /** clear all */
  c?: 1;
}

/** @internal */
export interface L2Hooks {
  onStateChange(available: boolean, reason?: string): void;
  onRemoteTags(tags: string[]): void;
  onRemoteKeys(keys: string[]): void;
  onRemoteClear(): void;
  /** The subscriber reconnected: messages may have been missed. */
  onBusResync(): void;
}

/** @internal */
export interface L2Settings {
  url?: string;
  keyv?: Keyv;
  timeoutMs: number;
  keyPrefix: string;
  pubsub: boolean;
  channel: string;
  /** TTL of tag version markers (ms): must outlive every entry written before an invalidation. */
  tagTtlMs: number;
  logger?: Logger;
  hooks: L2Hooks;
}

const INITIAL_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;
const MAX_PENDING_TAGS = 10_000;
const GLOBAL_VERSION = '\u0000all';

type AnyRedisClient = RedisClientType;

/**
 * The Redis tier: entries and tag versions through keyv (`@keyv/redis`), invalidation messages
 * through Redis pub/sub. Every operation is bounded by `timeoutMs`; failures never throw to the
 * caller, they mark the tier unavailable and the tier is skipped (with exponential backoff
 * between probes) until it answers again or the Redis client reports `ready`.
 *
 * Tag invalidation across instances uses **tag versions**: invalidating a tag writes a fresh
 * random token under `<prefix>t:<tag>` (TTL `tagTtlMs`). Every lookup reads the entry together
 * with the current tokens of its tags in one MGET; an entry stores the tokens that were current
 * *before* its loader ran, and is valid only while they are unchanged. This stays correct when a
 * load races an invalidation on another instance (the write lands with outdated tokens and is
 * never served), and needs no scan of tag → key sets.
 * @internal
 */
export class L2Tier {
  readonly instanceId = randomUUID();
  readonly keyv: Keyv;
  private readonly client: AnyRedisClient | undefined;
  private readonly ownsClient: boolean;
  private subscriber: AnyRedisClient | undefined;
  private subscriberReadyCount = 0;
  private up = true;
  private backoffMs = INITIAL_BACKOFF_MS;
  private nextAttemptAt = 0;
  private readonly pendingTags = new Set<string>();
  /** Invalidations other instances have not been told about yet (published on recovery). */
  private readonly unpublishedTags = new Set<string>();
  private unpublishedClear = false;
  private pendingGlobal = false;
  private recovering = false;
  private closed = false;
  private reported: boolean | undefined;
  private readonly deadlines: DeadlineSlot[] = [];
  private deadlineHead = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private idleTicks = 0;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The adapter of a keyv this tier created: read directly (no per-call keyv hooks/stats). */
  private readonly ownStore: { getMany(keys: string[]): Promise<Array<string | undefined>> } | undefined;
  hits = 0;
  misses = 0;
  errors = 0;

  constructor(private readonly settings: L2Settings) {
    if (settings.keyv !== undefined) {
      this.keyv = settings.keyv;
      this.ownsClient = false;
      this.ownStore = undefined;
      const store = (settings.keyv as { opts?: { store?: unknown } }).opts?.store as { client?: AnyRedisClient } | undefined;
      const client = store?.client;
      this.client = client !== undefined && typeof client.duplicate === 'function' && typeof client.publish === 'function' ? client : undefined;
    } else {
      const { redis, keyv: keyvModule } = loadRedisModules();
      const client = redis.createClient({
        url: settings.url,
        disableOfflineQueue: true,
        socket: {
          connectTimeout: Math.max(1_000, settings.timeoutMs * 20),
          reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 10), 2_000) + Math.floor(Math.random() * 50),
        },
      }) as AnyRedisClient;
      this.client = client;
      this.ownsClient = true;
      const adapter = new redis.default(client, { throwOnConnectError: true, throwOnErrors: true, useUnlink: true });
      // Plain JSON: cached values are JSON data (API responses); keyv's default serializer walks
      // every value with a reviver, which costs more than the Redis round trip's own CPU.
      this.keyv = new keyvModule.Keyv({ store: adapter, useKeyPrefix: false, throwOnErrors: true, serialize: JSON.stringify, deserialize: JSON.parse });
      this.ownStore = adapter as unknown as { getMany(keys: string[]): Promise<Array<string | undefined>> };
      this.keyv.namespace = undefined;
      client.on('error', (error: unknown) => this.markDown(errorReason(error)));
      client.on('end', () => this.markDown('connection closed'));
      client.on('ready', () => void this.recover());
      // Connect in the background; until `ready` the tier counts as down and is skipped.
      this.up = false;
      this.nextAttemptAt = Number.POSITIVE_INFINITY;
      client.connect().catch((error: unknown) => this.markDown(errorReason(error)));
    }
    this.keyv.on('error', (error: unknown) => this.markDown(errorReason(error)));
    if (settings.pubsub && this.client !== undefined) this.startSubscriber(this.client);
  }

  get available(): boolean {
    return this.up;
  }

  private entryKey(key: string): string {
    return `${this.settings.keyPrefix}e:${key}`;
  }

  private tagKey(tag: string): string {
    return `${this.settings.keyPrefix}t:${tag}`;
  }

  /** Whether an operation may be attempted now (false while down, except one probe per backoff slot). */
  usable(): boolean {
    if (this.closed) return false;
    if (this.up) return true;
    if (this.recovering) return false;
    if (this.ownsClient && this.client !== undefined && !this.client.isReady) return false;
    const now = performance.now();
    if (now < this.nextAttemptAt) return false;
    this.nextAttemptAt = now + this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    return true;
  }

  /**
   * Reject with a timeout when `promise` has not settled within `timeoutMs`. All L2 operations
   * share one timeout, so their deadlines are ordered: a FIFO queue checked by one interval timer
   * (every `timeoutMs / 10`, only while L2 is in use) replaces a timer per operation.
   */
  private bounded<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const slot: DeadlineSlot = { at: performance.now() + this.settings.timeoutMs, reject, done: false };
      this.deadlines.push(slot);
      if (this.ticker === undefined) this.startTicker();
      promise.then(
        (v) => {
          slot.done = true;
          resolve(v);
        },
        (e: unknown) => {
          slot.done = true;
          reject(e);
        },
      );
    });
  }

  private startTicker(): void {
    const every = Math.max(1, Math.floor(this.settings.timeoutMs / 10));
    this.ticker = setInterval(() => this.expireDeadlines(), every);
    this.ticker.unref?.();
  }

  private expireDeadlines(): void {
    const now = performance.now();
    const queue = this.deadlines;
    let i = this.deadlineHead;
    while (i < queue.length) {
      const slot = queue[i] as DeadlineSlot;
      if (!slot.done) {
        if (slot.at > now) break;
        slot.done = true;
        slot.reject(new L2TimeoutError(this.settings.timeoutMs));
      }
      i++;
    }
    if (i >= queue.length) {
      queue.length = 0;
      this.deadlineHead = 0;
      this.idleTicks++;
      // Stop after about one second without L2 operations.
      if (this.idleTicks * Math.max(1, Math.floor(this.settings.timeoutMs / 10)) >= 1_000) this.stopTicker();
    } else {
      this.idleTicks = 0;
      if (i > 1_024) {
        queue.splice(0, i);
        i = 0;
      }
      this.deadlineHead = i;
    }
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    this.idleTicks = 0;
  }

  private succeeded(): void {
    if (!this.up && !this.recovering) void this.recover();
  }

  private failed(error: unknown): void {
    this.errors++;
    this.markDown(errorReason(error));
  }

  /**
   * Read an entry and the current versions of the global marker and of `tags`, in one round trip.
   * Returns undefined when the tier is unusable or fails (never throws).
   */
  async lookup(key: string, tags: readonly string[]): Promise<L2Lookup | undefined> {
    if (!this.usable()) return undefined;
    const keys = [this.entryKey(key), this.tagKey(GLOBAL_VERSION)];
    for (const tag of tags) keys.push(this.tagKey(tag));
    let rows: unknown[];
    try {
      rows = this.ownStore !== undefined ? await this.readOwn(keys) : await this.bounded(this.keyv.getMany<unknown>(keys));
    } catch (error) {
      this.failed(error);
      return undefined;
    }
    this.succeeded();
    const versions: Array<string | null> = [];
    for (let i = 1; i < rows.length; i++) versions.push(typeof rows[i] === 'string' ? (rows[i] as string) : null);
    const payload = rows[0] as L2Payload | undefined;
    if (payload === undefined || payload === null || !sameVersions(payload, tags, versions)) {
      this.misses++;
      return { payload: undefined, versions };
    }
    this.hits++;
    return { payload, versions };
  }

  /** MGET through our own adapter, deserialized with keyv's serializer (same format keyv.set wrote). */
  private async readOwn(keys: string[]): Promise<unknown[]> {
    const raw = await this.bounded((this.ownStore as NonNullable<L2Tier['ownStore']>).getMany(keys));
    const rows: unknown[] = [];
    const now = Date.now();
    for (const item of raw) {
      if (typeof item !== 'string') {
        rows.push(undefined);
        continue;
      }
      const data = (await this.keyv.deserializeData<unknown>(item)) as { value?: unknown; expires?: number } | undefined;
      rows.push(data === undefined || data === null || (typeof data.expires === 'number' && data.expires <= now) ? undefined : data.value);
    }
    return rows;
  }

  /** Write an entry (TTL ms). Bounded; never throws. */
  async write(key: string, payload: L2Payload, ttlMs: number): Promise<void> {
    if (!this.usable()) return;
    try {
      await this.bounded(this.keyv.set(this.entryKey(key), payload, ttlMs));
      this.succeeded();
    } catch (error) {
      this.failed(error);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (this.usable()) {
      try {
        await this.bounded(this.keyv.deleteMany(keys.map((k) => this.entryKey(k))));
        this.succeeded();
      } catch (error) {
        this.failed(error);
      }
    }
    await this.publish({ o: this.instanceId, k: keys });
  }

  /**
   * Bump the versions of `tags` (or of the global marker when `all`), then tell other instances.
   * When the tier is down the bump is remembered and replayed on recovery.
   */
  async invalidate(tags: readonly string[], all = false): Promise<void> {
    if (all) this.pendingGlobal = true;
    else {
      for (const tag of tags) {
        if (this.pendingTags.size >= MAX_PENDING_TAGS) {
          this.pendingGlobal = true;
          break;
        }
        this.pendingTags.add(tag);
      }
    }
    if (this.usable()) await this.flushPending();
    const sent = await this.publish(all ? { o: this.instanceId, c: 1 } : { o: this.instanceId, t: [...tags] });
    if (!sent && this.settings.pubsub && this.client !== undefined) {
      // Tell the other instances once L2 is back (their L1 would otherwise keep the entries).
      if (all) this.unpublishedClear = true;
      else for (const tag of tags) if (this.unpublishedTags.size < MAX_PENDING_TAGS) this.unpublishedTags.add(tag);
        else this.unpublishedClear = true;
    }
  }

  /** Write pending version bumps. Returns true when nothing is left pending. */
  private async flushPending(): Promise<boolean> {
    if (this.pendingTags.size === 0 && !this.pendingGlobal) return true;
    const tags = [...this.pendingTags];
    const global = this.pendingGlobal;
    const entries = tags.map((tag) => ({ key: this.tagKey(tag), value: randomUUID(), ttl: this.settings.tagTtlMs }));
    if (global) entries.push({ key: this.tagKey(GLOBAL_VERSION), value: randomUUID(), ttl: this.settings.tagTtlMs });
    try {
      await this.bounded(this.keyv.setMany(entries));
    } catch (error) {
      this.failed(error);
      return false;
    }
    for (const tag of tags) this.pendingTags.delete(tag);
    if (global) this.pendingGlobal = false;
    this.succeeded();
    return true;
  }

  /** Returns true when the message was handed to Redis. */
  private async publish(message: BusMessage): Promise<boolean> {
    const client = this.client;
    if (!this.settings.pubsub || client === undefined || !this.up || !client.isReady) return false;
    try {
      await this.bounded(client.publish(this.settings.channel, JSON.stringify(message)));
      return true;
    } catch (error) {
      this.failed(error);
      return false;
    }
  }

  private async publishMissed(): Promise<void> {
    if (this.unpublishedClear) {
      this.unpublishedClear = false;
      this.unpublishedTags.clear();
      if (!(await this.publish({ o: this.instanceId, c: 1 }))) this.unpublishedClear = true;
      return;
    }
    if (this.unpublishedTags.size === 0) return;
    const tags = [...this.unpublishedTags];
    this.unpublishedTags.clear();
    if (!(await this.publish({ o: this.instanceId, t: tags }))) for (const tag of tags) this.unpublishedTags.add(tag);
  }

  private startSubscriber(client: AnyRedisClient): void {
    const sub = client.duplicate() as AnyRedisClient;
    this.subscriber = sub;
    sub.on('error', (error: unknown) => this.settings.logger?.debug?.('mosaic cache: pub/sub connection error', { reason: errorReason(error) }));
    sub.on('ready', () => {
      this.subscriberReadyCount++;
      if (this.subscriberReadyCount > 1) this.settings.hooks.onBusResync();
    });
    sub
      .connect()
      .then(() => sub.subscribe(this.settings.channel, (raw: string) => this.onMessage(raw)))
      .catch((error: unknown) => this.settings.logger?.warn?.('mosaic cache: pub/sub subscription failed', { reason: errorReason(error) }));
  }

  private onMessage(raw: string): void {
    let message: BusMessage;
    try {
      message = JSON.parse(raw) as BusMessage;
    } catch {
      return;
    }
    if (message.o === this.instanceId) return;
    if (message.c === 1) this.settings.hooks.onRemoteClear();
    if (Array.isArray(message.t)) this.settings.hooks.onRemoteTags(message.t.filter((t) => typeof t === 'string'));
    if (Array.isArray(message.k)) this.settings.hooks.onRemoteKeys(message.k.filter((k) => typeof k === 'string'));
  }

  private markDown(reason: string): void {
    if (this.closed) return;
    if (this.up) {
      this.up = false;
      this.backoffMs = INITIAL_BACKOFF_MS;
      this.nextAttemptAt = performance.now() + this.backoffMs;
      this.scheduleProbe(this.backoffMs);
    }
    this.report(false, reason);
  }

  /**
   * Recovery must not depend on traffic (pending invalidations have to reach Redis and the other
   * instances): while down, probe with PING (or a keyv read for a caller's keyv) on the backoff.
   * A disconnected owned client is left to its own reconnect and `ready` event.
   */
  private scheduleProbe(delayMs: number): void {
    if (this.probeTimer !== undefined || this.closed) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      void this.probe();
    }, delayMs);
    this.probeTimer.unref?.();
  }

  private async probe(): Promise<void> {
    if (this.up || this.closed || this.recovering) return;
    if (this.ownsClient && this.client !== undefined && !this.client.isReady) {
      this.scheduleProbe(MAX_BACKOFF_MS); // the client's `ready` event recovers sooner
      return;
    }
    try {
      if (this.ownsClient && this.client !== undefined) await this.bounded(this.client.ping());
      else await this.bounded(this.keyv.get(`${this.settings.keyPrefix}probe`));
      await this.recover();
    } catch {
      this.errors++;
    }
    if (!this.up) {
      this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
      this.nextAttemptAt = performance.now() + this.backoffMs;
      this.scheduleProbe(this.backoffMs);
    }
  }

  /** Emit a state change once per transition (no repeats while Redis keeps failing). */
  private report(available: boolean, reason?: string): void {
    if (this.reported === available) return;
    this.reported = available;
    if (available) this.settings.logger?.info?.('mosaic cache: L2 available');
    else this.settings.logger?.warn?.('mosaic cache: L2 unavailable, serving from L1 and loaders', { reason });
    this.settings.hooks.onStateChange(available, reason);
  }

  /** Replay pending invalidations, then mark the tier available. */
  private async recover(): Promise<void> {
    if (this.up || this.recovering || this.closed) return;
    this.recovering = true;
    try {
      const ok = await this.flushPending();
      if (!ok) return;
      this.up = true;
      this.backoffMs = INITIAL_BACKOFF_MS;
      this.report(true);
      await this.publishMissed();
    } finally {
      this.recovering = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.probeTimer !== undefined) clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    const clients = [this.subscriber, this.ownsClient ? this.client : undefined];
    await Promise.all(
      clients.map(async (c) => {
        if (c === undefined) return;
        try {
          if (c.isReady) await this.bounded(c.close());
          else c.destroy();
        } catch {
          try {
            c.destroy();
          } catch {
            // already closed
          }
        }
      }),
    );
    this.stopTicker();
  }
}

function sameVersions(payload: L2Payload, tags: readonly string[], versions: Array<string | null>): boolean {
  const stored = payload.g;
  if (!Array.isArray(stored) || !Array.isArray(payload.t) || payload.t.length !== tags.length || stored.length !== versions.length) return false;
  for (let i = 0; i < tags.length; i++) if (payload.t[i] !== tags[i]) return false;
  for (let i = 0; i < versions.length; i++) if ((stored[i] ?? null) !== versions[i]) return false;
  return true;
}

function errorReason(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // Connection errors may echo the URL; never let a password through.
  return redact(text.replace(/\/\/[^@/\s]*@/g, '//***@'));
}
