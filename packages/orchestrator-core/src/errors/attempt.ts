/**
 * One attempt of a call on one provider, as listed in {@link OutcomeUnknownError.attempts},
 * {@link NoProviderAvailableError.attempts} and the `attempt` events.
 */
export interface Attempt {
  provider: string;
  operation: string;
  /** 1-based attempt number across the whole call (retries and failovers). */
  attempt: number;
  /** Epoch milliseconds when the attempt started. */
  startedAt: number;
  /** Milliseconds the attempt took. */
  durationMs: number;
  /** `skipped`: not sent (breaker open, budget, filtered at call time). */
  status: 'success' | 'error' | 'skipped';
  /** What is known of the attempt's effect; `applied` only for a success. */
  outcome: 'applied' | 'not-applied' | 'unknown';
  error?: {
    name: string;
    code?: string;
    message: string;
    category?: string;
    status?: number;
    retryAfterMs?: number;
  };
}
