import { z } from 'zod';
import { registerSecret } from '../errors/index.js';
import { durationProblem, parseDuration } from './duration.js';
import { analyzePattern, conditionProblems } from './patterns.js';

/** Service types a plugin may have. */
export const PLUGIN_TYPES = ['git', 'cicd', 'docs', 'project', 'ai', 'workflow'] as const;
/** Load-balancing strategies (DESIGN §3). */
export const LOAD_BALANCING_STRATEGIES = ['round-robin', 'weighted', 'least-connections', 'response-time', 'adaptive', 'cost'] as const;
/** Backoff shapes between retries. */
export const BACKOFF_KINDS = ['exponential', 'linear', 'constant'] as const;
/** Credential kinds of `plugins[].config.auth.type`. */
export const AUTH_TYPES = ['token', 'oauth', 'app', 'basic'] as const;

/** Plugin ids: lowercase letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const PLUGIN_ID = /^[a-z0-9][a-z0-9._-]*$/;
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function duration(options: { positive?: boolean } = {}) {
  return z
    .union([z.number(), z.string()], { error: 'expected a duration (milliseconds, or a string such as "30s")' })
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined) {
        ctx.issues.push({ code: 'custom', message: durationProblem(value), input: value });
        return z.NEVER;
      }
      if (options.positive && ms === 0) {
        ctx.issues.push({ code: 'custom', message: 'must be greater than 0', input: value });
        return z.NEVER;
      }
      return ms;
    });
}

/** Seconds: a number of seconds or a duration string (`5m`), converted to seconds. */
function seconds() {
  return z
    .union([z.number(), z.string()], { error: 'expected seconds (a number, or a string such as "5m")' })
    .transform((value, ctx) => {
      if (typeof value === 'number') {
        if (value >= 0) return value;
        ctx.issues.push({ code: 'custom', message: `expected a non-negative number of seconds, got ${value}`, input: value });
        return z.NEVER;
      }
      const ms = parseDuration(value);
      if (ms === undefined) {
        ctx.issues.push({ code: 'custom', message: durationProblem(value).replace('write a number of milliseconds', 'write a number of seconds'), input: value });
        return z.NEVER;
      }
      return ms / 1000;
    });
}

function httpUrl() {
  return z.string().superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected an http(s) URL, got ${JSON.stringify(value)}`, input: value });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `expected an http(s) URL, got protocol "${url.protocol}"`, input: value });
    } else if (url.username || url.password) {
      registerSecret(decodeURIComponent(url.password));
      ctx.addIssue({ code: 'custom', message: 'credentials in the URL; put them under config.auth', input: value });
    }
  });
}

function redisUrl() {
  return z.string().superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a redis:// or rediss:// URL', input: value });
      return;
    }
    if (url.password) registerSecret(decodeURIComponent(url.password));
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
      ctx.addIssue({ code: 'custom', message: `expected a redis:// or rediss:// URL, got protocol "${url.protocol}"`, input: value });
    }
  });
}

function pluginRef() {
  return z.string().min(1);
}

function idString(what: string, pattern: RegExp, rule: string) {
  return z.string().regex(pattern, { error: (issue) => `invalid ${what} ${JSON.stringify(issue.input)}: ${rule}` });
}

