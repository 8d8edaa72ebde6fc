import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createClient } from '@keyv/redis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freeRedisPort as freePort, redisServerBin, startRedisServer as startServer, stopRedisServer as stopServer, testRedisUrl } from '../../../../tools/test/redis-env.js';
import type { MosaicEventName, MosaicEvents } from '../events/types.js';
import { createCache, type CacheCallMeta, type CacheOptions, type MosaicCache } from './cache.js';

const url = testRedisUrl();
/**
 * The functional tests against the shared Redis check semantics, not the timeout (the outage
 * tests below do): a generous bound keeps them deterministic on a loaded machine.
 */
const SHARED_TIMEOUT_MS = 2_000;
const serverBin = redisServerBin();

type Recorded = { name: MosaicEventName; payload: unknown; at: number };

const opened: MosaicCache[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

function open(redis: CacheOptions['redis'], extra: CacheOptions = {}) {
  const events: Recorded[] = [];
  const cache = createCache({
    redis,
    events: { emit: (name, payload) => events.push({ name, payload, at: performance.now() }) },
    ...extra,
  });
  opened.push(cache);
  return { cache, events };
}

const meta = (over: Partial<CacheCallMeta> = {}): CacheCallMeta => ({ operation: 'git.getRepository', tags: ['repo:o/r'], tenant: 'acme', ...over });

async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const l2Up = (c: MosaicCache) => () => c.stats().l2.available;

describe.skipIf(!url)('cache with the shared Redis', () => {
  const prefix = () => `mosaic-test:${randomUUID()}:`;

  it('round-trips through L2 and promotes L2 hits to L1', async () => {
    const keyPrefix = prefix();
    const a = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    const b = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    await waitUntil(l2Up(a.cache), 'A ready');
    await waitUntil(l2Up(b.cache), 'B ready');
    const value = { name: 'api', stars: 3, nested: { list: [1, 2] } };
    expect(await a.cache.wrap('k1', meta(), async () => value)).toEqual({ value, hit: false, stale: false });
    // wrap resolves after the (bounded) L2 write, so B sees the entry at once.
    const got = await b.cache.wrap('k1', meta(), async () => 'not-used');
    expect(got).toEqual({ value, hit: 'l2', stale: false });
    expect(await b.cache.wrap('k1', meta(), async () => 'never')).toEqual({ value, hit: 'l1', stale: false });
    expect(b.events.some((e) => e.name === 'cache:hit' && (e.payload as MosaicEvents['cache:hit']).tier === 'l2')).toBe(true);
    expect(b.cache.stats().l2.hits).toBeGreaterThanOrEqual(1);
  });

  it('an entry loaded for one tenant is never served from L2 to another', async () => {
    const keyPrefix = prefix();
    const a = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    const b = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    await waitUntil(l2Up(a.cache), 'A ready');
    await waitUntil(l2Up(b.cache), 'B ready');
    await a.cache.wrap('shared-key', meta({ tenant: 'acme' }), async () => 'acme-data');
    expect(await b.cache.wrap('shared-key', meta({ tenant: 'other' }), async () => 'other-data')).toEqual({ value: 'other-data', hit: false, stale: false });
  });

  it('invalidation on instance A drops B’s L1 entry over pub/sub, and B does not read the old L2 entry', async () => {
    const keyPrefix = prefix();
    const a = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    const b = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    await waitUntil(l2Up(a.cache), 'A ready');
    await waitUntil(l2Up(b.cache), 'B ready');
    await new Promise((r) => setTimeout(r, 100)); // subscribers connected
    const latencies: number[] = [];
    for (let round = 0; round < 5; round++) {
      await a.cache.wrap('k', meta(), async () => `v${round}`);
      await b.cache.wrap('k', meta(), async () => `b${round}`);
      expect((await b.cache.wrap('k', meta(), async () => 'x')).hit).toBe('l1');
      const before = b.events.length;
      const t0 = performance.now();
      await a.cache.invalidateTags(['repo:o/r']);
      await waitUntil(() => b.cache.stats().l1.entries === 0, 'B L1 drop', 5_000);
      const remote = b.events.slice(before).find((e) => e.name === 'cache:invalidate');
      expect(remote?.payload).toEqual({ tags: ['repo:o/r'], origin: 'remote' });
      latencies.push(remote!.at - t0); // B drops its L1 entries in the same tick it emits the event
      // L2 entry written before the invalidation is not served (tag version changed).
      expect(await b.cache.wrap('k', meta(), async () => `fresh${round}`)).toEqual({ value: `fresh${round}`, hit: false, stale: false });
      await a.cache.delete('k');
      await b.cache.delete('k');
    }
    latencies.sort((x, y) => x - y);
    console.info(`[cache] pub/sub invalidation A→B latency ms: ${latencies.map((l) => l.toFixed(2)).join(', ')}`);
  });

  it('a load that races an invalidation on another instance never serves its result from L2', async () => {
    const keyPrefix = prefix();
    const a = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    const b = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    const c = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    for (const x of [a, b, c]) await waitUntil(l2Up(x.cache), 'ready');
    let release!: (v: string) => void;
    const slow = new Promise<string>((r) => (release = r));
    const pending = b.cache.wrap('race', meta(), () => slow); // B read the tag versions, now loads
    await new Promise((r) => setTimeout(r, 20));
    await a.cache.invalidateTags(['repo:o/r']); // A's write happened meanwhile
    release('old-data');
    expect((await pending).value).toBe('old-data');
    expect(await c.cache.wrap('race', meta(), async () => 'new-data')).toEqual({ value: 'new-data', hit: false, stale: false });
  });

  it('clear() invalidates L2 entries for every instance', async () => {
    const keyPrefix = prefix();
    const a = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    const b = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    await waitUntil(l2Up(a.cache), 'A ready');
    await waitUntil(l2Up(b.cache), 'B ready');
    await a.cache.wrap('k', meta({ tags: [] }), async () => 'v');
    expect((await b.cache.wrap('k', meta({ tags: [] }), async () => 'x')).hit).toBe('l2');
    await b.cache.delete('k'); // drops B's L1 copy and the L2 entry
    await a.cache.wrap('k', meta({ tags: [] }), async () => 'v');
    await a.cache.clear();
    expect((await b.cache.wrap('k', meta({ tags: [] }), async () => 'after')).value).toBe('after');
  });

  it('stale-while-revalidate refresh takes a fresher copy another instance put in L2 instead of calling the loader', async () => {
    const keyPrefix = prefix();
    let now = Date.now();
    const clock = () => now;
    const policy = { defaultTtlSeconds: 10, staleWhileRevalidateSeconds: 60, clock };
    const a = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS }, policy);
    const b = open({ url: url!, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS }, policy);
    await waitUntil(l2Up(a.cache), 'A ready');
    await waitUntil(l2Up(b.cache), 'B ready');
    await a.cache.wrap('swr', meta(), async () => 'v1');
    expect((await b.cache.wrap('swr', meta(), async () => 'unused')).hit).toBe('l2');
    now += 15_000; // both copies are stale now
    expect(await a.cache.wrap('swr', meta(), async () => 'v2')).toEqual({ value: 'v1', hit: 'l1', stale: true });
    // Wait until A's background refresh has written v2 to L2.
    const raw = createClient({ url: url! });
    raw.on('error', () => undefined);
    await raw.connect();
    for (let i = 0; i < 500 && !((await raw.get(`${keyPrefix}e:swr`)) ?? '').includes('"v2"'); i++) await new Promise((r) => setTimeout(r, 10));
    await raw.close();
    let bLoads = 0;
    expect(await b.cache.wrap('swr', meta(), async () => `b${++bLoads}`)).toEqual({ value: 'v1', hit: 'l1', stale: true });
    await waitUntil(() => b.cache.stats().l2.hits >= 2, 'B refresh read L2');
    const after = await b.cache.wrap('swr', meta(), async () => `b${++bLoads}`);
    expect(bLoads).toBe(0);
    expect(after).toEqual({ value: 'v2', hit: 'l1', stale: false });
  });

  it('accepts a caller-provided keyv instance', async () => {
    const { Keyv } = await import('keyv');
    const KeyvRedis = (await import('@keyv/redis')).default;
    const keyv = new Keyv({ store: new KeyvRedis(url!), useKeyPrefix: false });
    const keyPrefix = prefix();
    const a = open({ keyv, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    await a.cache.wrap('k', meta(), async () => 'v');
    const b = open({ keyv, keyPrefix, timeoutMs: SHARED_TIMEOUT_MS });
    expect(await b.cache.wrap('k', meta(), async () => 'no')).toEqual({ value: 'v', hit: 'l2', stale: false });
    await keyv.disconnect();
  });
});

// ---- outage tests: our own redis-server, killed and restarted mid-run ----

describe.skipIf(!serverBin)('cache through a Redis outage (own redis-server)', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) {
      if (c.signalCode === 'SIGSTOP' || c.exitCode === null) c.kill('SIGCONT');
      await stopServer(c);
    }
  });

  it('keeps serving when Redis is killed mid-run and uses L2 again after a restart', async () => {
    const port = await freePort();
    let server = await startServer(port);
    children.push(server);
    const redisUrl = `redis://127.0.0.1:${port}`;
    const { cache, events } = open({ url: redisUrl, timeoutMs: 50 });
    const other = open({ url: redisUrl, timeoutMs: 50 });
    await waitUntil(l2Up(cache), 'L2 ready');
    await waitUntil(l2Up(other.cache), 'other ready');
    expect(events.filter((e) => e.name === 'cache:l2-state').map((e) => e.payload)).toEqual([{ available: true }]);
    await cache.wrap('warm', meta(), async () => 'warm');

    await stopServer(server);
    const durations: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const r = await cache.wrap(`during-${i}`, meta(), async () => `loaded-${i}`);
      durations.push(performance.now() - t0);
      expect(r).toEqual({ value: `loaded-${i}`, hit: false, stale: false });
    }
    expect(await cache.wrap('warm', meta(), async () => 'no')).toEqual({ value: 'warm', hit: 'l1', stale: false });
    await cache.invalidateTags(['repo:o/r']); // remembered, replayed on recovery; never throws
    await cache.delete('warm');
    const down = events.filter((e) => e.name === 'cache:l2-state' && !(e.payload as { available: boolean }).available);
    expect(down).toHaveLength(1); // one transition, no spam while the client retries
    expect(cache.stats().l2.available).toBe(false);
    console.info(`[cache] wrap during outage: max ${Math.max(...durations).toFixed(1)} ms over ${durations.length} calls (timeoutMs 50)`);

    server = await startServer(port);
    children.push(server);
    await waitUntil(l2Up(cache), 'L2 back', 15_000);
    const states = events.filter((e) => e.name === 'cache:l2-state').map((e) => (e.payload as { available: boolean }).available);
    expect(states).toEqual([true, false, true]);
    const raw = createClient({ url: redisUrl });
    raw.on('error', () => undefined);
    await raw.connect();
    // New entries reach Redis again (retried: on a loaded machine one 50 ms bound may be missed).
    let stored: string | null = null;
    for (let i = 0; i < 20 && stored === null; i++) {
      await waitUntil(l2Up(cache), 'L2 up', 15_000);
      await cache.wrap(`after-${i}`, meta(), async () => 'after-value');
      stored = await raw.get(`mosaic:e:after-${i}`);
    }
    expect(stored).toContain('after-value');
    expect(await raw.get('mosaic:t:repo:o/r')).not.toBeNull(); // the invalidation made while down was replayed
    await raw.close();
    // Pub/sub resubscribed after the restart: B learns about A's invalidations again.
    await waitUntil(l2Up(other.cache), 'other back', 15_000);
    await other.cache.wrap('b-entry', meta({ tags: ['repo:x/y'] }), async () => 'b-copy');
    expect(other.cache.stats().l1.entries).toBe(1);
    for (let i = 0; i < 100 && other.cache.stats().l1.entries > 0; i++) {
      await cache.invalidateTags(['repo:x/y']);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(other.cache.stats().l1.entries).toBe(0);
    expect(other.events.some((e) => e.name === 'cache:invalidate' && (e.payload as { origin: string }).origin === 'remote')).toBe(true);
  }, 30_000);

  it('a slow (frozen) Redis costs at most the timeout; invalidations made meanwhile reach L2 after it recovers', async () => {
    const port = await freePort();
    const server = await startServer(port);
    children.push(server);
    const redisUrl = `redis://127.0.0.1:${port}`;
    const keyPrefix = 'slow:';
    const a = open({ url: redisUrl, timeoutMs: 50, keyPrefix });
    const b = open({ url: redisUrl, timeoutMs: SHARED_TIMEOUT_MS, keyPrefix });
    await waitUntil(l2Up(a.cache), 'A ready');
    await waitUntil(l2Up(b.cache), 'B ready');
    await a.cache.wrap('k', meta(), async () => 'before');
    expect(await b.cache.wrap('k', meta(), async () => 'unused')).toEqual({ value: 'before', hit: 'l2', stale: false }); // now in B's L1

    server.kill('SIGSTOP'); // connections stay open, nothing answers
    try {
      const r = await a.cache.wrap('other', meta(), async () => 'from-loader');
      expect(r).toEqual({ value: 'from-loader', hit: false, stale: false });
      await waitUntil(() => !a.cache.stats().l2.available, 'A marks L2 down');
      expect(a.cache.stats().l2.errors).toBeGreaterThanOrEqual(1);
      await a.cache.invalidateTags(['repo:o/r']);
    } finally {
      server.kill('SIGCONT');
    }
    // Without any traffic, A probes on its backoff, replays the pending invalidation, and comes back.
    await waitUntil(l2Up(a.cache), 'A recovers by itself', 15_000);
    await waitUntil(l2Up(b.cache), 'B ready', 15_000);
    // A publishes the invalidation it could not send while Redis was frozen: B drops its L1 copy…
    await waitUntil(() => b.cache.stats().l1.entries === 0, 'B drops k after A recovers', 15_000);
    // …and the L2 copy, written before the invalidation, is not served either.
    expect(await b.cache.wrap('k', meta(), async () => 'after')).toEqual({ value: 'after', hit: false, stale: false });
  }, 30_000);
});
