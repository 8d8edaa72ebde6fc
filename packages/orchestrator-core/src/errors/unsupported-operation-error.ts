import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.unsupported_operation';
const symbol = Symbol.for(marker);

/**
 * The operation is not declared in the provider's capabilities (or no configured provider
 * declares it). Known before any network call.
 */
export class UnsupportedOperationError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code = 'unsupported_operation';
  readonly operation: string;
  readonly providerId?: string;

  constructor(options: { operation: string; providerId?: string; message?: string }) {
    super({
      message:
        options.message ??
        (options.providerId
          ? `Provider "${options.providerId}" does not support ${options.operation}`
          : `No configured provider supports ${options.operation}`),
    });
    this.name = 'UnsupportedOperationError';
    this.operation = options.operation;
    if (options.providerId !== undefined) this.providerId = options.providerId;
  }

  static override isInstance(error: unknown): error is UnsupportedOperationError {
    return MosaicError.hasMarker(error, marker);
  }
}
