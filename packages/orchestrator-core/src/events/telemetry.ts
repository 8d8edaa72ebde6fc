import {
  INVALID_SPAN_CONTEXT,
  ProxyTracerProvider,
  SpanKind,
  SpanStatusCode,
  context as otelContext,
  createNoopMeter,
  isSpanContextValid,
  metrics,
  trace,
  type Attributes,
  type AttributeValue,
  type Context,
  type Counter,
  type Histogram,
  type MeterProvider,
  type Span,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { redact } from '../errors/redact.js';
import type { ServiceType } from '../spec/v1/provider.js';
import type { BreakerState } from './types.js';

/**
 * Attribute names Mosaic puts on spans and metrics. Values never contain credentials: strings
 * pass through {@link redact}, and attributes whose name looks like a credential are dropped.
 *
 * | name | on | value |
 * |---|---|---|
 * | `mosaic.operation` | spans, metrics | registry name, e.g. `git.createRepository` |
 * | `mosaic.service` | spans, metrics | service type, e.g. `git` |
 * | `mosaic.provider` | spans, metrics | plugin id that served (or was tried), e.g. `github` |
 * | `mosaic.tenant` | spans, metrics | tenant id (`default` without tenancy) |
 * | `mosaic.outcome` | spans, metrics | `success` \| `error` \| `skipped` |
 * | `mosaic.operation.kind` | spans, metrics | `read` \| `write` |
 * | `mosaic.cached` | call span, call metrics | whether the cache answered |
 * | `mosaic.error.category` | spans, attempt metrics | error category (`rate-limited`, `timeout`, …) |
 * | `mosaic.attempt` | attempt spans | 1-based attempt number |
 * | `mosaic.call.id` | spans only | call id (high cardinality, never on metrics) |
 * | `mosaic.resource` | spans only | resource id, e.g. `git:org/acme/repo/svc` |
 * | `mosaic.cache.tier` | cache hit metric | `l1` \| `l2` |
 * | `mosaic.breaker.from` / `mosaic.breaker.to` | breaker metric | breaker states |
 */
export const MosaicAttributes = {
  OPERATION: 'mosaic.operation',
  SERVICE: 'mosaic.service',
  PROVIDER: 'mosaic.provider',
  TENANT: 'mosaic.tenant',
  OUTCOME: 'mosaic.outcome',
  KIND: 'mosaic.operation.kind',
  CACHED: 'mosaic.cached',
  ERROR_CATEGORY: 'mosaic.error.category',
  ATTEMPT: 'mosaic.attempt',
  CALL_ID: 'mosaic.call.id',
  RESOURCE: 'mosaic.resource',
  CACHE_TIER: 'mosaic.cache.tier',
  BREAKER_FROM: 'mosaic.breaker.from',
  BREAKER_TO: 'mosaic.breaker.to',
} as const;

/**
 * Metric instruments Mosaic records:
 * - `mosaic.calls` (counter, `{call}`): finished calls, by operation, service, provider, tenant, outcome, cached;
 * - `mosaic.call.duration` (histogram, `ms`): call duration, same attributes;
 * - `mosaic.attempts` (counter, `{attempt}`): attempts on providers, by operation, provider, outcome, error category;
 * - `mosaic.cache.hits` / `mosaic.cache.misses` (counters): cache lookups, by operation and tier;
 * - `mosaic.breaker.transitions` (counter): breaker state changes, by provider, kind, from, to.
 */
export const MosaicMetrics = {
  CALLS: 'mosaic.calls',
  CALL_DURATION: 'mosaic.call.duration',
  ATTEMPTS: 'mosaic.attempts',
  CACHE_HITS: 'mosaic.cache.hits',
  CACHE_MISSES: 'mosaic.cache.misses',
  BREAKER_TRANSITIONS: 'mosaic.breaker.transitions',
} as const;

/** Value of `mosaic.outcome`. `skipped`: an attempt that was not sent (breaker open, budget). */
export type TelemetryOutcome = 'success' | 'error' | 'skipped';

/** Attributes of a call or attempt span (all optional; set what is known). */
export interface TelemetryAttributes {
  service?: ServiceType;
  /** Plugin id that serves / was tried. */
  provider?: string;
  tenant?: string;
  kind?: 'read' | 'write';
  /** Call id; on spans only. */
  callId?: string;
  /** Resource id (`git:org/acme/repo/svc`); on spans only. */
  resourceId?: string;
  /**
   * Further span attributes. String values are redacted; names that look like credentials
   * (`token`, `authorization`, `password`, `secret`, `api_key`, `cookie`, `credential`) are dropped.
   */
  extra?: Attributes;
}

/** How a span ended (see {@link TelemetrySpan.end}). */
export interface TelemetryEndResult {
  outcome: TelemetryOutcome;
  /** The error of a failed call/attempt: name, redacted message and `category` are recorded. */
  error?: unknown;
  /** Plugin id that served the call (call spans) when not set before. */
  provider?: string;
  /** Whether the cache answered (call spans). */
  cached?: boolean;
}

/** A started span plus the metrics recorded when it ends. */
export interface TelemetrySpan {
  /** The OpenTelemetry span (a non-recording span when no provider is registered). */
  readonly span: Span;
  /** The active context with this span set: run child work in it with `context.with`. */
  readonly context: Context;
  /** Adds attributes (e.g. the provider once routed). */
  setAttributes(attributes: TelemetryAttributes): void;
  /**
   * Ends the span, sets its status, and records the metrics (`mosaic.calls` +
   * `mosaic.call.duration` for call spans, `mosaic.attempts` for attempt spans). Idempotent:
   * only the first call counts.
   */
  end(result: TelemetryEndResult): void;
}

/** Options of {@link createTelemetry}. */
export interface TelemetryOptions {
  /** Tracer and meter name. Default `@mosaic/orchestrator-core`. */
  tracerName?: string;
  /** Tracer and meter version. Default none. */
  version?: string;
  /** Tracer provider; default the global one (`trace.getTracerProvider()`, a no-op until the host registers one). */
  tracerProvider?: TracerProvider;
  /** Meter provider; default the global one, looked up again when the host registers one later. */
  meterProvider?: MeterProvider;
  /** Monotonic clock in ms for durations. Default `performance.now`. */
  now?: () => number;
}

/**
 * OpenTelemetry instrumentation of Mosaic, through `@opentelemetry/api` only: without a
 * registered tracer/meter provider every method is a cheap no-op.
 */
export interface Telemetry {
  /** Starts the span of one facade call (`mosaic <operation>`, kind INTERNAL), as a child of the active span. */
  startCallSpan(operation: string, attributes?: TelemetryAttributes): TelemetrySpan;
  /**
   * Starts the span of one attempt on one provider (`mosaic.attempt <operation>`, kind CLIENT),
   * a child of `parent` (a call span) or else of the active span.
   */
  startAttemptSpan(
    operation: string,
    attributes: TelemetryAttributes & { provider: string; attempt: number; parent?: TelemetrySpan },
  ): TelemetrySpan;
  /** Counts a cache hit (`mosaic.cache.hits`). */
  recordCacheHit(operation: string, attributes: Pick<TelemetryAttributes, 'service' | 'tenant'> & { tier: 'l1' | 'l2' }): void;
  /** Counts a cache miss (`mosaic.cache.misses`). */
  recordCacheMiss(operation: string, attributes?: Pick<TelemetryAttributes, 'service' | 'tenant'>): void;
  /** Counts a breaker transition (`mosaic.breaker.transitions`). The credential scope is never recorded. */
  recordBreakerTransition(transition: { provider: string; operationKind: 'read' | 'write'; from: BreakerState; to: BreakerState }): void;
}

const DEFAULT_NAME = '@mosaic/orchestrator-core';
const SENSITIVE_NAME = /(token|secret|password|passwd|authorization|api[_-]?key|cookie|credential|private[_-]?key)/i;

interface Instruments {
  provider: MeterProvider;
  /** Every instrument is the API's no-op one (no meter provider registered): nothing to record. */
  noop: boolean;
  calls: Counter;
  duration: Histogram;
  attempts: Counter;
  cacheHits: Counter;
  cacheMisses: Counter;
  breaker: Counter;
}

/**
 * Creates the {@link Telemetry} helpers. Cheap; creates nothing until used.
 *
 * @example
 * const telemetry = createTelemetry({ version: '0.1.0' });
 * const call = telemetry.startCallSpan('git.getRepository', { service: 'git', tenant: 'acme' });
 * try { …; call.end({ outcome: 'success', provider: 'github' }); }
 * catch (error) { call.end({ outcome: 'error', error }); throw error; }
 */
export function createTelemetry(options: TelemetryOptions = {}): Telemetry {
  const name = options.tracerName ?? DEFAULT_NAME;
  const version = options.version;
  const now = options.now ?? (() => performance.now());
  let instruments: Instruments | undefined;

  /**
   * The tracer to use now, or `undefined` when spans are the API's no-op (the global proxy
   * provider without a registered delegate): then no span attributes are built.
   */
  const tracer = (): Tracer | undefined => {
    const provider = options.tracerProvider ?? trace.getTracerProvider();
    if (provider instanceof ProxyTracerProvider) return provider.getDelegateTracer(name, version);
    return provider.getTracer(name, version);
  };
  const meters = (): Instruments => {
    const provider = options.meterProvider ?? metrics.getMeterProvider();
    if (instruments?.provider === provider) return instruments;
    const meter = provider.getMeter(name, version);
    const calls = meter.createCounter(MosaicMetrics.CALLS, { description: 'Finished Mosaic calls', unit: '{call}' });
    const duration = meter.createHistogram(MosaicMetrics.CALL_DURATION, { description: 'Duration of Mosaic calls', unit: 'ms' });
    const attempts = meter.createCounter(MosaicMetrics.ATTEMPTS, { description: 'Attempts on providers', unit: '{attempt}' });
    const cacheHits = meter.createCounter(MosaicMetrics.CACHE_HITS, { description: 'Cache hits', unit: '{lookup}' });
    const cacheMisses = meter.createCounter(MosaicMetrics.CACHE_MISSES, { description: 'Cache misses', unit: '{lookup}' });
    const breaker = meter.createCounter(MosaicMetrics.BREAKER_TRANSITIONS, { description: 'Circuit breaker transitions', unit: '{transition}' });
    const noop = noopInstruments();
    instruments = {
      provider,
      noop: calls === noop.counter && attempts === noop.counter && duration === noop.histogram,
      calls,
      duration,
      attempts,
      cacheHits,
      cacheMisses,
      breaker,
    };
    return instruments;
  };
  const shared: SpanShared = { now, meters };

  const start = (
    kind: 'call' | 'attempt',
    operation: string,
    attributes: TelemetryAttributes,
    parent: Context,
    attempt?: number,
  ): TelemetrySpan => {
    // The known attributes only (an attempt's `parent`/`attempt` stay out), one object shape.
    const current: TelemetryAttributes = {
      service: attributes.service,
      provider: attributes.provider,
      tenant: attributes.tenant,
      kind: attributes.kind,
      callId: attributes.callId,
      resourceId: attributes.resourceId,
      extra: attributes.extra,
    };
    const t = tracer();
    let span: Span;
    if (t === undefined) {
      // What the API's no-op tracer returns: a non-recording span carrying a valid parent span context.
      const parentSpanContext = trace.getSpanContext(parent);
      span = trace.wrapSpanContext(parentSpanContext && isSpanContextValid(parentSpanContext) ? parentSpanContext : INVALID_SPAN_CONTEXT);
    } else {
      const spanAttributes = spanAttributesOf(operation, current);
      if (attempt !== undefined) spanAttributes[MosaicAttributes.ATTEMPT] = attempt;
      span = t.startSpan(
        kind === 'call' ? `mosaic ${operation}` : `mosaic.attempt ${operation}`,
        { kind: kind === 'call' ? SpanKind.INTERNAL : SpanKind.CLIENT, attributes: spanAttributes },
        parent,
      );
    }
    // Only call spans record a duration (attempt spans count attempts): no clock read for attempts.
    return new MosaicSpan(shared, kind, operation, current, span, parent, t === undefined, kind === 'call' ? now() : 0);
  };

  return {
    startCallSpan: (operation, attributes = {}) => start('call', operation, attributes, otelContext.active()),
    startAttemptSpan(operation, attributes) {
      const parent = attributes.parent;
      return start('attempt', operation, attributes, parent ? parent.context : otelContext.active(), attributes.attempt);
    },
    recordCacheHit(operation, attributes) {
      const m = meters();
      if (m.noop) return;
      const a = metricAttributesOf(operation, attributes);
      a[MosaicAttributes.CACHE_TIER] = attributes.tier;
      m.cacheHits.add(1, a);
    },
    recordCacheMiss(operation, attributes = {}) {
      const m = meters();
      if (m.noop) return;
      m.cacheMisses.add(1, metricAttributesOf(operation, attributes));
    },
    recordBreakerTransition(t) {
      const m = meters();
      if (m.noop) return;
      m.breaker.add(1, {
        [MosaicAttributes.PROVIDER]: redact(t.provider),
        [MosaicAttributes.KIND]: t.operationKind,
        [MosaicAttributes.BREAKER_FROM]: t.from,
        [MosaicAttributes.BREAKER_TO]: t.to,
      });
    },
  };
}

/** What every span of one {@link createTelemetry} shares. */
interface SpanShared {
  now: () => number;
  meters: () => Instruments;
}

let noopMetrics: { counter: Counter; histogram: Histogram } | undefined;

/** The API's no-op instruments (singletons), to recognise a meter that records nothing. */
function noopInstruments(): { counter: Counter; histogram: Histogram } {
  if (!noopMetrics) {
    const meter = createNoopMeter();
    noopMetrics = { counter: meter.createCounter('noop'), histogram: meter.createHistogram('noop') };
  }
  return noopMetrics;
}

/** A started call or attempt span (see {@link TelemetrySpan}). */
class MosaicSpan implements TelemetrySpan {
  private ended = false;
  private spanContext: Context | undefined;

  constructor(
    private readonly shared: SpanShared,
    private readonly kind: 'call' | 'attempt',
    private readonly operation: string,
    private readonly current: TelemetryAttributes,
    readonly span: Span,
    private readonly parent: Context,
    /** The span is the API's no-op span: span attributes, status and exceptions are skipped. */
    private readonly noopSpan: boolean,
    private readonly startedAt: number,
  ) {}

  // Built on first use: most calls never start child work under a recording span.
  get context(): Context {
    this.spanContext ??= trace.setSpan(this.parent, this.span);
    return this.spanContext;
  }

  setAttributes(more: TelemetryAttributes): void {
    if (this.ended) return;
    Object.assign(this.current, more, { extra: { ...this.current.extra, ...more.extra } });
    if (!this.noopSpan) this.span.setAttributes(spanAttributesOf(this.operation, more));
  }

  end(result: TelemetryEndResult): void {
    if (this.ended) return;
    this.ended = true;
    const { kind, operation, current, span } = this;
    if (result.provider !== undefined) current.provider = result.provider;
    const category = errorCategory(result.error);
    if (!this.noopSpan) {
      const endAttributes: Attributes = { [MosaicAttributes.OUTCOME]: result.outcome };
      if (result.provider !== undefined) endAttributes[MosaicAttributes.PROVIDER] = redact(result.provider);
      if (kind === 'call' && result.cached !== undefined) endAttributes[MosaicAttributes.CACHED] = result.cached;
      if (category) endAttributes[MosaicAttributes.ERROR_CATEGORY] = category;
      span.setAttributes(endAttributes);
      if (result.error !== undefined) {
        const { name: errorName, message } = describeError(result.error);
        span.recordException({ name: errorName, message });
        span.setStatus({ code: SpanStatusCode.ERROR, message });
      } else if (result.outcome === 'error') {
        span.setStatus({ code: SpanStatusCode.ERROR });
      } else if (result.outcome === 'success') {
        span.setStatus({ code: SpanStatusCode.OK });
      }
      span.end();
    }
    const m = this.shared.meters();
    if (m.noop) return;
    const metricAttributes = metricAttributesOf(operation, current);
    metricAttributes[MosaicAttributes.OUTCOME] = result.outcome;
    if (kind === 'call') {
      if (result.cached !== undefined) metricAttributes[MosaicAttributes.CACHED] = result.cached;
      m.calls.add(1, metricAttributes);
      m.duration.record(Math.max(0, this.shared.now() - this.startedAt), metricAttributes);
    } else {
      if (category) metricAttributes[MosaicAttributes.ERROR_CATEGORY] = category;
      m.attempts.add(1, metricAttributes);
    }
  }
}

/** Attributes safe for metrics (bounded cardinality: no call id, no resource id, no extras). */
function metricAttributesOf(operation: string, a: Pick<TelemetryAttributes, 'service' | 'provider' | 'tenant' | 'kind'>): Attributes {
  const out: Attributes = { [MosaicAttributes.OPERATION]: operation };
  if (a.service !== undefined) out[MosaicAttributes.SERVICE] = a.service;
  if (a.provider !== undefined) out[MosaicAttributes.PROVIDER] = redact(a.provider);
  if (a.tenant !== undefined) out[MosaicAttributes.TENANT] = redact(a.tenant);
  if (a.kind !== undefined) out[MosaicAttributes.KIND] = a.kind;
  return out;
}

function spanAttributesOf(operation: string, a: TelemetryAttributes): Attributes {
  const out = metricAttributesOf(operation, a);
  if (a.callId !== undefined) out[MosaicAttributes.CALL_ID] = a.callId;
  if (a.resourceId !== undefined) out[MosaicAttributes.RESOURCE] = redact(a.resourceId);
  for (const [key, value] of Object.entries(a.extra ?? {})) {
    if (SENSITIVE_NAME.test(key) || value === undefined) continue;
    out[key] = sanitizeValue(value);
  }
  return out;
}

function sanitizeValue(value: AttributeValue): AttributeValue {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? redact(v) : v)) as AttributeValue;
  return value;
}

function errorCategory(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const category = (error as { category?: unknown }).category;
  return typeof category === 'string' ? category : undefined;
}

function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: redact(error.message) };
  return { name: 'Error', message: redact(String(error)) };
}
