import { MosaicError } from './mosaic-error.js';
import { ProviderCallError } from './provider-call-error.js';

const marker = 'mosaic.error.timeout';
const symbol = Symbol.for(marker);

/**
 * A provider call exceeded its time budget (`timeoutMs`, milliseconds) and was aborted. The
 * outcome of a write is unknown.
 */
export class TimeoutError extends ProviderCallError {
  private readonly [symbol] = true;
  override readonly code = 'timeout';
  readonly timeoutMs: number;

  constructor(options: { provider: string; operation?: string; timeoutMs: number; cause?: unknown; message?: string }) {
    super({
      message: options.message ?? `${options.provider}${options.operation ? ` ${options.operation}` : ''} timed out after ${options.timeoutMs} ms`,
      provider: options.provider,
      category: 'timeout',
      outcome: 'unknown',
      ...(options.operation !== undefined ? { operation: options.operation } : {}),
      cause: options.cause,
    });
    this.name = 'TimeoutError';
    this.timeoutMs = options.timeoutMs;
  }

  static override isInstance(error: unknown): error is TimeoutError {
    return MosaicError.hasMarker(error, marker);
  }
}
