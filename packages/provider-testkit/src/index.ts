/**
 * `@mosaic/provider-testkit`: the conformance suite every Mosaic provider runs (first- and
 * third-party), the msw fixture server with fault injection it runs against, and helpers
 * (canary tokens, a recording logger, sample inputs of every operation).
 * @packageDocumentation
 */
export {
  providerConformanceSuite,
  defineConformanceChecks,
  registerChecks,
  runConformance,
  countChecks,
  operationsOf,
  lifecycleSuite,
  capabilitiesSuite,
  resultsSuite,
  errorsSuite,
  paginationSuite,
  abortSuite,
  canarySuite,
  redirectsSuite,
  type CheckResult,
  type ConformanceReport,
} from './suite.js';
export {
  CHECK_GROUPS,
  type CheckGroup,
  type ConformanceCheck,
  type ConformanceOptions,
  type FixtureContext,
  type ItFunction,
  type PaginationFixture,
  type TestProviderFactory,
  type ProviderFactoryContext,
  type ServiceFixture,
} from './types.js';
export {
  createFixtureServer,
  DEFAULT_FIXTURE_BASE_URL,
  DEFAULT_OTHER_ORIGIN,
  type CapturedRequest,
  type CapturedResponse,
  type Fault,
  type FaultMatch,
  type FixtureServer,
  type FixtureServerOptions,
} from './fixture-server.js';
export { ERROR_CASES, type ErrorCase } from './checks/errors.js';
export { outputProblems } from './checks/results.js';
export { ConformanceFailure } from './harness.js';
export { createCanaryToken, findCanary } from './canary.js';
export { createRecordingLogger, type LogRecord, type RecordingLogger } from './recording-logger.js';
export {
  sampleInputs,
  createFaultInjectingProvider,
  type FaultInjectingProvider,
  type FaultInjectingProviderOptions,
  type FaultInjectingControls,
  type FaultScript,
} from '@mosaic/orchestrator-core';
