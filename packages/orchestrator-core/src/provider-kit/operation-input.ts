import type { z } from 'zod';
import { InvalidArgumentError } from '../errors/index.js';
import { operations, type OperationName, type Operations } from '../registry/index.js';

/** Input of an operation by name after validation (defaults applied): what a provider method works with. */
export type ParsedOperationInput<N extends OperationName> = z.output<Operations[N]['input']>;

/**
 * Validates a provider method's input against the operation's unified input schema and returns
 * it with defaults applied. Providers call it first, so a direct call (outside the
 * orchestrator) is checked the same way.
 * @throws InvalidArgumentError (`argument`: the operation name) listing each invalid path
 */
export function parseOperationInput<N extends OperationName>(name: N, input: unknown): ParsedOperationInput<N> {
  const schema = operations[name].input as z.ZodType;
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InvalidArgumentError({ argument: name, issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  return result.data as ParsedOperationInput<N>;
}
