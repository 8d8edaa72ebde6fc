import { redact, redactValue } from './redact.js';

const marker = 'mosaic.error';
const symbol = Symbol.for(marker);

/** Options shared by every Mosaic error. */
export interface MosaicErrorOptions {
  message: string;
  /** The underlying error; always kept (its message is redacted when serialized). */
  cause?: unknown;
  /** Whether retrying the same call may succeed. Default `false`. */
  isRetryable?: boolean;
}

/**
 * Base class of every error Mosaic throws. Messages are redacted of registered secrets and
 * credential shapes at construction. Use {@link MosaicError.isInstance} rather than
 * `instanceof`: it works across duplicated copies of the package (it checks a `Symbol.for`
 * marker).
 */
export class MosaicError extends Error {
  private readonly [symbol] = true;
  /** Stable machine-readable code, e.g. `provider_call`, `outcome_unknown`. */
  readonly code: string = 'mosaic';
  /** Whether retrying the same call may succeed. */
  readonly isRetryable: boolean;

  constructor({ message, cause, isRetryable = false }: MosaicErrorOptions) {
    super(redact(message), cause === undefined ? undefined : { cause: sanitizeCause(cause) });
    this.name = 'MosaicError';
    this.isRetryable = isRetryable;
  }

  /** True when `error` is any Mosaic error (from any copy of this package). */
  static isInstance(error: unknown): error is MosaicError {
    return MosaicError.hasMarker(error, marker);
  }

  protected static hasMarker(error: unknown, markerName: string): boolean {
    return (
      error != null &&
      typeof error === 'object' &&
      (error as Record<symbol, unknown>)[Symbol.for(markerName)] === true
    );
  }

  /** JSON form with redacted message and cause; never includes a stack. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
      isRetryable: this.isRetryable,
    };
    for (const [k, v] of Object.entries(this)) {
      if (k === 'cause' || k === 'code' || k === 'isRetryable') continue;
      json[k] = v;
    }
    if (this.cause !== undefined) json.cause = serializeCause(this.cause);
    return json;
  }
}

function serializeCause(cause: unknown): unknown {
  if (MosaicError.isInstance(cause)) return cause.toJSON();
  if (cause instanceof Error) return { name: cause.name, message: redact(cause.message) };
  if (typeof cause === 'string') return redact(cause);
  return undefined;
}

/**
 * Makes a vendor error safe to keep as `cause`: its message, stack and enumerable properties
 * are redacted in place (vendor errors often carry the request, headers included).
 */
function sanitizeCause(cause: unknown): unknown {
  if (typeof cause === 'string') return redact(cause);
  if (!(cause instanceof Error) || MosaicError.isInstance(cause)) return cause;
  try {
    cause.message = redact(cause.message);
    if (cause.stack) cause.stack = redact(cause.stack);
    for (const key of Object.keys(cause)) {
      const value = (cause as unknown as Record<string, unknown>)[key];
      if (key === 'cause') {
        (cause as unknown as Record<string, unknown>)[key] = sanitizeCause(value);
      } else if (value !== null && typeof value === 'object' && !(value instanceof Error)) {
        (cause as unknown as Record<string, unknown>)[key] = redactValue(value);
      } else if (typeof value === 'string') {
        (cause as unknown as Record<string, unknown>)[key] = redact(value);
      }
    }
  } catch {
    return new Error(redact(cause.message));
  }
  return cause;
}
