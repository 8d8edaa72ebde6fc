import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.no_such_provider';
const symbol = Symbol.for(marker);

/** A provider id was named (in a rule, a call or `getProvider`) that is not registered. */
export class NoSuchProviderError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code = 'no_such_provider';
  readonly providerId: string;
  readonly availableProviders: string[];

  constructor(options: { providerId: string; availableProviders?: string[]; message?: string }) {
    const available = options.availableProviders ?? [];
    super({
      message:
        options.message ??
        `No such provider: "${options.providerId}". Registered: ${available.length ? available.join(', ') : '(none)'}`,
    });
    this.name = 'NoSuchProviderError';
    this.providerId = options.providerId;
    this.availableProviders = available;
  }

  static override isInstance(error: unknown): error is NoSuchProviderError {
    return MosaicError.hasMarker(error, marker);
  }
}