function buildSchemas() {
  const ruleSchema = z.object({
    /** Shown in explain() traces. */
    name: z.string().min(1).optional(),
    pattern: z.string().superRefine((pattern, ctx) => {
      const info = analyzePattern(pattern);
      if (info.error) ctx.addIssue({ code: 'custom', message: info.error, input: pattern });
    }),
    provider: pluginRef().optional(),
    providers: z.array(pluginRef()).min(1).optional(),
    priority: z.number().default(0),
    conditions: z
      .union([z.string(), z.record(z.string(), z.unknown())], { error: 'expected a condition string or a condition object' })
      .superRefine((conditions, ctx) => {
        for (const p of conditionProblems(conditions)) ctx.addIssue({ code: 'custom', message: p.message, path: p.path, input: conditions });
      })
      .optional(),
    strategy: z.enum(LOAD_BALANCING_STRATEGIES).optional(),
  });

  const defaultRef = z.union([pluginRef(), z.array(pluginRef()).min(1)], { error: 'expected a plugin id or a list of plugin ids' });

  const authSchema = z.object({
    type: z.enum(AUTH_TYPES),
    token: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
    appId: z.union([z.string().min(1), z.int().positive()], { error: 'expected an app id (string or number)' }).optional(),
    privateKey: z.string().min(1).optional(),
    installationId: z.union([z.string().min(1), z.int().positive()], { error: 'expected an installation id (string or number)' }).optional(),
  });

  const pluginSettingsSchema = z.looseObject({
    baseUrl: httpUrl().optional(),
    auth: authSchema.optional(),
    rateLimit: z.object({ maxRequests: z.int().positive(), windowMs: duration({ positive: true }) }).optional(),
    retry: z
      .object({
        attempts: z.int().min(0),
        backoff: z.enum(BACKOFF_KINDS).default('exponential'),
        initialDelayMs: duration().optional(),
        maxDelayMs: duration().optional(),
      })
      .optional(),
    ssl: z.object({ verify: z.boolean().default(true), cert: z.string().min(1).optional() }).optional(),
    timeoutMs: duration({ positive: true }).optional(),
  });

  const resilienceOverrideSchema = z.object({
    timeoutMs: duration({ positive: true }).optional(),
    retry: z
      .object({
        maxAttempts: z.int().min(1).optional(),
        initialDelayMs: duration().optional(),
        maxDelayMs: duration().optional(),
        maxRetryAfterMs: duration().optional(),
        backoff: z.enum(BACKOFF_KINDS).optional(),
      })
      .optional(),
    breaker: z
      .object({
        mode: z.enum(['consecutive', 'count']).optional(),
        threshold: z.int().min(1).optional(),
        failureRate: z.number().gt(0).lte(1).optional(),
        minimumRequests: z.int().min(1).optional(),
        windowMs: duration({ positive: true }).optional(),
        halfOpenAfterMs: duration({ positive: true }).optional(),
      })
      .optional(),
    bulkhead: z.object({ maxConcurrent: z.int().min(1).optional(), maxQueue: z.int().min(0).optional() }).optional(),
  });

  const resilienceSchema = z.object({
    timeoutMs: duration({ positive: true }).default(10_000),
    retry: z
      .object({
        maxAttempts: z.int().min(1).default(3),
        initialDelayMs: duration().default(100),
        maxDelayMs: duration().default(5_000),
        maxRetryAfterMs: duration().default(30_000),
        backoff: z.enum(BACKOFF_KINDS).default('exponential'),
      })
      .prefault({}),
    breaker: z
      .object({
        mode: z.enum(['consecutive', 'count']).default('consecutive'),
        threshold: z.int().min(1).default(5),
        failureRate: z.number().gt(0).lte(1).default(0.5),
        minimumRequests: z.int().min(1).default(10),
        windowMs: duration({ positive: true }).default(30_000),
        halfOpenAfterMs: duration({ positive: true }).default(10_000),
      })
      .prefault({}),
    bulkhead: z.object({ maxConcurrent: z.int().min(1).default(50), maxQueue: z.int().min(0).default(0) }).prefault({}),
  });

  const pluginSchema = z
    .object({
      id: idString('plugin id', PLUGIN_ID, 'use lowercase letters, digits, ".", "_" and "-", starting with a letter or digit'),
      type: z.enum(PLUGIN_TYPES),
      provider: idString('provider name', /^[a-z0-9][a-z0-9-]*$/, 'use the lowercase vendor name, e.g. "github"'),
      enabled: z.boolean().default(true),
      package: idString('package name', PACKAGE_NAME, 'expected an npm package name such as "@mosaic/provider-github"').optional(),
      factory: idString('factory', IDENTIFIER, 'expected the name of an exported function such as "createGitHub"').optional(),
      weight: z.number().min(0).optional(),
      config: pluginSettingsSchema.prefault({}),
      resilience: resilienceOverrideSchema.optional(),
    })
    .transform((plugin) => ({ ...plugin, package: plugin.package ?? `@mosaic/provider-${plugin.provider}` }));

  const routingSchema = z.object({
    rules: z.array(ruleSchema).default([]),
    default: defaultRef.optional(),
    fallbacks: z.array(pluginRef()).default([]),
    loadBalancing: z
      .object({
        strategy: z.enum(LOAD_BALANCING_STRATEGIES).default('round-robin'),
        weights: z.record(z.string(), z.number().min(0)).optional(),
        healthCheck: z
          .object({ interval: duration({ positive: true }).default(30_000), timeout: duration({ positive: true }).default(5_000) })
          .prefault({}),
      })
      .prefault({}),
    costs: z.record(z.string(), z.record(z.string(), z.number().min(0))).optional(),
  });

  const cacheOperationSchema = z.object({
    ttl: seconds().optional(),
    staleWhileRevalidate: seconds().optional(),
    staleIfError: seconds().optional(),
  });

  const cacheSchema = z.object({
    enabled: z.boolean().default(true),
    provider: z.enum(['memory', 'redis']).default('memory'),
    // `url: ${REDIS_URL:-}` with REDIS_URL unset interpolates to '': the same as no URL.
    url: z.preprocess((v) => (v === '' ? undefined : v), redisUrl().optional()),
    ttl: seconds().default(60),
    maxSize: z.int().min(1).default(10_000),
    maxBytes: z.int().min(1).optional(),
    timeoutMs: duration({ positive: true }).default(50),
    staleWhileRevalidate: seconds().default(0),
    staleIfError: seconds().default(0),
    operations: z.record(z.string(), cacheOperationSchema).default({}),
  });

  const tenantSchema = z.object({
    plugins: z.array(pluginRef()).optional(),
    rules: z.array(ruleSchema).default([]),
    default: defaultRef.optional(),
    fallbacks: z.array(pluginRef()).optional(),
    budgets: z.record(z.string(), z.unknown()).optional(),
  });

  // AI routing (see src/ai): price overrides, spend/token budgets, streaming failover, AI caching.
  const aiPricingSchema = z.object({
    inputPerMillionUsd: z.number().min(0),
    outputPerMillionUsd: z.number().min(0),
    cachedInputPerMillionUsd: z.number().min(0).optional(),
  });
  const aiBudgetLimitsSchema = z.object({
    maxCostUsd: z.number().positive().optional(),
    maxTokens: z.int().positive().optional(),
    window: duration({ positive: true }).optional(),
  });
  const aiSchema = z.object({
    prices: z.record(z.string(), aiPricingSchema).optional(),
    budgets: z
      .object({
        store: z.enum(['memory', 'redis']).default('memory'),
        url: z.preprocess((v) => (v === '' ? undefined : v), redisUrl().optional()),
        tenants: z.record(z.string(), aiBudgetLimitsSchema).default({}),
        users: z.record(z.string(), aiBudgetLimitsSchema).default({}),
        tags: z.record(z.string(), aiBudgetLimitsSchema).default({}),
        onStoreError: z.enum(['deny', 'allow']).default('deny'),
      })
      .refine((b) => b.store !== 'redis' || b.url !== undefined, { message: 'a redis budget store needs url', path: ['url'] })
      .optional(),
    streamFailover: z.object({ continueOnFallback: z.boolean().default(false) }).optional(),
    cache: z.enum(['deterministic', 'off']).default('deterministic'),
  });

  const orchestrationSchema = z.object({
    plugins: z.array(pluginSchema).default([]),
    routing: routingSchema.prefault({}),
    resilience: resilienceSchema.prefault({}),
    cache: cacheSchema.prefault({}),
    tenants: z.record(z.string(), tenantSchema).default({}),
    ai: aiSchema.optional(),
  });

  const rootSchema = z.object({ orchestration: orchestrationSchema });

  return {
    root: rootSchema,
    orchestration: orchestrationSchema,
    plugin: pluginSchema,
    pluginSettings: pluginSettingsSchema,
    auth: authSchema,
    rule: ruleSchema,
    routing: routingSchema,
    resilience: resilienceSchema,
    resilienceOverride: resilienceOverrideSchema,
    cache: cacheSchema,
    cacheOperation: cacheOperationSchema,
    ai: aiSchema,
    tenant: tenantSchema,
  };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;

/** The config schemas, built on first use (nothing is built at import time). */
export function getSchemas(): Schemas {
  schemas ??= buildSchemas();
  return schemas;
}

/**
 * A validated configuration document: `{ orchestration: { plugins, routing, resilience, cache,
 * tenants } }` with every default applied and every duration converted to milliseconds
 * (`ttl`, `staleWhileRevalidate`, `staleIfError` to seconds). Produced by `parseConfig`,
 * `loadConfigFile` and `validateConfig`.
 */
export type MosaicConfig = z.output<Schemas['root']>;

/**
 * What a configuration file (or {@link defineConfig}) may contain before defaults: durations
 * as milliseconds or strings (`"30s"`), optional sections omitted, vendor keys under
 * `plugins[].config`.
 */
export type MosaicConfigInput = z.input<Schemas['root']>;

/** The `orchestration` section after validation. */
export type OrchestrationConfig = z.output<Schemas['orchestration']>;

/**
 * One plugin: `{ id, type, provider, enabled (default true), package (default
 * "@mosaic/provider-<provider>"), factory?, weight?, config, resilience? }`. `config` holds
 * `baseUrl?`, `auth?`, `rateLimit?` (`maxRequests` per `windowMs`), `retry?`, `ssl?`,
 * `timeoutMs?` (ms) and any vendor keys, passed to the provider unchanged. `config.retry.attempts`
 * counts every attempt including the first (0 and 1: no retry); `config.retry`/`config.timeoutMs` feed the core's single
 * retry layer (see `resolveResilience`), the vendor SDK's own retries stay off.
 * Exported from the package as `PluginEntryConfig`; assignable to the plugin manager's
 * `PluginConfig` (what `loadFromConfig` takes).
 */
export type PluginConfig = z.output<Schemas['plugin']>;

/** `plugins[].config`: the settings handed to the provider factory (vendor keys included). */
export type PluginSettingsConfig = z.output<Schemas['pluginSettings']>;

/**
 * `plugins[].config.auth`: `type` token (needs `token`), oauth (`token`, or `clientId` +
 * `clientSecret`), app (`appId` + `privateKey`, `installationId?`), basic (`username` +
 * `password`). Every value here is registered as a secret.
 */
export type AuthConfig = z.output<Schemas['auth']>;

/**
 * `orchestration.routing`: `rules` (default `[]`), `default` (plugin id or ids), `fallbacks`
 * (default `[]`), `loadBalancing { strategy (default round-robin), weights?, healthCheck {
 * interval (ms, default 30000), timeout (ms, default 5000) } }`, `costs?` (per plugin id, per
 * operation name or `"*"`, non-negative numbers).
 */
export type RoutingConfig = z.output<Schemas['routing']>;

/**
 * One routing rule: `{ name?, pattern, provider | providers, priority (default 0),
 * conditions? (string or structured object), strategy? }`. Highest priority wins.
 */
export type RuleConfig = z.output<Schemas['rule']>;

/**
 * `orchestration.cache`: `enabled` (default true), `provider` memory|redis (default memory),
 * `url` (required for redis), `ttl` (seconds, default 60), `maxSize` (entries, default 10000),
 * `maxBytes?` (bytes), `timeoutMs` (L2 timeout, default 50), `staleWhileRevalidate` and
 * `staleIfError` (seconds, default 0), `operations` (per read operation overrides).
 */
export type CacheConfig = z.output<Schemas['cache']>;

/**
 * `orchestration.resilience`, the defaults of every provider: `timeoutMs` (default 10000),
 * `retry { maxAttempts 3 (first attempt included), initialDelayMs 100, maxDelayMs 5000,
 * maxRetryAfterMs 30000, backoff exponential }`, `breaker { mode consecutive|count, threshold 5,
 * failureRate 0.5, minimumRequests 10, windowMs 30000, halfOpenAfterMs 10000 }`, `bulkhead {
 * maxConcurrent 50, maxQueue 0 }`. All durations in ms.
 */
export type ResilienceConfig = z.output<Schemas['resilience']>;

/** `plugins[].resilience`: any subset of {@link ResilienceConfig}, overriding it for one plugin. */
export type ResilienceOverrideConfig = z.output<Schemas['resilienceOverride']>;

/**
 * One tenant (`orchestration.tenants.<id>`): `plugins?` (the ids it may use; all when absent),
 * `rules` (same shape as routing rules), `default?`, `fallbacks?`, `budgets?` (free-form,
 * read by the quota module).
 */
export type TenantConfig = z.output<Schemas['tenant']>;

/**
 * `orchestration.ai` (optional): `prices?` (US dollars per million tokens by `<model>` or
 * `<plugin id>:<model>`), `budgets?` { `store` memory|redis (default memory), `url` (required for
 * redis), `tenants` / `users` / `tags` (`name=value`) → { `maxCostUsd?`, `maxTokens?`,
 * `window?` (ms) }, `onStoreError` deny|allow (default deny) }, `streamFailover?`
 * { `continueOnFallback` (default false) }, `cache` deterministic|off (default deterministic).
 * Applied when the orchestrator is created (not by `reload()`).
 */
export type AiConfig = z.output<Schemas['ai']>;
