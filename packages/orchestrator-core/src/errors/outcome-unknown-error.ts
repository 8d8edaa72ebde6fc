import type { Attempt } from './attempt.js';
import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.outcome_unknown';
const symbol = Symbol.for(marker);

/**
 * A write failed in a way that does not prove nothing was applied (reset after sending,
 * timeout, 5xx), so Mosaic neither retried it on the same provider nor failed it over. The
 * write may or may not have taken effect; check the provider before repeating it.
 * `attempts` lists every attempt made.
 */
export class OutcomeUnknownError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code = 'outcome_unknown';
  readonly operation: string;
  /** The provider on which the write may have been applied. */
  readonly provider: string;
  readonly attempts: Attempt[];

  constructor(options: { operation: string; provider: string; attempts: Attempt[]; cause?: unknown }) {
    super({
      message: `Outcome of ${options.operation} on ${options.provider} is unknown: the request may have been applied. Not retried or failed over (${options.attempts.length} attempt${options.attempts.length === 1 ? '' : 's'}).`,
      cause: options.cause,
      isRetryable: false,
    });
    this.name = 'OutcomeUnknownError';
    this.operation = options.operation;
    this.provider = options.provider;
    this.attempts = options.attempts;
  }

  static override isInstance(error: unknown): error is OutcomeUnknownError {
    return MosaicError.hasMarker(error, marker);
  }
}
