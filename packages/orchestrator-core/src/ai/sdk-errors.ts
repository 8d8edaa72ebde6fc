import { MosaicError, providerErrorFromNetwork, type ProviderCallError } from '../errors/index.js';

/** Where an SDK call failed, for {@link mapSdkTransportError} and {@link sdkNetworkError}. */
export interface SdkErrorContext {
  /** Provider id. */
  provider: string;
  /** Operation name, e.g. `ai.chat`. */
  operation: string;
  /** The request URL (the provider's `baseUrl` plus the path). */
  url: string;
  /** The call's signal: when aborted, its `reason` is returned as is. */
  signal?: AbortSignal | undefined;
  /** The provider's per-request budget in ms, put on a timeout error. */
  timeoutMs?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorClass = abstract new (...args: any[]) => Error;

/**
 * The transport error classes of a generated vendor SDK (the `openai` and `@anthropic-ai/sdk`
 * packages export classes of these names).
 */
export interface SdkTransportErrorClasses {
  /** Thrown when the SDK's request was aborted (`APIUserAbortError`). */
  userAbort: ErrorClass;
  /** Thrown when the SDK's own timeout expired (`APIConnectionTimeoutError`). */
  connectionTimeout: ErrorClass;
  /** Thrown when no response arrived (`APIConnectionError`; the fetch failure is its `cause`). */
  connection: ErrorClass;
}

/**
 * The vendor-neutral first steps of mapping what an SDK threw: the caller's abort reason when
 * the call's signal is aborted; a {@link MosaicError} as is; an SDK abort as the signal's reason
 * (else the error); an SDK timeout as a `TimeoutError` (with `ctx.timeoutMs`); a connection
 * failure as the core's network error of its `cause` (`POST ctx.url`).
 * @returns the mapped error, or `undefined` when `error` is none of these (a vendor HTTP error
 *   the provider maps itself, or anything else: see {@link sdkNetworkError})
 */
export function mapSdkTransportError(error: unknown, ctx: SdkErrorContext, classes: SdkTransportErrorClasses): unknown {
  if (ctx.signal?.aborted) return ctx.signal.reason;
  if (MosaicError.isInstance(error)) return error;
  if (error instanceof classes.userAbort) return ctx.signal?.reason ?? error;
  if (error instanceof classes.connectionTimeout) {
    return providerErrorFromNetwork({ provider: ctx.provider, operation: ctx.operation, error: Object.assign(new Error('request timed out'), { name: 'TimeoutError' }), ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}) });
  }
  if (error instanceof classes.connection) return sdkNetworkError((error as { cause?: unknown }).cause ?? error, ctx);
  return undefined;
}

/**
 * The core's network error (`ProviderCallError`/`TimeoutError`, see `providerErrorFromNetwork`)
 * for a failed `POST ctx.url`: for connection failures and whatever else an SDK throws that is
 * not a vendor response (a stream cut mid-way, a malformed server-sent event).
 */
export function sdkNetworkError(error: unknown, ctx: SdkErrorContext): ProviderCallError {
  return providerErrorFromNetwork({ provider: ctx.provider, operation: ctx.operation, error, method: 'POST', url: ctx.url });
}
