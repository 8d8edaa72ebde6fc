import type { RedisClientType } from '@keyv/redis';
import { BudgetExceededError } from '../errors/budget-exceeded-error.js';
import { MosaicError } from '../errors/mosaic-error.js';

/** Limits of one budget. Amounts in US dollars and tokens; `windowMs` in milliseconds. */
export interface BudgetLimits {
  /** Spend limit in US dollars (estimated maximum of in-flight calls included). */
  maxCostUsd?: number;
  /** Token limit (input + output; estimated maximum of in-flight calls included). */
  maxTokens?: number;
  /**
   * Length of the budget's fixed window (UTC-aligned: `floor(now / windowMs)`); the counters
   * start at zero in each window. Default: no window (the budget never resets).
   */
  windowMs?: number;
}

/** One counter change handed to a {@link BudgetStore}. Cost in integer nano-dollars (1e-9 USD). */
export interface BudgetStoreEntry {
  key: string;
  costNano: number;
  tokens: number;
  /** Limits; `undefined` = unlimited. */
  limitCostNano?: number | undefined;
  limitTokens?: number | undefined;
  /** Expiry of the counter in ms (windowed budgets); `undefined` = none. */
  ttlMs?: number | undefined;
}

/** Result of {@link BudgetStore.reserve}: admitted, or the first budget that would be exceeded. */
export type BudgetStoreResult =
  | { ok: true }
  | { ok: false; key: string; dimension: 'cost' | 'tokens'; used: number; limit: number };

/**
 * Where budget counters live. `reserve` must be atomic over all its entries: either every
 * counter is below its limit after adding, and all are incremented, or none is.
 */
export interface BudgetStore {
  reserve(entries: BudgetStoreEntry[]): Promise<BudgetStoreResult>;
  /** Adds (possibly negative) amounts without checking limits (settling, releasing). */
  adjust(entries: Array<Pick<BudgetStoreEntry, 'key' | 'costNano' | 'tokens' | 'ttlMs'>>): Promise<void>;
  /** Current counters (spent plus reserved). */
  get(key: string): Promise<{ costNano: number; tokens: number }>;
  close?(): Promise<void>;
}

/** An in-process {@link BudgetStore} (one instance; counters are lost on restart). */
export function createMemoryBudgetStore(options: { now?: () => number } = {}): BudgetStore {
  const now = options.now ?? Date.now;
  const counters = new Map<string, { c: number; t: number; expiresAt?: number }>();
  const read = (key: string) => {
    const v = counters.get(key);
    if (v?.expiresAt !== undefined && v.expiresAt <= now()) {
      counters.delete(key);
      return undefined;
    }
    return v;
  };
  const add = (e: Pick<BudgetStoreEntry, 'key' | 'costNano' | 'tokens' | 'ttlMs'>) => {
    const v = read(e.key) ?? { c: 0, t: 0, ...(e.ttlMs !== undefined ? { expiresAt: now() + e.ttlMs } : {}) };
    v.c += e.costNano;
    v.t += e.tokens;
    counters.set(e.key, v);
  };
  return {
    // Synchronous body: atomic with respect to every other call in this process.
    async reserve(entries) {
      for (const e of entries) {
        const v = read(e.key) ?? { c: 0, t: 0 };
        if (e.limitCostNano !== undefined && v.c + e.costNano > e.limitCostNano) return { ok: false, key: e.key, dimension: 'cost', used: v.c, limit: e.limitCostNano };
        if (e.limitTokens !== undefined && v.t + e.tokens > e.limitTokens) return { ok: false, key: e.key, dimension: 'tokens', used: v.t, limit: e.limitTokens };
      }
      for (const e of entries) add(e);
      return { ok: true };
    },
    async adjust(entries) {
      for (const e of entries) add(e);
    },
    async get(key) {
      const v = read(key);
      return { costNano: v?.c ?? 0, tokens: v?.t ?? 0 };
    },
  };
}

