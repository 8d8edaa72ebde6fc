import type { z } from 'zod';
import type { AnyOperation, OperationName, Operations, OperationsOf } from '../registry/index.js';
import type { RequestContext, ServiceType } from '../spec/v1/provider.js';

/** Options of one call through the orchestrator (every facade method takes them). */
export interface OrchestratorCallOptions {
  /** Tenant the call is made for. Default `default`. Scopes cache entries, routing rules, budgets. */
  tenant?: string;
  /** End user on whose behalf the call is made (routing conditions read `user.*`). */
  user?: RequestContext['user'];
  /** Free-form tags for routing, budgets and metrics. */
  tags?: Record<string, string>;
  /** Further attributes routing conditions may read (`build.size`). */
  attributes?: Record<string, unknown>;
  /** Aborts the call (retries and backoff end at once). */
  signal?: AbortSignal;
  /**
   * Idempotency key of a write. With a provider that honours idempotency keys, Mosaic may
   * retry or fail over the write safely.
   */
  idempotencyKey?: string;
  /**
   * Cache behaviour of reads: `default` (use and fill the cache), `no-store` (bypass it),
   * `refresh` (skip the lookup, store the fresh result). Writes always invalidate.
   */
  cache?: 'default' | 'no-store' | 'refresh';
}

/** Caller-side signature of one operation: input before defaults, parsed output. */
export type OrchestratorMethod<O extends AnyOperation> = O['streaming'] extends true
  ? (input: z.input<O['input']>, options?: OrchestratorCallOptions) => AsyncIterable<z.output<O['output']>>
  : (input: z.input<O['input']>, options?: OrchestratorCallOptions) => Promise<z.output<O['output']>>;

/** The facade of one service type: every operation of the registry for that type. */
export type ServiceFacade<S extends ServiceType> = {
  [O in OperationsOf<S> as O['method']]: OrchestratorMethod<O>;
};

/** Input type (before defaults) of an operation by name. */
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
/** Output type of an operation by name. */
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;
