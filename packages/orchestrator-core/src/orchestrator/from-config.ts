import type { CacheOptions } from '../cache/index.js';
import type { MosaicConfig, PluginEntryConfig } from '../config/index.js';
import type { ResilienceOptions } from '../resilience/index.js';
import type { RouteRule, RouterOptions } from '../router/index.js';

/** What the plugin manager needs to load one configured plugin. */
export interface PluginLoadSpec {
  id: string;
  type: PluginEntryConfig['type'];
  provider: string;
  enabled?: boolean;
  package?: string;
  factory?: string;
  /** Settings handed to the provider factory (with `id`). */
  config?: Record<string, unknown>;
}

/** The orchestrator options a configuration document stands for. */
export interface OptionsFromConfig {
  plugins: PluginLoadSpec[];
  routing: RouterOptions;
  resilience: { defaults: ResilienceOptions; perProvider: Record<string, ResilienceOptions> };
  cache: CacheOptions | undefined;
  tenants: Record<string, { providers?: string[] }>;
  healthCheck: { intervalMs: number; timeoutMs: number };
}

/** Keys of `plugins[].config` the core handles itself; they are not passed to the provider factory. */
const CORE_KEYS = new Set(['auth', 'retry', 'rateLimit', 'ssl', 'timeoutMs']);

/**
 * Settings for a provider factory from a plugin's `config`: `baseUrl` and vendor
 * keys as they are; `auth.token` (token and oauth auth) becomes `token`; `auth.username` /
 * `auth.password` (basic) become `username` / `password`; app credentials (`appId`,
 * `privateKey`, `installationId`) are passed under `app`. `timeoutMs`, `retry` and `rateLimit` are applied by
 * the core's resilience layer; `ssl` is not passed (use a custom fetch/agent in code).
 */
export function factorySettings(config: PluginEntryConfig['config']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!CORE_KEYS.has(key) && value !== undefined) out[key] = value;
  }
  const auth = config.auth;
  if (auth) {
    if ((auth.type === 'token' || auth.type === 'oauth') && auth.token) out.token = auth.token;
    if (auth.type === 'basic') {
      if (auth.username) out.username = auth.username;
      if (auth.password) out.password = auth.password;
    }
    if (auth.type === 'app') out.app = { appId: auth.appId, privateKey: auth.privateKey, installationId: auth.installationId };
    if (auth.type === 'oauth' && auth.clientId) out.oauth = { clientId: auth.clientId, clientSecret: auth.clientSecret };
  }
  return out;
}

/** Maps a validated configuration document onto orchestrator options. */
export function configToOptions(config: MosaicConfig): OptionsFromConfig {
  const o = config.orchestration;
  const enabled = o.plugins.filter((p) => p.enabled);
  const perProvider: Record<string, ResilienceOptions> = {};
  for (const p of enabled) {
    const r: ResilienceOptions = {};
    if (p.config.timeoutMs !== undefined) r.timeoutMs = p.config.timeoutMs;
    if (p.config.retry) {
      r.retry = {
        maxAttempts: Math.max(1, p.config.retry.attempts),
        backoff: p.config.retry.backoff,
        ...(p.config.retry.initialDelayMs !== undefined ? { initialDelayMs: p.config.retry.initialDelayMs } : {}),
        ...(p.config.retry.maxDelayMs !== undefined ? { maxDelayMs: p.config.retry.maxDelayMs } : {}),
      };
    }
    if (p.resilience) {
      const { retry, breaker, bulkhead, timeoutMs } = p.resilience;
      if (timeoutMs !== undefined) r.timeoutMs = timeoutMs;
      if (retry) r.retry = { ...r.retry, ...stripUndefined(retry) };
      if (breaker) r.breaker = stripUndefined(breaker);
      if (bulkhead) r.bulkhead = stripUndefined(bulkhead);
    }
    if (Object.keys(r).length) perProvider[p.id] = r;
  }
  const tenants: Record<string, { providers?: string[] }> = {};
  const routerTenants: NonNullable<RouterOptions['tenants']> = {};
  for (const [name, t] of Object.entries(o.tenants)) {
    tenants[name] = t.plugins ? { providers: t.plugins } : {};
    if (t.rules.length || t.default !== undefined) {
      routerTenants[name] = { rules: t.rules as RouteRule[], ...(t.default !== undefined ? { default: t.default } : {}) };
    }
  }
  const routing: RouterOptions = {
    // conditions were shape-checked by the config schema; the router compiles them.
    rules: o.routing.rules as RouteRule[],
    ...(o.routing.default !== undefined ? { default: o.routing.default } : {}),
    fallbacks: o.routing.fallbacks,
    loadBalancing: {
      strategy: o.routing.loadBalancing.strategy,
      // `plugins[].weight` and `routing.loadBalancing.weights` say the same; the latter wins.
      weights: {
        ...Object.fromEntries(enabled.filter((p) => p.weight !== undefined).map((p) => [p.id, p.weight!])),
        ...o.routing.loadBalancing.weights,
      },
    },
    ...(o.routing.costs ? { costs: o.routing.costs } : {}),
    ...(Object.keys(routerTenants).length ? { tenants: routerTenants } : {}),
  };
  const c = o.cache;
  const cache: CacheOptions | undefined = c.enabled
    ? {
        l1: { maxEntries: c.maxSize, ...(c.maxBytes !== undefined ? { maxBytes: c.maxBytes } : {}) },
        ...(c.provider === 'redis' && c.url ? { redis: { url: c.url, timeoutMs: c.timeoutMs } } : {}),
        defaultTtlSeconds: c.ttl,
        staleWhileRevalidateSeconds: c.staleWhileRevalidate,
        staleIfErrorSeconds: c.staleIfError,
        operations: Object.fromEntries(
          Object.entries(c.operations).map(([op, v]) => [
            op,
            stripUndefined({ ttlSeconds: v.ttl, staleWhileRevalidateSeconds: v.staleWhileRevalidate, staleIfErrorSeconds: v.staleIfError }),
          ]),
        ),
      }
    : undefined;
  return {
    plugins: enabled.map((p) => ({
      id: p.id,
      type: p.type,
      provider: p.provider,
      enabled: p.enabled,
      package: p.package,
      ...(p.factory ? { factory: p.factory } : {}),
      config: factorySettings(p.config),
    })),
    routing,
    resilience: {
      defaults: {
        timeoutMs: o.resilience.timeoutMs,
        retry: o.resilience.retry,
        breaker: o.resilience.breaker,
        bulkhead: o.resilience.bulkhead,
      },
      perProvider,
    },
    cache,
    tenants,
    healthCheck: { intervalMs: o.routing.loadBalancing.healthCheck.interval, timeoutMs: o.routing.loadBalancing.healthCheck.timeout },
  };
}

function stripUndefined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