// KEYS: counters (hashes with fields c, t). ARGV: 5 per key: cost, tokens, limitCost (-1 = none), limitTokens (-1), ttlMs (0 = none).
const RESERVE_SCRIPT = `
for i = 1, #KEYS do
  local b = (i - 1) * 5
  local cost = tonumber(ARGV[b + 1]); local tok = tonumber(ARGV[b + 2])
  local lc = tonumber(ARGV[b + 3]); local lt = tonumber(ARGV[b + 4])
  local h = redis.call('HMGET', KEYS[i], 'c', 't')
  local c = tonumber(h[1] or '0'); local t = tonumber(h[2] or '0')
  if lc >= 0 and c + cost > lc then return {i, 'cost', c, lc} end
  if lt >= 0 and t + tok > lt then return {i, 'tokens', t, lt} end
end
for i = 1, #KEYS do
  local b = (i - 1) * 5
  redis.call('HINCRBY', KEYS[i], 'c', ARGV[b + 1])
  redis.call('HINCRBY', KEYS[i], 't', ARGV[b + 2])
  local ttl = tonumber(ARGV[b + 5])
  if ttl > 0 and redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return {0}
`;

const ADJUST_SCRIPT = `
for i = 1, #KEYS do
  local b = (i - 1) * 3
  redis.call('HINCRBY', KEYS[i], 'c', ARGV[b + 1])
  redis.call('HINCRBY', KEYS[i], 't', ARGV[b + 2])
  local ttl = tonumber(ARGV[b + 3])
  if ttl > 0 and redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 0
`;

/** Options of {@link createRedisBudgetStore}. */
export interface RedisBudgetStoreOptions {
  /** `redis://` / `rediss://` URL (from trusted configuration). */
  url?: string;
  /** An existing node-redis client (not closed by the store). */
  client?: RedisClientType;
  /** Key prefix, default `mosaic:budget:`. Keys of one tenant share a Redis Cluster hash slot. */
  prefix?: string;
  /** Connect timeout in ms, default 2000. */
  connectTimeoutMs?: number;
}

/**
 * A {@link BudgetStore} in Redis, shared by every instance of the host app. Reservation is one
 * Lua script (check every counter, then increment all), so concurrent calls on any number of
 * instances never overshoot a limit. Counters are integer hashes (`c` nano-dollars, `t`
 * tokens); windowed budgets expire with their window.
 *
 * @throws {MosaicError} from `reserve` when Redis cannot be reached (the budget manager then
 * refuses the call unless `onStoreError: 'allow'`).
 */
export function createRedisBudgetStore(options: RedisBudgetStoreOptions): BudgetStore {
  if (!options.client && !options.url) throw new MosaicError({ message: 'createRedisBudgetStore needs url or client' });
  const prefix = options.prefix ?? 'mosaic:budget:';
  let client: RedisClientType | undefined = options.client;
  let connecting: Promise<RedisClientType> | undefined;
  const owned = !options.client;
  const connect = async (): Promise<RedisClientType> => {
    if (client) return client;
    connecting ??= (async () => {
      // Loaded on first connect: hosts without a Redis budget store never load the Redis client.
      const { createClient } = await import('@keyv/redis');
      const c = createClient({ url: options.url!, socket: { connectTimeout: options.connectTimeoutMs ?? 2000, reconnectStrategy: false } }) as RedisClientType;
      c.on('error', () => undefined);
      await c.connect();
      client = c;
      return c;
    })().catch((error: unknown) => {
      connecting = undefined;
      throw new MosaicError({ message: 'budget store: Redis unavailable', cause: error, isRetryable: true });
    });
    return connecting;
  };
  const k = (key: string) => `${prefix}${key}`;
  /** Runs `fn`; when the owned connection died, drops it so that the next call reconnects. */
  const withClient = async <T>(fn: (c: RedisClientType) => Promise<T>): Promise<T> => {
    const c = await connect();
    try {
      return await fn(c);
    } catch (error) {
      if (owned && !c.isOpen) {
        client = undefined;
        connecting = undefined;
        throw new MosaicError({ message: 'budget store: Redis unavailable', cause: error, isRetryable: true });
      }
      throw error;
    }
  };
  return {
    reserve: (entries) => withClient(async (c) => {
      const args: string[] = [];
      for (const e of entries) {
        args.push(String(e.costNano), String(e.tokens), String(e.limitCostNano ?? -1), String(e.limitTokens ?? -1), String(e.ttlMs ?? 0));
      }
      const r = (await c.eval(RESERVE_SCRIPT, { keys: entries.map((e) => k(e.key)), arguments: args })) as Array<number | string>;
      if (Number(r[0]) === 0) return { ok: true } as const;
      const e = entries[Number(r[0]) - 1]!;
      return { ok: false, key: e.key, dimension: r[1] === 'cost' ? 'cost' : 'tokens', used: Number(r[2]), limit: Number(r[3]) } as const;
    }),
    async adjust(entries) {
      if (entries.length === 0) return;
      const args: string[] = [];
      for (const e of entries) args.push(String(e.costNano), String(e.tokens), String(e.ttlMs ?? 0));
      await withClient((c) => c.eval(ADJUST_SCRIPT, { keys: entries.map((e) => k(e.key)), arguments: args }));
    },
    get: (key) => withClient(async (c) => {
      const h = await c.hmGet(k(key), ['c', 't']);
      return { costNano: Number(h[0] ?? 0), tokens: Number(h[1] ?? 0) };
    }),
    async close() {
      if (owned && client) {
        const c = client;
        client = undefined;
        await c.quit().catch(() => undefined);
      }
    },
  };
}

