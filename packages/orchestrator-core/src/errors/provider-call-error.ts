import { redact } from './redact.js';
import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.provider_call';
const symbol = Symbol.for(marker);

/**
 * Error family of a failed provider call (DESIGN §3):
 * - `network`: connection refused/reset, DNS failure, TLS failure;
 * - `timeout`: the call exceeded its time budget, or the vendor answered 408;
 * - `auth`: 401, or 403 that is not a rate limit (permissions);
 * - `rate-limited`: 429, or a vendor's rate-limit 403 (GitHub secondary limits), or quota;
 * - `not-found`: 404/410; `conflict`: 409; `validation`: 400/422 with the vendor's field errors;
 * - `unavailable`: 5xx and Anthropic 529; `unsupported`: the vendor says the feature is absent;
 * - `unknown`: anything else.
 */
export type ErrorCategory =
  | 'network'
  | 'timeout'
  | 'auth'
  | 'rate-limited'
  | 'not-found'
  | 'conflict'
  | 'validation'
  | 'unavailable'
  | 'unsupported'
  | 'unknown';

/**
 * What is known about whether the call changed anything on the provider:
 * `not-applied` is proven (connection refused before sending, rate-limit or auth rejection,
 * validation failure); `unknown` means the request may have been applied (reset after
 * sending, timeout, 5xx). Failover of writes relies on this.
 */
export type CallOutcome = 'not-applied' | 'unknown';

/** A vendor field error (GitHub `errors[]`, GitLab `message` map, Gitea `errors`). */
export interface FieldError {
  field?: string;
  code?: string;
  message: string;
}

/** The request as it may be shown: method and URL with credentials removed. Never headers. */
export interface RedactedRequest {
  method: string;
  url: string;
}

/** Constructor options of {@link ProviderCallError}. */
export interface ProviderCallErrorOptions {
  message: string;
  provider: string;
  operation?: string;
  category: ErrorCategory;
  /** HTTP status when the vendor answered. */
  status?: number;
  /** Default: derived from category (network, timeout, rate-limited, unavailable, conflict retry). */
  isRetryable?: boolean;
  /** Milliseconds the vendor asked us to wait (Retry-After, reset headers), when known. */
  retryAfterMs?: number;
  /** Default: `not-applied` for rejections that prove it, else `unknown`. */
  outcome?: CallOutcome;
  request?: RedactedRequest;
  fieldErrors?: FieldError[];
  /** Vendor error code (`rate_limit_exceeded`, `insufficient_quota`, …). */
  vendorCode?: string;
  cause?: unknown;
}

const RETRYABLE: ReadonlySet<ErrorCategory> = new Set(['network', 'timeout', 'rate-limited', 'unavailable', 'conflict']);
const NOT_APPLIED: ReadonlySet<ErrorCategory> = new Set(['auth', 'rate-limited', 'not-found', 'validation', 'unsupported']);

/**
 * A call to a provider failed. Carries the classified `category`, the HTTP `status`, whether a
 * retry may help (`isRetryable`), how long the vendor asked us to wait (`retryAfterMs`),
 * what is known of the outcome (`outcome`), and the request with credentials removed.
 */
export class ProviderCallError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code: string = 'provider_call';
  readonly provider: string;
  readonly operation?: string;
  readonly category: ErrorCategory;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly outcome: CallOutcome;
  readonly request?: RedactedRequest;
  readonly fieldErrors?: FieldError[];
  readonly vendorCode?: string;

  constructor(options: ProviderCallErrorOptions) {
    super({
      message: options.message,
      cause: options.cause,
      isRetryable: options.isRetryable ?? RETRYABLE.has(options.category),
    });
    this.name = 'ProviderCallError';
    this.provider = options.provider;
    this.category = options.category;
    this.outcome = options.outcome ?? (NOT_APPLIED.has(options.category) ? 'not-applied' : 'unknown');
    if (options.operation !== undefined) this.operation = options.operation;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.request) this.request = { method: options.request.method, url: redact(options.request.url) };
    if (options.fieldErrors?.length) this.fieldErrors = options.fieldErrors.map((f) => ({ ...f, message: redact(f.message) }));
    if (options.vendorCode !== undefined) this.vendorCode = options.vendorCode;
  }

  static override isInstance(error: unknown): error is ProviderCallError {
    return MosaicError.hasMarker(error, marker);
  }
}
