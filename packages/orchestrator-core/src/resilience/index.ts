export { createResilience } from './executor.js';
export {
  CircuitBreaker,
  resolveBreakerOptions,
  type BreakerPermit,
  type BreakerResult,
  type ResolvedBreakerOptions,
} from './breaker.js';
export {
  MAX_ATTEMPTS_CAP,
  BREAKER_FAILURE_CATEGORIES,
  abortableSleep,
  attemptsOf,
  backoffDelay,
  isBreakerFailure,
  isDefinitiveRejection,
  resolveRetryOptions,
  type ResolvedRetryOptions,
} from './policy.js';
export type {
  BackoffKind,
  BreakerDecision,
  BreakerOptions,
  BreakerSnapshot,
  BulkheadOptions,
  CreateResilienceOptions,
  ExecuteCall,
  ExecuteCandidate,
  ExecuteResult,
  Resilience,
  ResilienceClock,
  ResilienceEventSink,
  ResilienceOptions,
  RetryOptions,
  SleepFunction,
} from './types.js';
export * from './testing/index.js';