/** Options of {@link createBudgetManager}. */
export interface BudgetOptions {
  /** Counter store; default an in-memory store (one instance). Use {@link createRedisBudgetStore} for several. */
  store?: BudgetStore;
  /** Budgets per tenant id; `*` gives every tenant its own budget with these limits. */
  tenants?: Record<string, BudgetLimits>;
  /** Budgets per end-user id (`OrchestratorCallOptions.user.id`), within each tenant; `*` = every user. */
  users?: Record<string, BudgetLimits>;
  /** Budgets per tag, keyed `name=value` (`team=search`), within each tenant. */
  tags?: Record<string, BudgetLimits>;
  /** What to do when the store fails: `deny` (default: refuse the call) or `allow` (log and admit). */
  onStoreError?: 'deny' | 'allow';
  /** Clock for windows; default `Date.now`. */
  now?: () => number;
}

/** Who a call is charged to. */
export interface BudgetScope {
  tenant: string;
  userId?: string | undefined;
  tags?: Record<string, string> | undefined;
}

/** Amount of one call: US dollars and tokens. */
export interface BudgetAmount {
  costUsd: number;
  tokens: number;
}

/** An admitted reservation. Settle it once with the actual amount, or release it when nothing was spent. */
export interface BudgetReservation {
  /** Budget names charged (`tenant:acme`, `tenant:acme/user:u1`, …); empty when no budget applies. */
  readonly budgets: readonly string[];
  readonly reserved: BudgetAmount;
  /** Replaces the reserved amount by the actual one. Idempotent (later calls do nothing). */
  settle(actual: BudgetAmount): Promise<void>;
  /** Returns the whole reservation (the call spent nothing). Same as `settle({ costUsd: 0, tokens: 0 })`. */
  release(): Promise<void>;
}

/** Spend and token budgets per tenant, user and tag (see {@link createBudgetManager}). */
export interface BudgetManager {
  /**
   * Reserves `amount` on every budget that applies to `scope`, atomically.
   * @throws {BudgetExceededError} when any budget would be exceeded (nothing is reserved).
   */
  reserve(scope: BudgetScope, amount: BudgetAmount, operation?: string): Promise<BudgetReservation>;
  /** Current spent-plus-reserved amounts of the budgets that apply to `scope`, by budget name. */
  usage(scope: BudgetScope): Promise<Record<string, BudgetAmount & { limits: BudgetLimits }>>;
  close(): Promise<void>;
}

const NANO = 1e9;

