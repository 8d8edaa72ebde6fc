import { MosaicError } from '@mosaic/orchestrator-core';

/**
 * A provider's result does not match the operation's output schema, so the tool cannot
 * return it as structured content. The call itself succeeded (a write was applied): do not
 * retry blindly. `issues` name the offending fields.
 */
export class InvalidOutputError extends MosaicError {
  override readonly code = 'invalid_output';
  /** Registry name of the operation, e.g. `git.getRepository`. */
  readonly operation: string;
  readonly issues: Array<{ path: string; message: string }>;

  constructor(options: { operation: string; issues: Array<{ path: string; message: string }> }) {
    super({
      message: `The provider's result does not match the ${options.operation} output schema: ${options.issues
        .slice(0, 5)
        .map((i) => `${i.path || '(root)'}: ${i.message}`)
        .join('; ')}`,
    });
    this.name = 'InvalidOutputError';
    this.operation = options.operation;
    this.issues = options.issues;
  }
}
