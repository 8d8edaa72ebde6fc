import { describe, expect, it, vi } from 'vitest';
import { createCache, type CacheCallMeta, type CacheOptions } from './cache.js';
import type { MosaicEventName } from '../events/types.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(options: CacheOptions = {}) {
  let now = 1_000_000;
  const events: Array<{ name: MosaicEventName; payload: unknown }> = [];
  const cache = createCache({
    clock: () => now,
    events: { emit: (name, payload) => events.push({ name, payload }) },
    ...options,
  });
  return {
    cache,
    events,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const meta = (over: Partial<CacheCallMeta> = {}): CacheCallMeta => ({ operation: 'git.getRepository', tags: ['repo:o/r'], tenant: 'acme', callId: 'c1', ...over });
const flush = () => new Promise((r) => setImmediate(r));

describe('createCache (L1 only)', () => {
  it('misses, then hits L1 with the same value object and emits events', async () => {
    const { cache, events } = setup();
    const loader = vi.fn(async () => ({ name: 'r' }));
    const first = await cache.wrap('k', meta(), loader);
    const second = await cache.wrap('k', meta(), loader);
    expect(first).toEqual({ value: { name: 'r' }, hit: false, stale: false });
    expect(second).toEqual({ value: { name: 'r' }, hit: 'l1', stale: false });
    expect(second.value).toBe(first.value);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(events.map((e) => e.name)).toEqual(['cache:miss', 'cache:hit']);
    expect(events[1]?.payload).toEqual({ callId: 'c1', operation: 'git.getRepository', service: 'git', tenant: 'acme', tier: 'l1', stale: false });
    expect(cache.stats().l1).toMatchObject({ entries: 1, hits: 1, misses: 1 });
    expect(cache.stats().l1.bytes).toBe(JSON.stringify({ name: 'r' }).length);
    expect(cache.stats().l2.available).toBe(false);
  });

  it('expires entries after the operation TTL (injected clock)', async () => {
    const { cache, advance } = setup({ defaultTtlSeconds: 60, operations: { 'git.listBranches': { ttlSeconds: 5 } } });
    let n = 0;
    const loader = async () => ++n;
    await cache.wrap('a', meta(), loader);
    await cache.wrap('b', meta({ operation: 'git.listBranches' }), loader);
    advance(5_000);
    expect((await cache.wrap('a', meta(), loader)).hit).toBe('l1');
    expect(await cache.wrap('b', meta({ operation: 'git.listBranches' }), loader)).toEqual({ value: 3, hit: false, stale: false });
    advance(55_000);
    expect(await cache.wrap('a', meta(), loader)).toEqual({ value: 4, hit: false, stale: false });
  });

  it('ttlSeconds 0 disables caching for an operation', async () => {
    const { cache } = setup({ operations: { 'git.getFile': { ttlSeconds: 0 } } });
    let n = 0;
    await cache.wrap('f', meta({ operation: 'git.getFile' }), async () => ++n);
    expect((await cache.wrap('f', meta({ operation: 'git.getFile' }), async () => ++n)).value).toBe(2);
  });

  it('stale-while-revalidate: serves stale and refreshes once in the background', async () => {
    const { cache, advance, events } = setup({ defaultTtlSeconds: 10, staleWhileRevalidateSeconds: 30 });
    await cache.wrap('k', meta(), async () => 'v1');
    advance(15_000);
    const refresh = deferred<string>();
    const loader = vi.fn(() => refresh.promise);
    const a = await cache.wrap('k', meta(), loader);
    const b = await cache.wrap('k', meta(), loader);
    expect(a).toEqual({ value: 'v1', hit: 'l1', stale: true });
    expect(b).toEqual({ value: 'v1', hit: 'l1', stale: true });
    expect(loader).toHaveBeenCalledTimes(1);
    expect(events.filter((e) => e.name === 'cache:hit').map((e) => (e.payload as { stale: boolean }).stale)).toEqual([true, true]);
    refresh.resolve('v2');
    await flush();
    expect(await cache.wrap('k', meta(), loader)).toEqual({ value: 'v2', hit: 'l1', stale: false });
    advance(40_001); // beyond fresh + SWR
    expect(await cache.wrap('k', meta(), async () => 'v3')).toEqual({ value: 'v3', hit: false, stale: false });
  });

  it('a failing background refresh keeps the stale value', async () => {
    const { cache, advance } = setup({ defaultTtlSeconds: 10, staleWhileRevalidateSeconds: 30 });
    await cache.wrap('k', meta(), async () => 'v1');
    advance(11_000);
    expect((await cache.wrap('k', meta(), async () => Promise.reject(new Error('down')))).value).toBe('v1');
    await flush();
    expect(await cache.wrap('k', meta(), async () => 'x')).toEqual({ value: 'v1', hit: 'l1', stale: true });
  });

  it('stale-if-error: returns the stale value when the loader fails within the window, else the error', async () => {
    const { cache, advance } = setup({ defaultTtlSeconds: 10, staleIfErrorSeconds: 100 });
    await cache.wrap('k', meta(), async () => 'v1');
    advance(50_000);
    const boom = new Error('provider down');
    expect(await cache.wrap('k', meta(), () => Promise.reject(boom))).toEqual({ value: 'v1', hit: 'l1', stale: true });
    advance(61_000); // beyond fresh + SIE
    await expect(cache.wrap('k', meta(), () => Promise.reject(boom))).rejects.toBe(boom);
  });

  it('loader errors are not cached', async () => {
    const { cache } = setup();
    await expect(cache.wrap('k', meta(), () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await cache.wrap('k', meta(), async () => 'ok')).toEqual({ value: 'ok', hit: false, stale: false });
  });

  it('coalesces concurrent identical calls into one loader call', async () => {
    const { cache } = setup();
    const d = deferred<string>();
    const loader = vi.fn(() => d.promise);
    const calls = [cache.wrap('k', meta(), loader), cache.wrap('k', meta(), loader), cache.wrap('k', meta(), loader)];
    const other = cache.wrap('other', meta(), async () => 'o');
    expect(loader).toHaveBeenCalledTimes(1);
    d.resolve('v');
    const results = await Promise.all(calls);
    expect(results.map((r) => r.value)).toEqual(['v', 'v', 'v']);
    expect((await other).value).toBe('o');
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('coalesced callers share a loader failure, and the next call loads again', async () => {
    const { cache } = setup();
    const d = deferred<string>();
    const a = cache.wrap('k', meta(), () => d.promise);
    const b = cache.wrap('k', meta(), () => d.promise);
    d.reject(new Error('fail'));
    await expect(a).rejects.toThrow('fail');
    await expect(b).rejects.toThrow('fail');
    expect((await cache.wrap('k', meta(), async () => 'ok')).value).toBe('ok');
  });

  it('an aborted caller stops waiting; the shared load still serves the others', async () => {
    const { cache } = setup();
    const d = deferred<string>();
    const controller = new AbortController();
    const a = cache.wrap('k', meta({ signal: controller.signal }), () => d.promise);
    const b = cache.wrap('k', meta(), () => d.promise);
    controller.abort(new Error('caller gave up'));
    await expect(a).rejects.toThrow('caller gave up');
    d.resolve('v');
    expect((await b).value).toBe('v');
    await expect(cache.wrap('k', meta({ signal: AbortSignal.abort(new Error('already')) }), async () => 'z')).rejects.toThrow('already');
  });

  it('invalidateTags drops tagged entries only and emits cache:invalidate', async () => {
    const { cache, events } = setup();
    await cache.wrap('a', meta({ tags: ['repo:o/a', 'org:o'] }), async () => 'a');
    await cache.wrap('b', meta({ tags: ['repo:o/b', 'org:o'] }), async () => 'b');
    await cache.wrap('c', meta({ tags: ['repo:x/c'] }), async () => 'c');
    await cache.invalidateTags(['repo:o/a'], 'webhook');
    expect(events.at(-1)).toEqual({ name: 'cache:invalidate', payload: { tags: ['repo:o/a'], origin: 'webhook' } });
    expect((await cache.wrap('a', meta({ tags: ['repo:o/a', 'org:o'] }), async () => 'a2')).value).toBe('a2');
    expect((await cache.wrap('b', meta({ tags: ['repo:o/b', 'org:o'] }), async () => 'b2')).hit).toBe('l1');
    await cache.invalidateTags(['org:o']);
    expect((await cache.wrap('b', meta({ tags: ['repo:o/b', 'org:o'] }), async () => 'b3')).value).toBe('b3');
    expect((await cache.wrap('c', meta({ tags: ['repo:x/c'] }), async () => 'c2')).hit).toBe('l1');
  });

  it('a load that races an invalidation of its tags is returned but not stored', async () => {
    const { cache } = setup();
    const d = deferred<string>();
    const pending = cache.wrap('k', meta(), () => d.promise);
    await cache.invalidateTags(['repo:o/r']);
    d.resolve('old');
    expect((await pending).value).toBe('old');
    expect(await cache.wrap('k', meta(), async () => 'new')).toEqual({ value: 'new', hit: false, stale: false });
  });

  it('delete and clear', async () => {
    const { cache } = setup();
    await cache.wrap('a', meta(), async () => 1);
    await cache.wrap('b', meta(), async () => 2);
    await cache.delete('a');
    expect((await cache.wrap('a', meta(), async () => 3)).value).toBe(3);
    await cache.clear();
    expect(cache.stats().l1.entries).toBe(0);
    expect((await cache.wrap('b', meta(), async () => 4)).value).toBe(4);
  });

  it('respects the L1 entry and byte bounds through wrap', async () => {
    const { cache } = setup({ l1: { maxEntries: 2, maxBytes: 400 } });
    await cache.wrap('a', meta(), async () => 'x'.repeat(50));
    await cache.wrap('b', meta(), async () => 'x'.repeat(50));
    await cache.wrap('c', meta(), async () => 'x'.repeat(50));
    expect(cache.stats().l1.entries).toBe(2);
    await cache.wrap('big', meta(), async () => 'x'.repeat(200)); // > maxBytes/4: not stored
    expect(cache.stats().l1.entries).toBe(2);
    expect((await cache.wrap('big', meta(), async () => 'again')).value).toBe('again');
  });

  it('does not cache undefined or unserializable values', async () => {
    const { cache } = setup();
    await cache.wrap('u', meta(), async () => undefined);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await cache.wrap('c', meta(), async () => cyclic)).value).toBe(cyclic);
    expect(cache.stats().l1.entries).toBe(0);
  });
});

describe('createCache robustness', () => {
  it('a throwing event listener never fails a call', async () => {
    const cache = createCache({
      events: {
        emit: () => {
          throw new Error('listener bug');
        },
      },
    });
    expect((await cache.wrap('k', meta(), async () => 1)).value).toBe(1);
    expect((await cache.wrap('k', meta(), async () => 2)).hit).toBe('l1');
    await cache.invalidateTags(['repo:o/r']);
    await cache.close();
  });
});
