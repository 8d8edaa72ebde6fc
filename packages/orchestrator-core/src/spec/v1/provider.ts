import type { OperationName } from '../../registry/index.js';

/** The six service types Mosaic unifies. */
export type ServiceType = 'git' | 'cicd' | 'docs' | 'project' | 'ai' | 'workflow';

/** All service types, in a stable order. */
export const SERVICE_TYPES: readonly ServiceType[] = ['git', 'cicd', 'docs', 'project', 'ai', 'workflow'];

/**
 * Who and what a call is for. Passed by the host on each call; providers may read it but
 * must not depend on it. Routing conditions compare its fields (`user.region == 'EU'`).
 */
export interface RequestContext {
  /** Tenant id; `default` when the host does not use tenancy. */
  tenant?: string;
  /** The end user on whose behalf the call is made (`{ id: 'bot-ci', region: 'EU' }`). */
  user?: { id?: string; region?: string; [key: string]: unknown };
  /** Free-form tags for routing, budgets and metrics. */
  tags?: Record<string, string>;
  /** Any further attributes routing conditions may read (`build.size`). */
  [key: string]: unknown;
}

/** Options every facet operation accepts. */
export interface CallOptions {
  /** Aborts the call; providers pass it to the vendor SDK / fetch. */
  signal?: AbortSignal;
  /**
   * Idempotency key of a write. Providers whose capabilities declare `idempotencyKeys` send
   * it to the vendor (e.g. `Idempotency-Key` header) so a retried write is applied once.
   */
  idempotencyKey?: string;
  /** The caller's context (tenant, user, tags). */
  context?: RequestContext;
}

/**
 * What a provider declares it can do. The core checks `operations` before any call:
 * an operation not listed fails with `UnsupportedOperationError` without touching the network.
 */
export interface CapabilitiesV1 {
  /** Registry names of the operations this provider implements, e.g. `git.createRepository`. */
  operations: readonly OperationName[];
  /** Optional features. Every flag defaults to false. */
  features?: {
    /** List operations accept `cursor`/`limit` and return `nextCursor`. */
    pagination?: boolean;
    webhooks?: boolean;
    streaming?: boolean;
    /** The provider revalidates reads with ETag / `If-None-Match` (a 304 costs no rate limit on GitHub). */
    etag?: boolean;
    /** Writes honour `idempotencyKey`, so a write may be retried or failed over safely. */
    idempotencyKeys?: boolean;
    /** The provider can refresh its credential once after an auth failure (`refreshCredentials`). */
    credentialRefresh?: boolean;
  };
  /** Vendor-specific capability details (AI models and their features, GitLab approval rules, …). */
  details?: Record<string, unknown>;
}

/** Result of {@link ProviderV1.healthCheck}. */
export interface HealthCheckResult {
  status: 'healthy' | 'degraded' | 'unhealthy';
  /** Round-trip time of the check, in milliseconds. */
  latencyMs: number;
  /** Human-readable detail (never a credential). */
  detail?: string;
  /** Epoch milliseconds of the check. */
  checkedAt: number;
}

/** Rate-limit budget a provider last observed from its vendor's headers. */
export interface RateLimitState {
  /** Requests left in the current window. */
  remaining?: number;
  limit?: number;
  /** Epoch milliseconds when the window resets. */
  resetAt?: number;
  /** Which budget (`core`, `search`, `requests`, `tokens`, …). */
  resource?: string;
}

/** Optional metrics a provider exposes. */
export interface ProviderMetrics {
  rateLimit?: RateLimitState;
  [key: string]: unknown;
}

/**
 * Things the core hands a provider at `initialize`: a logger and a callback to report the
 * vendor's rate-limit headers, which feed routing (quota budget) and retry (reset time).
 */
export interface ProviderInitContext {
  logger?: Logger;
  reportRateLimit?: (state: RateLimitState) => void;
}

/** The logger shape Mosaic accepts (pino, winston, console-compatible). Optional methods. */
export interface Logger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The provider specification, version 1. A provider is one vendor's implementation of one
 * service type (a package may export several: GitHub covers git, cicd and project).
 * It also implements the facet interface of its service type (`GitProviderV1`, …).
 *
 * Lifecycle: `initialize` (validate settings, build clients; no network required) →
 * `start` (optional warm-up) → calls → `stop` (stop background work; idempotent) →
 * `dispose` (release resources; idempotent). The core drives the state machine.
 */
export interface ProviderV1<S extends ServiceType = ServiceType> {
  readonly specificationVersion: 'v1';
  /** Unique id within an orchestrator, e.g. `github`, `gitea-internal`. */
  readonly id: string;
  /** Vendor name, e.g. `github`, `gitea`, `openai`. */
  readonly vendor: string;
  readonly serviceType: S;
  readonly capabilities: CapabilitiesV1;
  initialize?(context: ProviderInitContext): Promise<void> | void;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
  dispose?(): Promise<void> | void;
  /** Checks reachability and credentials; must honour `signal` and return within its timeout. */
  healthCheck(signal: AbortSignal): Promise<HealthCheckResult>;
  metrics?(): ProviderMetrics;
  /** Re-reads or refreshes credentials after an auth failure. Returns true when it changed them. */
  refreshCredentials?(): Promise<boolean>;
  /** Fingerprint of the credential in use (a hash, never the secret); scopes cache and breakers. */
  credentialFingerprint?(): string;
}