/**
 * Creates a budget manager: before an AI call, {@link BudgetManager.reserve} adds the call's
 * estimated maximum cost and tokens to every applicable budget in one atomic step and refuses
 * the call (`BudgetExceededError`) if any budget would go over; after the call the
 * reservation is settled with the actual usage. Under any concurrency the admitted calls'
 * reservations never exceed a limit.
 */
export function createBudgetManager(options: BudgetOptions): BudgetManager {
  const store = options.store ?? createMemoryBudgetStore(options.now ? { now: options.now } : {});
  const now = options.now ?? Date.now;
  const applicable = (scope: BudgetScope): Array<{ name: string; key: string; limits: BudgetLimits }> => {
    const out: Array<{ name: string; key: string; limits: BudgetLimits }> = [];
    const t = `tenant:${scope.tenant}`;
    const push = (name: string, limits: BudgetLimits | undefined) => {
      if (!limits) return;
      const window = limits.windowMs ? `@${Math.floor(now() / limits.windowMs)}` : '';
      out.push({ name, key: `{${scope.tenant}}${name.slice(t.length)}${window}`, limits });
    };
    push(t, options.tenants?.[scope.tenant] ?? options.tenants?.['*']);
    if (scope.userId !== undefined) push(`${t}/user:${scope.userId}`, options.users?.[scope.userId] ?? options.users?.['*']);
    for (const [name, value] of Object.entries(scope.tags ?? {})) push(`${t}/tag:${name}=${value}`, options.tags?.[`${name}=${value}`]);
    return out;
  };
  const ttl = (l: BudgetLimits) => (l.windowMs ? l.windowMs - (now() % l.windowMs) + 1000 : undefined);
  return {
    async reserve(scope, amount, operation = 'ai call') {
      const budgets = applicable(scope);
      const costNano = Math.ceil(amount.costUsd * NANO);
      const tokens = Math.ceil(amount.tokens);
      const entries: BudgetStoreEntry[] = budgets.map((b) => ({
        key: b.key,
        costNano,
        tokens,
        limitCostNano: b.limits.maxCostUsd !== undefined ? Math.floor(b.limits.maxCostUsd * NANO) : undefined,
        limitTokens: b.limits.maxTokens,
        ttlMs: ttl(b.limits),
      }));
      let stored = entries;
      if (entries.length) {
        let result: BudgetStoreResult;
        try {
          result = await store.reserve(entries);
        } catch (error) {
          if (options.onStoreError === 'allow') stored = [];
          else throw error;
          result = { ok: true };
        }
        if (!result.ok) {
          const b = budgets.find((x) => x.key === result.key)!;
          const cost = result.dimension === 'cost';
          throw new BudgetExceededError({
            operation,
            tenant: scope.tenant,
            budget: b.name,
            dimension: result.dimension,
            limit: cost ? result.limit / NANO : result.limit,
            used: cost ? result.used / NANO : result.used,
            requested: cost ? costNano / NANO : tokens,
          });
        }
      }
      let done = false;
      const settle = async (actual: BudgetAmount) => {
        if (done || stored.length === 0) return;
        done = true;
        const dc = Math.round(actual.costUsd * NANO) - costNano;
        const dt = Math.round(actual.tokens) - tokens;
        if (dc === 0 && dt === 0) return;
        await store.adjust(stored.map((e) => ({ key: e.key, costNano: dc, tokens: dt, ttlMs: e.ttlMs })));
      };
      return {
        budgets: budgets.map((b) => b.name),
        reserved: { costUsd: costNano / NANO, tokens },
        settle,
        release: () => settle({ costUsd: 0, tokens: 0 }),
      };
    },
    async usage(scope) {
      const out: Record<string, BudgetAmount & { limits: BudgetLimits }> = {};
      for (const b of applicable(scope)) {
        const v = await store.get(b.key);
        out[b.name] = { costUsd: v.costNano / NANO, tokens: v.tokens, limits: b.limits };
      }
      return out;
    },
    close: async () => {
      await store.close?.();
    },
  };
}
