import { metrics, trace, SpanStatusCode } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderCallError } from '../errors/provider-call-error.js';
import { createTelemetry, MosaicAttributes, MosaicMetrics } from './telemetry.js';

const CANARY = 'ghp_' + 'Z'.repeat(36);

function setup() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const collect = async (): Promise<MetricData[]> => {
    await reader.forceFlush();
    const batches = exporter.getMetrics();
    const last = batches[batches.length - 1];
    return last ? last.scopeMetrics.flatMap((s) => s.metrics) : [];
  };
  const metric = async (name: string) => (await collect()).find((m) => m.descriptor.name === name);
  return { spans, tracerProvider, meterProvider, metric, shutdown: () => Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]) };
}

function clock(...values: number[]) {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

describe('createTelemetry', () => {
  afterEach(() => {
    trace.disable();
    metrics.disable();
  });

  it('produces a call span and the call metrics when providers are given', async () => {
    const s = setup();
    const telemetry = createTelemetry({ tracerProvider: s.tracerProvider, meterProvider: s.meterProvider, version: '1.2.3', now: clock(100, 142.5) });
    const call = telemetry.startCallSpan('git.getRepository', { service: 'git', tenant: 'acme', kind: 'read', callId: 'c-1', resourceId: 'git:org/acme/repo/svc' });
    call.end({ outcome: 'success', provider: 'github', cached: false });

    const [span] = s.spans.getFinishedSpans();
    expect(span!.name).toBe('mosaic git.getRepository');
    expect(span!.instrumentationScope).toMatchObject({ name: '@mosaic/orchestrator-core', version: '1.2.3' });
    expect(span!.status.code).toBe(SpanStatusCode.OK);
    expect(span!.attributes).toMatchObject({
      [MosaicAttributes.OPERATION]: 'git.getRepository',
      [MosaicAttributes.SERVICE]: 'git',
      [MosaicAttributes.TENANT]: 'acme',
      [MosaicAttributes.PROVIDER]: 'github',
      [MosaicAttributes.OUTCOME]: 'success',
      [MosaicAttributes.CALL_ID]: 'c-1',
      [MosaicAttributes.RESOURCE]: 'git:org/acme/repo/svc',
      [MosaicAttributes.CACHED]: false,
    });

    const calls = await s.metric(MosaicMetrics.CALLS);
    expect(calls!.dataPointType).toBe(DataPointType.SUM);
    expect(calls!.dataPoints).toHaveLength(1);
    expect(calls!.dataPoints[0]!.value).toBe(1);
    expect(calls!.dataPoints[0]!.attributes).toEqual({
      'mosaic.operation': 'git.getRepository',
      'mosaic.service': 'git',
      'mosaic.tenant': 'acme',
      'mosaic.operation.kind': 'read',
      'mosaic.provider': 'github',
      'mosaic.outcome': 'success',
      'mosaic.cached': false,
    });
    const duration = await s.metric(MosaicMetrics.CALL_DURATION);
    expect(duration!.descriptor.unit).toBe('ms');
    const point = duration!.dataPoints[0]!.value as { count: number; sum: number };
    expect(point.count).toBe(1);
    expect(point.sum).toBe(42.5);
    await s.shutdown();
  });

  it('makes attempt spans children of the call span and records errors without credentials', async () => {
    const s = setup();
    const telemetry = createTelemetry({ tracerProvider: s.tracerProvider, meterProvider: s.meterProvider });
    const call = telemetry.startCallSpan('git.createRepository', { service: 'git', tenant: 'default', kind: 'write' });
    const attempt = telemetry.startAttemptSpan('git.createRepository', { provider: 'github', attempt: 1, parent: call, service: 'git', tenant: 'default' });
    const error = new ProviderCallError({ provider: 'github', operation: 'git.createRepository', category: 'rate-limited', message: `429 for token ${CANARY}` });
    attempt.end({ outcome: 'error', error });
    call.end({ outcome: 'error', error });

    const finished = s.spans.getFinishedSpans();
    const attemptSpan = finished.find((x) => x.name === 'mosaic.attempt git.createRepository')!;
    const callSpan = finished.find((x) => x.name === 'mosaic git.createRepository')!;
    expect(attemptSpan.parentSpanContext?.spanId).toBe(callSpan.spanContext().spanId);
    expect(attemptSpan.spanContext().traceId).toBe(callSpan.spanContext().traceId);
    expect(attemptSpan.attributes).toMatchObject({ [MosaicAttributes.ATTEMPT]: 1, [MosaicAttributes.ERROR_CATEGORY]: 'rate-limited', [MosaicAttributes.OUTCOME]: 'error' });
    expect(attemptSpan.status.code).toBe(SpanStatusCode.ERROR);
    expect(attemptSpan.events.map((e) => e.name)).toEqual(['exception']);
    expect(JSON.stringify(finished.map((x) => [x.attributes, x.events, x.status]))).not.toContain(CANARY);

    const attempts = await s.metric(MosaicMetrics.ATTEMPTS);
    expect(attempts!.dataPoints[0]!.attributes).toMatchObject({
      'mosaic.provider': 'github',
      'mosaic.outcome': 'error',
      'mosaic.error.category': 'rate-limited',
    });
    await s.shutdown();
  });

  it('drops credential-like extra attributes and redacts string values', async () => {
    const s = setup();
    const telemetry = createTelemetry({ tracerProvider: s.tracerProvider, meterProvider: s.meterProvider });
    const call = telemetry.startCallSpan('ai.chat', { extra: { 'http.authorization': 'Bearer abcdefghijk', apiKey: 'k', note: `uses ${CANARY}`, 'mosaic.model': 'gpt' } });
    call.setAttributes({ provider: 'openai', extra: { token: 'x' } });
    call.end({ outcome: 'success' });
    const [span] = s.spans.getFinishedSpans();
    expect(span!.attributes).not.toHaveProperty('http.authorization');
    expect(span!.attributes).not.toHaveProperty('apiKey');
    expect(span!.attributes).not.toHaveProperty('token');
    expect(span!.attributes['note']).toBe('uses [REDACTED]');
    expect(span!.attributes).toMatchObject({ 'mosaic.model': 'gpt', 'mosaic.provider': 'openai' });
    await s.shutdown();
  });

  it('counts cache hits, misses and breaker transitions', async () => {
    const s = setup();
    const telemetry = createTelemetry({ meterProvider: s.meterProvider });
    telemetry.recordCacheHit('git.getRepository', { tier: 'l1', tenant: 'acme' });
    telemetry.recordCacheHit('git.getRepository', { tier: 'l1', tenant: 'acme' });
    telemetry.recordCacheMiss('git.getRepository', { tenant: 'acme' });
    telemetry.recordBreakerTransition({ provider: 'gitea', operationKind: 'read', from: 'closed', to: 'open' });
    const hits = await s.metric(MosaicMetrics.CACHE_HITS);
    expect(hits!.dataPoints[0]).toMatchObject({ value: 2, attributes: { 'mosaic.operation': 'git.getRepository', 'mosaic.cache.tier': 'l1', 'mosaic.tenant': 'acme' } });
    expect((await s.metric(MosaicMetrics.CACHE_MISSES))!.dataPoints[0]!.value).toBe(1);
    expect((await s.metric(MosaicMetrics.BREAKER_TRANSITIONS))!.dataPoints[0]).toMatchObject({
      value: 1,
      attributes: { 'mosaic.provider': 'gitea', 'mosaic.operation.kind': 'read', 'mosaic.breaker.from': 'closed', 'mosaic.breaker.to': 'open' },
    });
    await s.shutdown();
  });

  it('ends a span once: a second end() records nothing more', async () => {
    const s = setup();
    const telemetry = createTelemetry({ tracerProvider: s.tracerProvider, meterProvider: s.meterProvider });
    const call = telemetry.startCallSpan('git.listBranches');
    call.end({ outcome: 'success' });
    call.end({ outcome: 'error', error: new Error('late') });
    expect(s.spans.getFinishedSpans()).toHaveLength(1);
    expect((await s.metric(MosaicMetrics.CALLS))!.dataPoints[0]!.value).toBe(1);
    await s.shutdown();
  });

  it('uses the global providers, including ones the host registers after creation', async () => {
    const telemetry = createTelemetry();
    const s = setup();
    trace.setGlobalTracerProvider(s.tracerProvider);
    metrics.setGlobalMeterProvider(s.meterProvider);
    telemetry.startCallSpan('docs.getPage', { service: 'docs' }).end({ outcome: 'success', provider: 'notion' });
    expect(s.spans.getFinishedSpans().map((x) => x.name)).toEqual(['mosaic docs.getPage']);
    expect((await s.metric(MosaicMetrics.CALLS))!.dataPoints[0]!.attributes).toMatchObject({ 'mosaic.provider': 'notion' });
    await s.shutdown();
  });

  it('is a no-op without a registered provider', () => {
    const telemetry = createTelemetry();
    const call = telemetry.startCallSpan('git.getRepository');
    expect(call.span.isRecording()).toBe(false);
    expect(() => {
      telemetry.startAttemptSpan('git.getRepository', { provider: 'github', attempt: 1, parent: call }).end({ outcome: 'success' });
      call.end({ outcome: 'success' });
      telemetry.recordCacheMiss('git.getRepository');
    }).not.toThrow();
  });
});
