import { MosaicError } from './mosaic-error.js';

const marker = 'mosaic.error.budget_exceeded';
const symbol = Symbol.for(marker);

/**
 * An AI call would exceed a spend or token budget, so it was refused before any provider was
 * called (nothing was sent, nothing billed). `budget` names the budget (`tenant:acme`,
 * `tenant:acme/user:u1`, `tenant:acme/tag:team=search`), `dimension` whether the limit is in
 * US dollars (`cost`) or tokens (`tokens`); `used` counts spent plus reserved amounts of
 * in-flight calls, `requested` the amount this call reserves (its estimated maximum), both in
 * the unit of `dimension`. Not retryable (retry after the budget window resets or is raised).
 */
export class BudgetExceededError extends MosaicError {
  private readonly [symbol] = true;
  override readonly code = 'budget_exceeded';
  readonly operation: string;
  readonly tenant: string;
  readonly budget: string;
  readonly dimension: 'cost' | 'tokens';
  readonly limit: number;
  readonly used: number;
  readonly requested: number;

  constructor(options: {
    operation: string;
    tenant: string;
    budget: string;
    dimension: 'cost' | 'tokens';
    limit: number;
    used: number;
    requested: number;
    cause?: unknown;
  }) {
    const unit = options.dimension === 'cost' ? ' USD' : ' tokens';
    super({
      message: `${options.operation} refused: budget ${options.budget} would be exceeded (${options.dimension}: used ${fmt(options.used)}${unit} + requested ${fmt(options.requested)}${unit} > limit ${fmt(options.limit)}${unit})`,
      cause: options.cause,
      isRetryable: false,
    });
    this.name = 'BudgetExceededError';
    this.operation = options.operation;
    this.tenant = options.tenant;
    this.budget = options.budget;
    this.dimension = options.dimension;
    this.limit = options.limit;
    this.used = options.used;
    this.requested = options.requested;
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return MosaicError.hasMarker(error, marker);
  }
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(6).replace(/\.?0+$/, '');
}
