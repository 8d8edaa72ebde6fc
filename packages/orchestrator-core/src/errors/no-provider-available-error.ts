import type { Attempt } from './attempt.js';
import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.no_provider_available';
const symbol = Symbol.for(marker);

/**
 * No candidate provider could serve the call: every candidate was filtered out (see
 * `reasons`) or failed in a way that allowed trying the next one. `attempts` lists every
 * attempt made; `cause` is the last error.
 */
export class NoProviderAvailableError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code = 'no_provider_available';
  readonly operation: string;
  readonly attempts: Attempt[];
  /** Why candidates were excluded before any attempt, by provider id. */
  readonly reasons: Record<string, string>;

  constructor(options: { operation: string; attempts: Attempt[]; reasons?: Record<string, string>; cause?: unknown; isRetryable?: boolean }) {
    const reasons = options.reasons ?? {};
    const filtered = Object.entries(reasons).map(([p, r]) => `${p}: ${r}`);
    super({
      message: `No provider available for ${options.operation} after ${options.attempts.length} attempt${options.attempts.length === 1 ? '' : 's'}${filtered.length ? ` (excluded: ${filtered.join('; ')})` : ''}`,
      cause: options.cause,
      isRetryable: options.isRetryable ?? false,
    });
    this.name = 'NoProviderAvailableError';
    this.operation = options.operation;
    this.attempts = options.attempts;
    this.reasons = reasons;
  }

  static override isInstance(error: unknown): error is NoProviderAvailableError {
    return MosaicError.hasMarker(error, marker);
  }
}
