import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { MosaicError } from '../errors/mosaic-error.js';

const marker = 'mosaic.error.condition_syntax';
const symbol = Symbol.for(marker);

/**
 * A routing condition string (`build.size > 10GB && user.region == 'EU'`) could not be parsed.
 * A subclass of {@link InvalidArgumentError} (`argument` is `routing condition`), so callers
 * that handle invalid arguments handle it too. Thrown when rules are compiled, never per call.
 */
export class ConditionSyntaxError extends InvalidArgumentError {
  private readonly [symbol] = true;
  /** 1-based column of the offending character in the condition string. */
  readonly column: number;
  /** The condition string that failed to parse. */
  readonly source: string;

  constructor(options: { source: string; column: number; message: string }) {
    super({
      argument: 'routing condition',
      issues: [{ path: `column ${options.column}`, message: options.message }],
      message: `Invalid routing condition at column ${options.column}: ${options.message}`,
    });
    this.name = 'ConditionSyntaxError';
    this.column = options.column;
    this.source = options.source;
  }

  static override isInstance(error: unknown): error is ConditionSyntaxError {
    return MosaicError.hasMarker(error, marker);
  }
}
