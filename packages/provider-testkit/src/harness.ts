import {
  getOperation,
  listOperations,
  sampleInputs,
  type AnyOperation,
  type AnyProviderV1,
  type OperationName,
  type RateLimitState,
  type ServiceType,
} from '@mosaic/orchestrator-core';
import type { RequestHandler } from 'msw';
import { createCanaryToken, findCanary } from './canary.js';
import { createFixtureServer, type FixtureServer } from './fixture-server.js';
import { createRecordingLogger, type RecordingLogger } from './recording-logger.js';
import type { ConformanceOptions, FixtureContext, TestProviderFactory, ServiceFixture } from './types.js';

/**
 * A failed conformance check. The message says what the provider did and what the spec
 * expects; `checkId` names the check.
 */
export class ConformanceFailure extends Error {
  readonly checkId: string | undefined;
  constructor(message: string, checkId?: string) {
    super(message);
    this.name = 'ConformanceFailure';
    this.checkId = checkId;
  }
}

/** Throws a {@link ConformanceFailure} with `message` when `condition` is false. */
export function check(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new ConformanceFailure(typeof message === 'function' ? message() : message);
}

/** Everything one check works with. */
export interface Harness {
  provider: AnyProviderV1;
  fixture: FixtureServer;
  logger: RecordingLogger;
  token: string;
  rateLimits: RateLimitState[];
  serviceType: ServiceType;
  service: ServiceFixture;
  /** Calls `operation` on the provider as the core would: input validated with defaults applied. */
  call(operation: OperationName, input?: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
  /** Input the kit uses for `operation`. */
  inputFor(operation: OperationName): unknown;
  /** Fails when the canary appears in `values`, the log lines or the reported rate limits. */
  assertNoCanary(values: Array<[label: string, value: unknown]>): void;
}

/** Resolved settings shared by every check. */
export interface SuiteSettings {
  abortBudgetMs: number;
  healthTimeoutMs: number;
  healthGraceMs: number;
  baseUrl: string | undefined;
}

export function settingsOf(options: ConformanceOptions): SuiteSettings {
  return {
    abortBudgetMs: options.abortBudgetMs ?? 50,
    healthTimeoutMs: options.healthTimeoutMs ?? 1000,
    healthGraceMs: options.healthGraceMs ?? 1000,
    baseUrl: options.baseUrl,
  };
}

/** The input the kit uses for `operation` (fixture override, else the sample without `limit` for lists). */
export function inputFor(service: ServiceFixture, operation: OperationName): unknown {
  if (service.inputs && operation in service.inputs) return service.inputs[operation];
  return sampleInputs[operation];
}

/** Fixture handlers of a service (its `handlers` and every `respond` entry). */
export function handlersOf(service: ServiceFixture, context: FixtureContext): RequestHandler[] {
  const out: RequestHandler[] = [];
  for (const make of Object.values(service.respond ?? {})) {
    if (!make) continue;
    const h = make(context);
    out.push(...(Array.isArray(h) ? h : [h]));
  }
  out.push(...(service.handlers?.(context) ?? []));
  return out;
}

/**
 * Runs `body` with a fresh fixture server, canary, recording logger and provider (built,
 * initialized and started), then stops and disposes the provider and closes the server.
 */
export async function withHarness(
  factory: TestProviderFactory,
  serviceType: ServiceType,
  service: ServiceFixture,
  settings: SuiteSettings,
  body: (h: Harness) => Promise<void>,
  opts: {
    start?: boolean;
    extraHandlers?: (context: FixtureContext) => RequestHandler[];
    /** Build the provider against this base URL instead of the fixture's (its origin is passed through to the network). */
    providerBaseUrl?: string;
  } = {},
): Promise<void> {
  const fixture = createFixtureServer({
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    ...(opts.providerBaseUrl ? { passthrough: [opts.providerBaseUrl] } : {}),
  });
  const context: FixtureContext = { baseUrl: fixture.baseUrl, fixture };
  fixture.use(...handlersOf(service, context));
  if (opts.extraHandlers) fixture.use(...opts.extraHandlers(context));
  fixture.listen();
  const logger = createRecordingLogger();
  const token = createCanaryToken();
  const rateLimits: RateLimitState[] = [];
  let provider: AnyProviderV1 | undefined;
  try {
    provider = await factory({ serviceType, baseUrl: opts.providerBaseUrl ?? fixture.baseUrl, token, logger, healthTimeoutMs: settings.healthTimeoutMs, fixture });
    if (opts.start !== false) {
      await provider.initialize?.({ logger, reportRateLimit: (s) => rateLimits.push({ ...s }) });
      await provider.start?.();
    }
    const p = provider;
    const h: Harness = {
      provider: p,
      fixture,
      logger,
      token,
      rateLimits,
      serviceType,
      service,
      inputFor: (op) => inputFor(service, op),
      call: (op, input, options = {}) => callOperation(p, op, input === undefined ? inputFor(service, op) : input, options.signal),
      assertNoCanary(values) {
        const leaks: string[] = [];
        for (const [label, value] of values) leaks.push(...findCanary(value, token, label));
        logger.records.forEach((r, i) => leaks.push(...findCanary(r, token, `log[${i}] (${r.level})`)));
        rateLimits.forEach((r, i) => leaks.push(...findCanary(r, token, `reportRateLimit[${i}]`)));
        if (typeof p.metrics === 'function') {
          try {
            leaks.push(...findCanary(p.metrics(), token, 'metrics()'));
          } catch (error) {
            leaks.push(...findCanary(error, token, 'metrics() error'));
          }
        }
        check(leaks.length === 0, () => `the canary token leaked into: ${leaks.join(', ')}`);
      },
    };
    await body(h);
  } finally {
    if (provider) {
      try {
        await provider.stop?.();
        await provider.dispose?.();
      } catch {
        // lifecycle failures are reported by the lifecycle checks
      }
    }
    fixture.close();
  }
}

/** Calls an operation the way the core does: validates the input (defaults applied) and collects streams. */
export async function callOperation(provider: AnyProviderV1, name: OperationName, input: unknown, signal?: AbortSignal): Promise<unknown> {
  const op = getOperation(name) as AnyOperation;
  const parsed = op.input.parse(input);
  const method = (provider as unknown as Record<string, unknown>)[op.method];
  if (typeof method !== 'function') throw new ConformanceFailure(`provider has no method ${op.method}() for ${name}`);
  const result = (method as (i: unknown, o: unknown) => unknown).call(provider, parsed, signal ? { signal } : {});
  if (op.streaming) {
    const chunks: unknown[] = [];
    for await (const chunk of result as AsyncIterable<unknown>) chunks.push(chunk);
    return chunks;
  }
  return await result;
}

/** Settles `promise` and returns its outcome (never throws). */
export async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Waits `ms` milliseconds on a real timer. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Races `promise` against a real timer of `ms`: `{ settled: false }` when the timer wins.
 * Used only where the spec itself is a time bound (an abort settles promptly, a health check
 * returns within its timeout).
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<{ settled: true; elapsedMs: number; outcome: Awaited<ReturnType<typeof settle<T>>> } | { settled: false }> {
  const start = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  const outcome = settle(promise);
  const winner = await Promise.race([outcome, timeout]);
  clearTimeout(timer);
  if (winner === 'timeout') return { settled: false };
  return { settled: true, elapsedMs: performance.now() - start, outcome: winner };
}

/** The declared operations of `provider` for `serviceType`, as definitions. */
export function declaredOperations(provider: AnyProviderV1, serviceType: ServiceType): AnyOperation[] {
  const declared = new Set<string>(provider.capabilities?.operations ?? []);
  return listOperations(serviceType).filter((o) => declared.has(o.name));
}

/** The probe operation of a service: the fixture's, else the first declared `get*` read. */
export function probeOf(provider: AnyProviderV1, serviceType: ServiceType, service: ServiceFixture): OperationName {
  if (service.probe) return service.probe;
  const ops = declaredOperations(provider, serviceType);
  const probe = ops.find((o) => o.kind === 'read' && !o.paginated && !o.streaming && /^get/.test(o.method)) ?? ops.find((o) => o.kind === 'read' && !o.streaming);
  if (!probe) throw new ConformanceFailure(`no read operation to probe: set services.${serviceType}.probe`);
  return probe.name as OperationName;
}

/** Short description of a thrown value for failure messages. */
export function describeError(error: unknown): string {
  if (error === undefined) return 'nothing (the call resolved)';
  if (error instanceof Error || (error !== null && typeof error === 'object')) {
    const e = error as { name?: string; message?: string; code?: string; category?: string; status?: number };
    const parts = [e.name ?? 'object'];
    if (e.code) parts.push(`code=${e.code}`);
    if (e.category) parts.push(`category=${e.category}`);
    if (e.status !== undefined) parts.push(`status=${e.status}`);
    return `${parts.join(' ')}: ${String(e.message ?? '').slice(0, 200)}`;
  }
  return String(error);
}
