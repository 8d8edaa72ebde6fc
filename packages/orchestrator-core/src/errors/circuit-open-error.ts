import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.circuit_open';
const symbol = Symbol.for(marker);

/**
 * The provider's circuit breaker is open (or half-open with its probe in flight) for this
 * operation class and credential, so the call was not sent. Nothing was applied.
 */
export class CircuitOpenError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code = 'circuit_open';
  readonly provider: string;
  readonly operationKind: 'read' | 'write';
  readonly state: 'open' | 'half-open';
  /** Milliseconds until the breaker will admit a probe, when known. */
  readonly retryAfterMs?: number;

  constructor(options: { provider: string; operationKind: 'read' | 'write'; state: 'open' | 'half-open'; retryAfterMs?: number }) {
    super({
      message: `Circuit breaker for ${options.provider} (${options.operationKind}) is ${options.state}; call not sent`,
      isRetryable: true,
    });
    this.name = 'CircuitOpenError';
    this.provider = options.provider;
    this.operationKind = options.operationKind;
    this.state = options.state;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(error: unknown): error is CircuitOpenError {
    return MosaicError.hasMarker(error, marker);
  }
}
