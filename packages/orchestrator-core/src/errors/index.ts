export { MosaicError, type MosaicErrorOptions } from './mosaic-error.js';
export { InvalidArgumentError, type ArgumentIssue } from './invalid-argument-error.js';
export { ConfigError, type ConfigIssue } from './config-error.js';
export { NoSuchProviderError } from './no-such-provider-error.js';
export { UnsupportedOperationError } from './unsupported-operation-error.js';
export {
  ProviderCallError,
  type ProviderCallErrorOptions,
  type ErrorCategory,
  type CallOutcome,
  type FieldError,
  type RedactedRequest,
} from './provider-call-error.js';
export { RateLimitedError, type RateLimitReason } from './rate-limited-error.js';
export { TimeoutError } from './timeout-error.js';
export { CircuitOpenError } from './circuit-open-error.js';
export { OutcomeUnknownError } from './outcome-unknown-error.js';
export { NoProviderAvailableError } from './no-provider-available-error.js';
export { PluginError } from './plugin-error.js';
export { BudgetExceededError } from './budget-exceeded-error.js';
export { MidStreamError } from './mid-stream-error.js';
export type { Attempt } from './attempt.js';
export { redact, redactValue, registerSecret, unregisterSecret } from './redact.js';
export {
  getHeader,
  parseRetryAfter,
  retryAfterFromHeaders,
  categoryForStatus,
  providerErrorFromResponse,
  providerErrorFromNetwork,
  networkErrorCode,
  type HeaderInput,
  type HttpErrorInput,
} from './http.js';
