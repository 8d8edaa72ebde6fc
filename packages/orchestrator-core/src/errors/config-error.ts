import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.config';
const symbol = Symbol.for(marker);

/** One problem in a configuration, with its dotted path (`orchestration.routing.rules[2].priority`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * A configuration (file or object) is invalid. One error lists every problem found, each with
 * its path; the message has one line per issue. Nothing was applied.
 */
export class ConfigError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code = 'config';
  readonly issues: ConfigIssue[];
  /** The file the configuration came from, when it came from a file. */
  readonly source?: string;

  constructor(options: { issues: ConfigIssue[]; source?: string; cause?: unknown }) {
    const head = `Invalid configuration${options.source ? ` in ${options.source}` : ''} (${options.issues.length} problem${options.issues.length === 1 ? '' : 's'})`;
    super({
      message: [head, ...options.issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`)].join('\n'),
      cause: options.cause,
    });
    this.name = 'ConfigError';
    this.issues = options.issues;
    if (options.source !== undefined) this.source = options.source;
  }

  static override isInstance(error: unknown): error is ConfigError {
    return MosaicError.hasMarker(error, marker);
  }
}
