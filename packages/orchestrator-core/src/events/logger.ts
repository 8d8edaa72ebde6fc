import { redact, redactValue } from '../errors/redact.js';
import type { Logger } from '../spec/v1/provider.js';

/** A {@link Logger} with every method present. Returned by {@link createLogger}. */
export type CompleteLogger = Required<Logger>;

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * Normalizes a host logger (pino, winston, a console-compatible object, or one with only some
 * of the four methods) into a {@link CompleteLogger}:
 *
 * - a missing method (or a missing logger) is a no-op — Mosaic never falls back to `console`;
 * - methods are called with the host logger as `this` (pino and winston need it);
 * - the message and fields pass through {@link redact}/{@link redactValue}, so a credential
 *   that slips into a log line is replaced by `[REDACTED]`;
 * - a logger method that throws is ignored: logging never breaks a call.
 *
 * @param logger the host's logger; default: none (everything is a no-op).
 */
export function createLogger(logger?: Logger): CompleteLogger {
  const out = {} as CompleteLogger;
  for (const level of LEVELS) {
    const method = logger?.[level];
    out[level] =
      typeof method === 'function'
        ? (message: string, fields?: Record<string, unknown>) => {
            try {
              if (fields === undefined) method.call(logger, redact(String(message)));
              else method.call(logger, redact(String(message)), redactValue(fields));
            } catch {
              // a broken logger must not break the caller
            }
          }
        : noop;
  }
  return out;
}

function noop(): void {}
