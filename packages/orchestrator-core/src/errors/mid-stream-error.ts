import type { Attempt } from './attempt.js';
import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.mid_stream';
const symbol = Symbol.for(marker);

/**
 * A streaming call failed after chunks had already been yielded to the caller, so it could not
 * fail over transparently. `partialText` is the assistant text yielded so far (concatenated
 * `text-delta`s, across providers when the host opted in to continuing on a fallback),
 * `partialToolCalls` the tool-call pieces yielded so far (arguments may be cut), `provider`
 * the provider whose stream broke, and `attempts` every attempt of the call, the broken one
 * last. `cause` is the provider's error. Retryable when the cause is.
 */
export class MidStreamError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code = 'mid_stream';
  readonly operation: string;
  readonly provider: string;
  readonly partialText: string;
  readonly partialToolCalls: Array<{ index: number; id?: string; name?: string; arguments: string }>;
  readonly attempts: Attempt[];

  constructor(options: {
    operation: string;
    provider: string;
    partialText: string;
    partialToolCalls?: Array<{ index: number; id?: string; name?: string; arguments: string }>;
    attempts: Attempt[];
    cause?: unknown;
  }) {
    const causeRetryable = MosaicError.isInstance(options.cause) ? options.cause.isRetryable : true;
    super({
      message: `${options.operation} stream from ${options.provider} failed after ${options.partialText.length} characters of output (${options.attempts.length} attempt${options.attempts.length === 1 ? '' : 's'})`,
      cause: options.cause,
      isRetryable: causeRetryable,
    });
    this.name = 'MidStreamError';
    this.operation = options.operation;
    this.provider = options.provider;
    this.partialText = options.partialText;
    this.partialToolCalls = options.partialToolCalls ?? [];
    this.attempts = options.attempts;
  }

  static override isInstance(error: unknown): error is MidStreamError {
    return MosaicError.hasMarker(error, marker);
  }
}
