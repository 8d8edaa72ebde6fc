import type { Attempt } from '../errors/attempt.js';
import type { HealthCheckResult, ServiceType } from '../spec/v1/provider.js';

/** Lifecycle states of a provider plugin (see the plugin manager). */
export type PluginState =
  | 'discovered'
  | 'loaded'
  | 'initialized'
  | 'started'
  | 'running'
  | 'failed'
  | 'updating'
  | 'stopping'
  | 'stopped'
  | 'disposed';

/** Circuit breaker states. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Fields shared by every per-call event. */
export interface CallEventBase {
  /** Unique id of the call (one per facade invocation). */
  callId: string;
  operation: string;
  service: ServiceType;
  tenant: string;
}

/**
 * Every event the orchestrator emits, by name, with its payload. Payloads never contain
 * credentials; error messages are redacted.
 */
export interface MosaicEvents {
  /** A plugin moved between lifecycle states. */
  'plugin:state': { pluginId: string; from: PluginState; to: PluginState; error?: string };
  /** A call entered the pipeline (after input validation). */
  'request:start': CallEventBase & { resourceId: string; kind: 'read' | 'write' };
  /** The router decided; `decision` is the same trace `explain()` returns. */
  'request:routed': CallEventBase & { candidates: string[]; decision: unknown };
  /** A call finished successfully. `provider` served it; durations in ms; cost in USD when known. */
  'request:success': CallEventBase & { provider: string; durationMs: number; attempts: number; cached: boolean; costUsd?: number };
  /** A call failed; `error` is the error's name/code/message (redacted). */
  'request:error': CallEventBase & { durationMs: number; attempts: Attempt[]; error: { name: string; code?: string; message: string } };
  /** One attempt on one provider ended. */
  attempt: CallEventBase & { attempt: Attempt };
  /** A retry on the same provider is about to wait `delayMs`. */
  retry: CallEventBase & { provider: string; attempt: number; delayMs: number; reason: string };
  /** The call moves from one provider to the next candidate. */
  failover: CallEventBase & { from: string; to: string; reason: string };
  /** A breaker changed state. Scope: provider × read/write × credential fingerprint. */
  'breaker:state': { provider: string; operationKind: 'read' | 'write'; credential: string; from: BreakerState; to: BreakerState };
  /** Cache lookups. `tier` tells which tier answered a hit. */
  'cache:hit': CallEventBase & { tier: 'l1' | 'l2'; stale: boolean };
  'cache:miss': CallEventBase;
  /** Entries were invalidated by tags (locally or from another instance over pub/sub). */
  'cache:invalidate': { tags: string[]; origin: 'local' | 'remote' | 'webhook' };
  /** The L2 tier (Redis) became unavailable or came back. */
  'cache:l2-state': { available: boolean; reason?: string };
  /** A provider's health changed. */
  'health:change': { provider: string; from: HealthCheckResult['status'] | 'unknown'; to: HealthCheckResult['status']; result: HealthCheckResult };
  /** Configuration was swapped by `reload()`. */
  'config:reload': { version: number; warnings: string[] };
  /** A non-fatal problem (unknown config key, deprecated field, …). */
  warning: { message: string; source: string };
}

/** Name of any Mosaic event. */
export type MosaicEventName = keyof MosaicEvents;
