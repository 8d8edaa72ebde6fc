import { randomUUID } from 'node:crypto';
import type { CacheOptions, MosaicCache } from '../cache/index.js';
import { cacheKey, createCache } from '../cache/index.js';
import type { MosaicConfig } from '../config/index.js';
import { ConfigError } from '../errors/config-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { MosaicError } from '../errors/mosaic-error.js';
import { NoProviderAvailableError } from '../errors/no-provider-available-error.js';
import { NoSuchProviderError } from '../errors/no-such-provider-error.js';
import { UnsupportedOperationError } from '../errors/unsupported-operation-error.js';
import { createEventBus, type EventBus } from '../events/bus.js';
import { createLogger } from '../events/logger.js';
import { createTelemetry, type TelemetryOptions } from '../events/telemetry.js';
import { PluginError } from '../errors/plugin-error.js';
import type { MosaicEventListener, MosaicEventName } from '../events/index.js';
import { createPluginManager, type PluginManager } from '../plugins/index.js';
import { getOperation, readTags, writeTags, type AnyOperation, type OperationName } from '../registry/index.js';
import {
  attemptsOf,
  createResilience,
  type CreateResilienceOptions,
  type ExecuteCall,
  type ExecuteCandidate,
  type Resilience,
  type ResilienceOptions,
} from '../resilience/index.js';
import {
  createProviderStats,
  createRouter,
  type ProviderStats,
  type RoutableProvider,
  type RouteRequest,
  type RouteTrace,
  type Router,
  type RouterOptions,
} from '../router/index.js';
import type { AnyProviderV1 } from '../spec/v1/facets.js';
import type { HealthCheckResult, Logger, RateLimitState, RequestContext, ServiceType } from '../spec/v1/provider.js';
import { SERVICE_TYPES } from '../spec/v1/provider.js';
import { aiOptionsFromConfig, aiStreamCall, budgetScope, createAiRouting, type AiOrchestratorOptions } from '../ai/index.js';
import { configToOptions } from './from-config.js';
import type { OperationInput, OperationOutput, OrchestratorCallOptions, ServiceFacade } from './types.js';

/**
 * Options of {@link createOrchestrator}. Code and configuration express the same things:
 * pass providers and routing in code, or a validated `config` (see `loadConfigFile`), or both
 * (code providers are added to the configured ones).
 */
export interface OrchestratorOptions {
  /** Providers composed in code (instances of `createGitHub(...)`, …). */
  providers?: AnyProviderV1[];
  /** A validated configuration (`loadConfigFile` / `parseConfig` / `defineConfig`). */
  config?: MosaicConfig;
  /** Routing in code. Without rules every call goes to the providers of its service type in registration order. */
  routing?: Omit<RouterOptions, 'rules'> & { rules?: RouterOptions['rules'] };
  /** Resilience defaults and per-provider overrides (timeouts, retries, breakers, bulkheads). */
  resilience?: {
    defaults?: ResilienceOptions;
    perProvider?: Record<string, ResilienceOptions>;
    /** Clock (epoch ms) for breakers and attempt timestamps; default `Date.now`. For tests with virtual time. */
    clock?: CreateResilienceOptions['clock'];
    /** Abortable wait used between retries; default `setTimeout`. For tests with virtual time. */
    sleep?: CreateResilienceOptions['sleep'];
  };
  /** Two-tier cache for reads; `false` (default) turns it off. */
  cache?: CacheOptions | false;
  /** Per-tenant provider sets: a tenant listed here only ever reaches these provider ids. */
  tenants?: Record<string, { providers?: string[] }>;
  /** Provider health checks: interval and timeout in ms (default: every 30000 ms, 5000 ms timeout; 0 disables). */
  healthCheck?: { intervalMs?: number; timeoutMs?: number };
  /** Receives warnings and failures; nothing is ever written to the console. */
  logger?: Logger;
  /** Loads provider packages named in the configuration. Default: `(specifier) => import(specifier)`. */
  importModule?: (specifier: string) => Promise<Record<string, unknown>>;
  /** OpenTelemetry tracer/meter providers; default the globally registered ones (a no-op until the host registers one). */
  telemetry?: TelemetryOptions;
  /** AI routing: price overrides, spend/token budgets, streaming failover (see `AiOrchestratorOptions`). */
  ai?: AiOrchestratorOptions;
}

