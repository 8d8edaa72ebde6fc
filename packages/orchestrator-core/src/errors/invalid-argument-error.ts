import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.invalid_argument';
const symbol = Symbol.for(marker);

/** One problem found in an input, named by its path (`owner`, `files[2].content`). */
export interface ArgumentIssue {
  path: string;
  message: string;
}

/**
 * An operation's input (or a function argument) is invalid. Thrown before routing, so no
 * provider was called. `issues` lists every problem with its path.
 */
export class InvalidArgumentError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code = 'invalid_argument';
  /** The argument or operation that was invalid, e.g. `git.createRepository`. */
  readonly argument: string;
  readonly issues: ArgumentIssue[];

  constructor(options: { argument: string; issues: ArgumentIssue[]; message?: string; cause?: unknown }) {
    super({
      message:
        options.message ??
        `Invalid ${options.argument}: ${options.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
      cause: options.cause,
    });
    this.name = 'InvalidArgumentError';
    this.argument = options.argument;
    this.issues = options.issues;
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return MosaicError.hasMarker(error, marker);
  }
}
