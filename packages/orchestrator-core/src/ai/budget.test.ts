import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { freeRedisPort, redisServerBin, startRedisServer, stopRedisServer, testRedisUrl } from '../../../../tools/test/redis-env.js';
import { BudgetExceededError } from '../errors/budget-exceeded-error.js';
import { createBudgetManager, createMemoryBudgetStore, createRedisBudgetStore, type BudgetManager } from './budget.js';

const CALL = { costUsd: 0.0123, tokens: 1500 };

/** 200 concurrent reservations against a budget worth 50 calls; returns how many were admitted. */
async function race(managers: BudgetManager[], tenant: string): Promise<{ admitted: number; refused: number; other: unknown[] }> {
  const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => managers[i % managers.length]!.reserve({ tenant }, CALL, 'ai.chat')));
  const refused = results.filter((r) => r.status === 'rejected' && BudgetExceededError.isInstance(r.reason)).length;
  const other = results.filter((r) => r.status === 'rejected' && !BudgetExceededError.isInstance(r.reason)).map((r) => (r as PromiseRejectedResult).reason);
  return { admitted: results.filter((r) => r.status === 'fulfilled').length, refused, other };
}

describe('budgets in memory', () => {
  it('200 concurrent calls against a budget of 50 calls’ cost: exactly 50 admitted', async () => {
    const budgets = createBudgetManager({ tenants: { acme: { maxCostUsd: 50 * CALL.costUsd } } });
    const r = await race([budgets], 'acme');
    expect(r).toEqual({ admitted: 50, refused: 150, other: [] });
  });

  it('refuses with a typed error naming the budget, and settling returns the unspent reservation', async () => {
    const budgets = createBudgetManager({ tenants: { '*': { maxCostUsd: 1, maxTokens: 10_000 } } });
    const a = await budgets.reserve({ tenant: 't1' }, { costUsd: 0.6, tokens: 100 });
    const e = await budgets.reserve({ tenant: 't1' }, { costUsd: 0.6, tokens: 100 }, 'ai.chat').catch((x) => x);
    expect(BudgetExceededError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ budget: 'tenant:t1', dimension: 'cost', limit: 1, used: 0.6, requested: 0.6, isRetryable: false, code: 'budget_exceeded' });
    await a.settle({ costUsd: 0.1, tokens: 80 });
    await a.settle({ costUsd: 0.5, tokens: 80 }); // second settle is ignored
    expect((await budgets.usage({ tenant: 't1' }))['tenant:t1']).toMatchObject({ costUsd: 0.1, tokens: 80 });
    await expect(budgets.reserve({ tenant: 't1' }, { costUsd: 0.6, tokens: 100 })).resolves.toBeTruthy();
    // Another tenant has its own counter under '*'.
    expect((await budgets.usage({ tenant: 't2' }))['tenant:t2']).toMatchObject({ costUsd: 0, tokens: 0 });
  });

  it('token budgets, user and tag budgets; a refused call reserves nothing anywhere', async () => {
    const budgets = createBudgetManager({ tenants: { acme: { maxTokens: 1000 } }, users: { u1: { maxTokens: 300 } }, tags: { 'team=search': { maxCostUsd: 5 } } });
    const scope = { tenant: 'acme', userId: 'u1', tags: { team: 'search' } };
    await budgets.reserve(scope, { costUsd: 1, tokens: 200 });
    const e = await budgets.reserve(scope, { costUsd: 1, tokens: 200 }).catch((x) => x);
    expect(e).toMatchObject({ budget: 'tenant:acme/user:u1', dimension: 'tokens', limit: 300, used: 200, requested: 200 });
    const usage = await budgets.usage(scope);
    expect(usage['tenant:acme']!.tokens).toBe(200);
    expect(usage['tenant:acme/tag:team=search']!.costUsd).toBe(1);
    // Another user of the same tenant still fits the tenant budget.
    await expect(budgets.reserve({ tenant: 'acme', userId: 'u2' }, { costUsd: 0, tokens: 700 })).resolves.toBeTruthy();
    await expect(budgets.reserve({ tenant: 'acme', userId: 'u3' }, { costUsd: 0, tokens: 200 })).rejects.toMatchObject({ budget: 'tenant:acme' });
  });

  it('windowed budgets start over in the next window (injected clock)', async () => {
    let now = 1_000_000;
    const budgets = createBudgetManager({ tenants: { acme: { maxCostUsd: 1, windowMs: 60_000 } }, now: () => now });
    await budgets.reserve({ tenant: 'acme' }, { costUsd: 1, tokens: 0 });
    await expect(budgets.reserve({ tenant: 'acme' }, { costUsd: 0.01, tokens: 0 })).rejects.toBeInstanceOf(BudgetExceededError);
    now += 60_000;
    await expect(budgets.reserve({ tenant: 'acme' }, { costUsd: 1, tokens: 0 })).resolves.toBeTruthy();
  });

  it('without an applicable budget nothing is counted; store failures deny by default, or allow when asked', async () => {
    const budgets = createBudgetManager({ tenants: { other: { maxCostUsd: 1 } } });
    const r = await budgets.reserve({ tenant: 'acme' }, { costUsd: 100, tokens: 1 });
    expect(r.budgets).toEqual([]);
    const broken = { ...createMemoryBudgetStore(), reserve: async () => { throw new Error('store down'); } };
    await expect(createBudgetManager({ store: broken, tenants: { acme: { maxCostUsd: 1 } } }).reserve({ tenant: 'acme' }, CALL)).rejects.toThrow('store down');
    await expect(createBudgetManager({ store: broken, tenants: { acme: { maxCostUsd: 1 } }, onStoreError: 'allow' }).reserve({ tenant: 'acme' }, CALL)).resolves.toBeTruthy();
  });
});

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('budgets in Redis', () => {
  const prefix = `mosaic-test:budget:${randomUUID()}:`;
  const managers: BudgetManager[] = [];
  afterAll(async () => {
    for (const m of managers) await m.close();
  });
  const manager = (limits: { maxCostUsd?: number; maxTokens?: number; windowMs?: number }) => {
    const m = createBudgetManager({ store: createRedisBudgetStore({ url: redisUrl!, prefix }), tenants: { '*': limits } });
    managers.push(m);
    return m;
  };

  it('200 concurrent calls from 4 instances against a budget of 50 calls’ cost: exactly 50 admitted', async () => {
    const tenant = `t-${randomUUID()}`;
    const instances = [0, 1, 2, 3].map(() => manager({ maxCostUsd: 50 * CALL.costUsd }));
    const r = await race(instances, tenant);
    expect(r).toEqual({ admitted: 50, refused: 150, other: [] });
    expect((await instances[0]!.usage({ tenant }))[`tenant:${tenant}`]!.costUsd).toBeCloseTo(50 * CALL.costUsd, 9);
  });

  it('settles across instances and expires windowed counters', async () => {
    const tenant = `t-${randomUUID()}`;
    const [a, b] = [manager({ maxTokens: 1000, windowMs: 3_600_000 }), manager({ maxTokens: 1000, windowMs: 3_600_000 })];
    const r = await a!.reserve({ tenant }, { costUsd: 0, tokens: 900 });
    await expect(b!.reserve({ tenant }, { costUsd: 0, tokens: 200 })).rejects.toMatchObject({ dimension: 'tokens', used: 900 });
    await r.settle({ costUsd: 0, tokens: 100 });
    await expect(b!.reserve({ tenant }, { costUsd: 0, tokens: 200 })).resolves.toBeTruthy();
    expect((await a!.usage({ tenant }))[`tenant:${tenant}`]!.tokens).toBe(300);
  });

  it('an unreachable Redis refuses the call with a retryable error (deny by default)', async () => {
    const m = createBudgetManager({ store: createRedisBudgetStore({ url: 'redis://127.0.0.1:6399', connectTimeoutMs: 300 }), tenants: { '*': { maxCostUsd: 1 } } });
    managers.push(m);
    await expect(m.reserve({ tenant: 'x' }, CALL)).rejects.toMatchObject({ isRetryable: true, message: expect.stringMatching(/Redis unavailable/) });
  });
});

const serverBin = redisServerBin();

describe.skipIf(!serverBin)('budgets through a Redis outage (own redis-server)', () => {
  it('refuses while Redis is down (retryable) and reconnects when it is back', async () => {
    // scanned from the top (the cache's outage tests scan from the bottom)
    const port = await freeRedisPort('top');
    const start = () => startRedisServer(port);
    const stop = (child: ChildProcess) => stopRedisServer(child);
    let child = await start();
    const budgets = createBudgetManager({ store: createRedisBudgetStore({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 300 }), tenants: { '*': { maxCostUsd: 1 } } });
    try {
      await expect(budgets.reserve({ tenant: 'a' }, CALL)).resolves.toBeTruthy();
      await stop(child);
      await expect(budgets.reserve({ tenant: 'a' }, CALL)).rejects.toMatchObject({ isRetryable: true, message: expect.stringMatching(/Redis unavailable/) });
      child = await start();
      await expect(budgets.reserve({ tenant: 'a' }, CALL)).resolves.toBeTruthy();
    } finally {
      await budgets.close();
      await stop(child);
    }
  });
});