/** Health of every provider, breaker states and cache statistics (see {@link Orchestrator.health}). */
export interface OrchestratorHealth {
  providers: Array<{
    id: string;
    vendor: string;
    serviceType: ServiceType;
    state: string;
    health: HealthCheckResult | { status: 'unknown' };
    rateLimit?: RateLimitState;
  }>;
  breakers: ReturnType<Resilience['snapshot']>;
  cache?: ReturnType<MosaicCache['stats']>;
}

/** The composed orchestrator. Facades route, cache and protect every call. */
export interface Orchestrator {
  readonly git: ServiceFacade<'git'>;
  readonly cicd: ServiceFacade<'cicd'>;
  readonly docs: ServiceFacade<'docs'>;
  readonly project: ServiceFacade<'project'>;
  readonly ai: ServiceFacade<'ai'>;
  readonly workflow: ServiceFacade<'workflow'>;
  /** Calls any operation by registry name. Same pipeline as the facades. */
  call<N extends OperationName>(operation: N, input: OperationInput<N>, options?: OrchestratorCallOptions): Promise<OperationOutput<N>>;
  /** The routing decision a call would get, without calling anything (and without advancing round-robin counters). */
  explain<N extends OperationName>(operation: N, input: OperationInput<N>, options?: OrchestratorCallOptions): RouteTrace;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends MosaicEventName>(event: K, listener: MosaicEventListener<K>): () => void;
  /** The event bus (for `onAny`, `once`, `off`). */
  readonly events: EventBus;
  /** A registered provider instance by id (for vendor-only extras such as `enablePages`). */
  getProvider<P extends AnyProviderV1 = AnyProviderV1>(id: string): P;
  /** Registered provider ids, optionally of one service type. */
  providerIds(serviceType?: ServiceType): string[];
  /** Runs every provider's health check now (bounded by the health-check timeout) and returns the state of everything. */
  health(options?: { refresh?: boolean }): Promise<OrchestratorHealth>;
  /**
   * Applies a new configuration atomically: it is validated, new plugins are loaded and started,
   * and only then routing is swapped; in-flight calls finish on the old table. On any error
   * nothing changes and a `ConfigError`/`PluginError` is thrown.
   */
  reload(config: MosaicConfig): Promise<void>;
  /** Invalidates cached reads by resource tags (e.g. from a verified provider webhook). */
  invalidate(tags: string[]): Promise<void>;
  /** Stops health checks, stops and disposes every provider, closes the cache. Idempotent. */
  close(): Promise<void>;
}

interface RoutingTable {
  router: Router;
  tenants: Record<string, ReadonlySet<string>>;
  version: number;
}

/**
 * Builds an orchestrator: registers and starts providers (code and configuration), compiles
 * routing, and sets up resilience, cache, events and health checks.
 *
 * @throws {ConfigError} when the options contradict themselves (unknown provider in a rule, …).
 * @throws {PluginError} when a provider fails validation or its lifecycle.
 */
