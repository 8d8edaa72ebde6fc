import type { Attempt } from '../errors/attempt.js';
import { MosaicError } from '../errors/mosaic-error.js';
import { ProviderCallError } from '../errors/provider-call-error.js';
import type { BackoffKind, RetryOptions, SleepFunction } from './types.js';

/** Hard cap of `retry.maxAttempts`: retries never go on forever. */
export const MAX_ATTEMPTS_CAP = 10;

/** Retry settings with every default applied. */
export interface ResolvedRetryOptions {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  backoff: BackoffKind;
  jitter: boolean;
}

/** Applies the defaults of {@link RetryOptions}; `maxAttempts` is clamped to 1..{@link MAX_ATTEMPTS_CAP}. */
export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  const requested = options?.maxAttempts ?? 3;
  const maxAttempts = Number.isFinite(requested) ? Math.min(MAX_ATTEMPTS_CAP, Math.max(1, Math.floor(requested))) : MAX_ATTEMPTS_CAP;
  return {
    maxAttempts,
    initialDelayMs: Math.max(0, options?.initialDelayMs ?? 100),
    maxDelayMs: Math.max(0, options?.maxDelayMs ?? 5000),
    maxRetryAfterMs: Math.max(0, options?.maxRetryAfterMs ?? 30_000),
    backoff: options?.backoff ?? 'exponential',
    jitter: options?.jitter ?? true,
  };
}

/**
 * Delay in ms before retry number `failedTries` (1 after the first failure): exponential
 * `initial * 2^(n-1)`, linear `initial * n` or constant `initial`, capped at `maxDelayMs`; with
 * full jitter a uniform value in `[0, delay)` drawn from `random`.
 */
export function backoffDelay(retry: ResolvedRetryOptions, failedTries: number, random: () => number): number {
  const n = Math.max(1, failedTries);
  const raw =
    retry.backoff === 'constant'
      ? retry.initialDelayMs
      : retry.backoff === 'linear'
        ? retry.initialDelayMs * n
        : retry.initialDelayMs * 2 ** Math.min(n - 1, 30);
  const capped = Math.min(retry.maxDelayMs, raw);
  return retry.jitter ? Math.floor(random() * capped) : capped;
}

/**
 * Default {@link SleepFunction}: a `setTimeout` that rejects at once with `signal.reason` when
 * the signal aborts (or is already aborted).
 */
export const abortableSleep: SleepFunction = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Error categories that count as provider trouble for circuit breakers: `network`, `timeout`,
 * `unavailable` (5xx, overload) and `rate-limited` (the breaker is per credential, so one
 * exhausted token moves its own traffic elsewhere). Validation, not-found, conflict, auth and
 * unsupported answers prove the provider is up and count as successes.
 */
export const BREAKER_FAILURE_CATEGORIES: ReadonlySet<string> = new Set(['network', 'timeout', 'unavailable', 'rate-limited']);

/** Whether `error` counts as a failure for the circuit breaker (see {@link BREAKER_FAILURE_CATEGORIES}). */
export function isBreakerFailure(error: ProviderCallError): boolean {
  return BREAKER_FAILURE_CATEGORIES.has(error.category);
}

/**
 * A definitive rejection of the request itself: neither retried nor failed over. HTTP 4xx
 * other than 401/403 (auth), 408 (timeout), 409 (conflict) and 429 / rate-limit 403s, and
 * status-less `validation` / `not-found` errors.
 */
export function isDefinitiveRejection(error: ProviderCallError): boolean {
  if (error.category === 'auth' || error.category === 'rate-limited' || error.category === 'timeout') return false;
  if (error.status !== undefined && error.status >= 400 && error.status < 500) return error.status !== 408 && error.status !== 409;
  return error.category === 'validation' || error.category === 'not-found';
}

const ATTEMPTS = Symbol.for('mosaic.resilience.attempts');

/** Attaches the call's attempts to an error thrown as is (non-enumerable). */
export function attachAttempts<E>(error: E, attempts: Attempt[]): E {
  if (error !== null && typeof error === 'object') {
    try {
      Object.defineProperty(error, ATTEMPTS, { value: attempts, enumerable: false, configurable: true, writable: true });
    } catch {
      // frozen error: attempts stay available through the `attempt` events
    }
  }
  return error;
}

/**
 * The attempts of the call that threw `error`: its `attempts` field for
 * {@link NoProviderAvailableError} / {@link OutcomeUnknownError}, or the list the executor
 * attached to a provider error it rethrew as is (a 422, a 404). `undefined` when none.
 */
export function attemptsOf(error: unknown): Attempt[] | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const attached = (error as Record<symbol, unknown>)[ATTEMPTS];
  if (Array.isArray(attached)) return attached as Attempt[];
  const own = (error as { attempts?: unknown }).attempts;
  return MosaicError.isInstance(error) && Array.isArray(own) ? (own as Attempt[]) : undefined;
}

/** The redacted summary of an error kept in an {@link Attempt}. */
export function summarizeError(error: unknown): NonNullable<Attempt['error']> {
  if (ProviderCallError.isInstance(error)) {
    return {
      name: error.name,
      code: error.code,
      message: error.message,
      category: error.category,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  if (MosaicError.isInstance(error)) {
    const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
    return { name: error.name, code: error.code, message: error.message, ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}) };
  }
  if (error instanceof Error) {
    // Not constructed by Mosaic: build a MosaicError to get its message redacted.
    return { name: error.name, message: new MosaicError({ message: error.message }).message };
  }
  return { name: 'Error', message: new MosaicError({ message: String(error) }).message };
}