export async function createOrchestrator(options: OrchestratorOptions = {}): Promise<Orchestrator> {
  const logger = createLogger(options.logger);
  const events = createEventBus({ logger: options.logger });
  const plugins: PluginManager = createPluginManager({
    events,
    logger: options.logger,
    ...(options.importModule ? { importModule: options.importModule } : {}),
  });
  const telemetry = createTelemetry({ ...options.telemetry });
  events.on('cache:hit', (e) => telemetry.recordCacheHit(e.operation, { service: e.service, tenant: e.tenant, tier: e.tier }));
  events.on('cache:miss', (e) => telemetry.recordCacheMiss(e.operation, { service: e.service, tenant: e.tenant }));
  events.on('breaker:state', (e) => telemetry.recordBreakerTransition(e));
  const rateLimits = new Map<string, RateLimitState>();
  const health = new Map<string, HealthCheckResult>();
  const stats: ProviderStats = createProviderStats();

  const fromConfig = options.config ? configToOptions(options.config) : undefined;
  const codeProviders = options.providers ?? [];
  for (const provider of codeProviders) plugins.register(provider);
  for (const pluginConfig of fromConfig?.plugins ?? []) await plugins.loadFromConfig(pluginConfig);
  const initOptions = {
    ...(options.logger ? { logger: options.logger } : {}),
    reportRateLimitFor: (id: string) => (state: RateLimitState) => void rateLimits.set(id, { ...rateLimits.get(id), ...state }),
  };
  const started = await plugins.startAll(initOptions);
  if (started.failed.length) {
    await plugins.stopAll().catch(() => undefined);
    await plugins.disposeAll().catch(() => undefined);
    const first = started.failed[0]!;
    throw new PluginError({
      pluginId: first.id,
      problems: started.failed.map((f) => `${f.id}: ${f.error.message}`),
      cause: first.error,
    });
  }
  const loadedSpecs = new Map((fromConfig?.plugins ?? []).map((p) => [p.id, JSON.stringify(p)]));

  const resilienceSettings = {
    defaults: { ...fromConfig?.resilience?.defaults, ...options.resilience?.defaults },
    perProvider: { ...fromConfig?.resilience?.perProvider, ...options.resilience?.perProvider },
  };
  const resilience: Resilience = createResilience({
    ...resilienceSettings,
    events,
    ...(options.resilience?.clock ? { clock: options.resilience.clock } : {}),
    ...(options.resilience?.sleep ? { sleep: options.resilience.sleep } : {}),
  });
  const cacheOptions = options.cache === false ? undefined : (options.cache ?? fromConfig?.cache);
  const cache: MosaicCache | undefined = cacheOptions ? createCache({ ...cacheOptions, events, logger: options.logger }) : undefined;
  // AI hook: requirement filter, model choice per provider, cost order, budgets, stream failover (src/ai).
  const ai = createAiRouting({ ...aiOptionsFromConfig(options.config?.orchestration.ai), ...options.ai, capabilitiesOf: (id) => plugins.get(id)?.capabilities, ...(options.logger ? { logger: options.logger } : {}) });

  let version = 0;
  const buildTable = (routing: OrchestratorOptions['routing'], tenants: Record<string, { providers?: string[] }> | undefined): RoutingTable => {
    const providers: RoutableProvider[] = plugins.list().map((p) => ({
      id: p.id,
      vendor: p.vendor,
      serviceType: p.serviceType,
      operations: new Set<string>(p.capabilities.operations),
      ...(routing?.loadBalancing?.weights?.[p.id] !== undefined ? { weight: routing.loadBalancing.weights[p.id]! } : {}),
    }));
    const tenantSets: Record<string, ReadonlySet<string>> = {};
    for (const [tenant, t] of Object.entries(tenants ?? {})) if (t.providers) tenantSets[tenant] = new Set(t.providers);
    const known = new Set(providers.map((p) => p.id));
    const unknown = referencedProviders(routing).filter((id) => !known.has(id));
    if (unknown.length) {
      throw new ConfigError({ issues: unknown.map((id) => ({ path: 'routing', message: `unknown provider "${id}"` })) });
    }
    // Without a default, every provider is a default candidate (the capability filter keeps
    // those of the operation's service type), in registration order.
    const effective: RouterOptions = { ...routing, rules: routing?.rules ?? [], filters: [...(routing?.filters ?? []), ai.filter] };
    if (effective.default === undefined || (Array.isArray(effective.default) && effective.default.length === 0)) {
      effective.default = providers.map((p) => p.id);
    }
    const router = createRouter(effective, providers, {
      isHealthy: (id) => plugins.state(id) === 'running' && health.get(id)?.status !== 'unhealthy',
      breakerAllows: (id, kind) => resilience.breakerAllows(id, kind, fingerprintOf(id)),
      quotaExhausted: (id) => {
        const rl = rateLimits.get(id);
        return rl?.remaining === 0 && (rl.resetAt === undefined || rl.resetAt > Date.now());
      },
      tenantProviders: (tenant) => tenantSets[tenant],
    }, stats);
    return { router, tenants: tenantSets, version: ++version };
  };

  const fingerprintOf = (id: string): string => {
    const p = plugins.get(id);
    return p?.credentialFingerprint?.() ?? 'none';
  };

  let table = buildTable(options.routing ?? fromConfig?.routing, options.tenants ?? fromConfig?.tenants);

  const prepare = (name: string, rawInput: unknown, callOptions: OrchestratorCallOptions = {}) => {
    const operation = getOperation(name);
    if (!operation) {
      throw new InvalidArgumentError({ argument: 'operation', issues: [{ path: 'operation', message: `unknown operation "${name}"` }] });
    }
    const parsed = operation.input.safeParse(rawInput);
    if (!parsed.success) {
      throw new InvalidArgumentError({
        argument: name,
        issues: parsed.error.issues.map((i: { path: PropertyKey[]; message: string }) => ({ path: i.path.map(String).join('.'), message: i.message })),
      });
    }
    const input = parsed.data as unknown;
    const tenant = callOptions.tenant ?? 'default';
    const context: RequestContext & { tenant: string } = { ...callOptions.attributes, tenant };
    if (callOptions.user) context.user = callOptions.user;
    if (callOptions.tags) context.tags = callOptions.tags;
    const request: RouteRequest = { operation, input, resourceId: operation.resource(input as never), context };
    return { operation, input, tenant, context, request };
  };

  const call = async (name: string, rawInput: unknown, callOptions: OrchestratorCallOptions = {}): Promise<unknown> => {
    if (closed) throw new MosaicError({ message: 'The orchestrator is closed' });
    callOptions.signal?.throwIfAborted();
    const { operation, input, tenant, context, request } = prepare(name, rawInput, callOptions);
    const callId = randomUUID();
    const base = { callId, operation: operation.name, service: operation.service, tenant };
    const started = performance.now();
    const span = telemetry.startCallSpan(operation.name, { service: operation.service, tenant });
    events.emit('request:start', { ...base, resourceId: request.resourceId, kind: operation.kind });
    const current = table;
    let served: { provider: string; attempts: number; cached: boolean } | undefined;
    try {
      const decision = current.router.route(request);
      const aiPlan = operation.service === 'ai' ? ai.plan(request, decision) : undefined;
      let costUsd: number | undefined;
      events.emit('request:routed', { ...base, candidates: decision.candidates, decision: decision.trace });
      if (decision.candidates.length === 0) throw noCandidates(operation, decision.trace, plugins.list());
      const execute = async () => {
        // throws BudgetExceededError before any provider is called (no await, hence no extra tick, without a plan)
        const reservation = aiPlan ? await aiPlan.reserve(budgetScope(tenant, callOptions)) : undefined;
        const candidates = decision.candidates.map((id) => {
          const provider = plugins.get(id)!;
          const candidate: ExecuteCandidate = {
            id,
            credential: fingerprintOf(id),
            idempotencyKeys: provider.capabilities.features?.idempotencyKeys === true,
          };
          if (provider.capabilities.features?.credentialRefresh && provider.refreshCredentials) candidate.refreshCredentials = () => provider.refreshCredentials!();
          return candidate;
        });
        const executeCall: ExecuteCall<unknown> = {
          callId,
          operation,
          tenant,
          candidates,
          invoke: async (providerId, signal, attemptNumber) => {
            const attemptSpan = telemetry.startAttemptSpan(operation.name, {
              provider: providerId,
              attempt: attemptNumber,
              service: operation.service,
              tenant,
              parent: span.span.isRecording() ? span : undefined,
            });
            const lease = plugins.acquire(providerId);
            try {
              const method = (lease.provider as unknown as Record<string, (i: unknown, o: unknown) => Promise<unknown>>)[operation.method];
              if (typeof method !== 'function') throw new UnsupportedOperationError({ operation: operation.name, providerId });
              const providerOptions: { signal: AbortSignal; context: RequestContext; idempotencyKey?: string } = { signal, context: { ...context, callId } };
              if (callOptions.idempotencyKey) providerOptions.idempotencyKey = callOptions.idempotencyKey;
              const value = await method.call(lease.provider, aiPlan ? aiPlan.inputFor(providerId, input) : input, providerOptions);
              attemptSpan.end({ outcome: 'success' });
              return value;
            } catch (error) {
              attemptSpan.end({ outcome: 'error', error });
              throw error;
            } finally {
              lease.release();
            }
          },
          onAttemptStart: (id) => stats.onStart(id),
          onAttemptEnd: (id, r) => stats.onEnd(id, r),
        };
        if (callOptions.signal) executeCall.signal = callOptions.signal;
        if (callOptions.idempotencyKey) executeCall.idempotencyKey = callOptions.idempotencyKey;
        const pending = resilience.execute(executeCall);
        const result = reservation
          ? await pending.catch(async (error: unknown) => {
              await reservation.release().catch(() => undefined);
              throw error;
            })
          : await pending;
        served = { provider: result.provider, attempts: result.attempts.length, cached: false };
        if (!aiPlan) return result.value;
        const priced = await aiPlan.finish(result.provider, result.value, reservation);
        costUsd = priced.costUsd;
        return priced.value;
      };

      let value: unknown;
      if (operation.kind === 'read' && cache && isCacheable(operation, input) && ai.cacheable(operation, input) && callOptions.cache !== 'no-store') {
        const credential = [...new Set(decision.candidates)].sort().map((id) => `${id}=${fingerprintOf(id)}`).join(',');
        const key = cacheKey({ tenant, credential, operation: operation.name, input });
        if (callOptions.cache === 'refresh') await cache.delete(key);
        const hit = await cache.wrap(key, { operation: operation.name, tags: readTags(request.resourceId), tenant, callId, service: operation.service }, execute);
        value = hit.value;
        if (hit.hit) served = { provider: (value as { provider?: string })?.provider ?? 'cache', attempts: 0, cached: true };
      } else if (operation.kind === 'write') {
        try {
          value = await execute();
        } finally {
          // A write that may have been applied changes what reads would see.
          if (cache) await cache.invalidateTags(writeTags(request.resourceId)).catch(() => undefined);
        }
      } else {
        value = await execute();
      }
      span.end({ outcome: 'success', provider: served?.provider ?? 'unknown', cached: served?.cached ?? false });
      events.emit('request:success', {
        ...base,
        provider: served?.provider ?? 'unknown',
        durationMs: performance.now() - started,
        attempts: served?.attempts ?? 0,
        cached: served?.cached ?? false,
        ...(costUsd !== undefined && !served?.cached ? { costUsd } : {}),
      });
      return value;
    } catch (error) {
      span.end({ outcome: 'error', error });
      const attempts = (error as { attempts?: unknown }).attempts ?? attemptsOf(error);
      events.emit('request:error', {
        ...base,
        durationMs: performance.now() - started,
        attempts: Array.isArray(attempts) ? attempts : [],
        error: summarize(error),
      });
      throw error;
    }
  };

  const facades = {} as Record<ServiceType, Record<string, (input: unknown, o?: OrchestratorCallOptions) => unknown>>;
  for (const service of SERVICE_TYPES) {
    facades[service] = new Proxy({} as Record<string, (input: unknown, o?: OrchestratorCallOptions) => unknown>, {
      get(cacheTarget, prop) {
        if (typeof prop !== 'string') return undefined;
        const existing = cacheTarget[prop];
        if (existing) return existing;
        const op = getOperation(`${service}.${prop}`);
        if (!op) return undefined;
        const fn = op.streaming
          ? (input: unknown, o?: OrchestratorCallOptions) => callStream(op.name, input, o)
          : (input: unknown, o?: OrchestratorCallOptions) => call(op.name, input, o);
        cacheTarget[prop] = fn;
        return fn;
      },
    });
  }

  async function* callStream(name: string, rawInput: unknown, callOptions: OrchestratorCallOptions = {}): AsyncGenerator<unknown> {
    const { operation, input, tenant, context, request } = prepare(name, rawInput, callOptions);
    const decision = table.router.route(request);
    if (operation.service === 'ai') {
      // AI streams: plan, budget, first-chunk failover through resilience, mid-stream errors (src/ai/orchestrate.ts).
      yield* aiStreamCall({
        ai, request, decision, callId: randomUUID(), tenant, scope: budgetScope(tenant, callOptions), resilience, events, signal: callOptions.signal,
        candidate: (id) => ({ id, credential: fingerprintOf(id) }),
        noCandidates: () => noCandidates(operation, decision.trace, plugins.list()),
        open: (id, aiInput, signal) => {
          const lease = plugins.acquire(id);
          const method = (lease.provider as unknown as Record<string, (i: unknown, o: unknown) => AsyncIterable<unknown>>)[operation.method]!;
          return { stream: method.call(lease.provider, aiInput, { signal, context }), release: () => lease.release() };
        },
      });
      return;
    }
    if (decision.candidates.length === 0) throw noCandidates(operation, decision.trace, plugins.list());
    const callId = randomUUID();
    const base = { callId, operation: operation.name, service: operation.service, tenant };
    events.emit('request:start', { ...base, resourceId: request.resourceId, kind: operation.kind });
    let lastError: unknown;
    for (const id of decision.candidates) {
      const lease = plugins.acquire(id);
      try {
        const method = (lease.provider as unknown as Record<string, (i: unknown, o: unknown) => AsyncIterable<unknown>>)[operation.method]!;
        const iterator = method.call(lease.provider, input, { ...(callOptions.signal ? { signal: callOptions.signal } : {}), context })[Symbol.asyncIterator]();
        let first: IteratorResult<unknown>;
        try {
          first = await iterator.next();
        } catch (error) {
          lastError = error;
          events.emit('failover', { ...base, from: id, to: '(next)', reason: summarize(error).message });
          continue;
        }
        if (!first.done) yield first.value;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
        return;
      } finally {
        lease.release();
      }
    }
    throw new NoProviderAvailableError({ operation: operation.name, attempts: [], cause: lastError });
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  const healthTimeoutMs = options.healthCheck?.timeoutMs ?? fromConfig?.healthCheck?.timeoutMs ?? 5000;
  const runHealthChecks = async () => {
    await Promise.all(
      plugins.list().map(async (p) => {
        const signal = AbortSignal.timeout(healthTimeoutMs);
        let result: HealthCheckResult;
        try {
          result = await p.healthCheck(signal);
        } catch (error) {
          result = { status: 'unhealthy', latencyMs: healthTimeoutMs, checkedAt: Date.now(), detail: summarize(error).message };
        }
        const before = health.get(p.id)?.status ?? 'unknown';
        health.set(p.id, result);
        if (before !== result.status) events.emit('health:change', { provider: p.id, from: before, to: result.status, result });
      }),
    );
  };
  const intervalMs = options.healthCheck?.intervalMs ?? fromConfig?.healthCheck?.intervalMs ?? 30_000;
  if (intervalMs > 0) {
    timer = setInterval(() => void runHealthChecks().catch((e) => logger.warn('mosaic: health check failed', { error: summarize(e) })), intervalMs);
    timer.unref?.();
  }

  let closed = false;
  const orchestrator: Orchestrator = {
    git: facades.git as unknown as ServiceFacade<'git'>,
    cicd: facades.cicd as unknown as ServiceFacade<'cicd'>,
    docs: facades.docs as unknown as ServiceFacade<'docs'>,
    project: facades.project as unknown as ServiceFacade<'project'>,
    ai: facades.ai as unknown as ServiceFacade<'ai'>,
    workflow: facades.workflow as unknown as ServiceFacade<'workflow'>,
    call: call as Orchestrator['call'],
    explain: (name, input, o) => {
      const { request } = prepare(name, input, o);
      return ai.explain(request, table.router.explain(request));
    },
    on: (event, listener) => events.on(event, listener),
    events,
    getProvider: <P extends AnyProviderV1>(id: string) => {
      const p = plugins.get(id);
      if (!p) throw new NoSuchProviderError({ providerId: id, availableProviders: plugins.list().map((x) => x.id) });
      return p as P;
    },
    providerIds: (serviceType) => plugins.list().filter((p) => !serviceType || p.serviceType === serviceType).map((p) => p.id),
    health: async ({ refresh = true } = {}) => {
      if (refresh) await runHealthChecks();
      return {
        providers: plugins.list().map((p) => ({
          id: p.id,
          vendor: p.vendor,
          serviceType: p.serviceType,
          state: plugins.state(p.id) ?? 'unknown',
          health: health.get(p.id) ?? { status: 'unknown' as const },
          ...(rateLimits.get(p.id) ? { rateLimit: rateLimits.get(p.id)! } : {}),
        })),
        breakers: resilience.snapshot(),
        ...(cache ? { cache: cache.stats() } : {}),
      };
    },
    reload: async (config) => {
      const next = configToOptions(config);
      const wanted = new Map(next.plugins.map((p) => [p.id, p]));
      // Load and start new plugins before anything is swapped; roll back on failure.
      const added: string[] = [];
      try {
        for (const p of next.plugins) {
          if (!plugins.get(p.id)) {
            await plugins.loadFromConfig(p);
            added.push(p.id);
          }
        }
        const startedNow = await plugins.startAll(initOptions);
        if (startedNow.failed.length) {
          throw new PluginError({ pluginId: startedNow.failed[0]!.id, problems: startedNow.failed.map((f) => `${f.id}: ${f.error.message}`) });
        }
        const nextTable = buildTable(next.routing, next.tenants);
        // Plugins whose settings changed are hot-replaced: calls in flight finish on the old instance.
        for (const p of next.plugins) {
          const spec = JSON.stringify(p);
          if (!added.includes(p.id) && loadedSpecs.has(p.id) && loadedSpecs.get(p.id) !== spec) {
            await plugins.replace(p.id, await plugins.createFromConfig(p));
          }
          loadedSpecs.set(p.id, spec);
        }
        table = nextTable; // in-flight calls hold `current` and finish on the old table
      } catch (error) {
        for (const id of added) await plugins.remove(id).catch(() => undefined);
        throw error;
      }
      const codeIds = new Set(codeProviders.map((p) => p.id));
      for (const p of plugins.list()) {
        if (!wanted.has(p.id) && !codeIds.has(p.id)) {
          await plugins.remove(p.id);
          loadedSpecs.delete(p.id);
        }
      }
      events.emit('config:reload', { version: table.version, warnings: [] });
    },
    invalidate: async (tags) => {
      if (cache) await cache.invalidateTags(tags, 'webhook');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      await plugins.stopAll();
      await plugins.disposeAll();
      await cache?.close();
      await ai.close();
    },
  };
  return orchestrator;
}

/**
 * Whether a read may be served from the cache. LLM calls are cached only when deterministic
 * (`temperature: 0`) or given an explicit `cacheKey`; streaming operations never are.
 */
function isCacheable(operation: AnyOperation, input: unknown): boolean {
  if (operation.streaming) return false;
  if (operation.service !== 'ai') return true;
  const i = (input ?? {}) as { temperature?: number; cacheKey?: string };
  if (operation.name === 'ai.chat' || operation.name === 'ai.complete') return i.temperature === 0 || typeof i.cacheKey === 'string';
  return true;
}

function referencedProviders(routing: OrchestratorOptions['routing']): string[] {
  if (!routing) return [];
  const ids = new Set<string>();
  for (const rule of routing.rules ?? []) {
    if (rule.provider) ids.add(rule.provider);
    for (const p of rule.providers ?? []) ids.add(p);
  }
  for (const p of [routing.default ?? []].flat()) ids.add(p);
  for (const p of routing.fallbacks ?? []) ids.add(p);
  return [...ids];
}

function noCandidates(operation: AnyOperation, trace: RouteTrace, providers: AnyProviderV1[]): MosaicError {
  const filtered = trace.filtered;
  if (!providers.some((p) => p.capabilities.operations.includes(operation.name as never))) {
    return new UnsupportedOperationError({ operation: operation.name });
  }
  return new NoProviderAvailableError({
    operation: operation.name,
    attempts: [],
    reasons: Object.fromEntries(filtered.map((f) => [f.provider, f.reason])),
    isRetryable: true,
  });
}

function summarize(error: unknown): { name: string; code?: string; message: string } {
  if (MosaicError.isInstance(error)) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, message: MosaicErrorMessage(error.message) };
  return { name: 'Error', message: MosaicErrorMessage(String(error)) };
}

function MosaicErrorMessage(message: string): string {
  return new MosaicError({ message }).message;
}
