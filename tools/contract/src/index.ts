/**
 * `@mosaic/tools-contract` (private, never published): contract tests that check the requests a
 * provider sends against the vendor's official OpenAPI / Swagger document.
 * @packageDocumentation
 */
export { loadSpec, documentBasePath, isSwagger2, resolvePointer, deref, type ApiDocument, type JsonObject } from './spec.js';
export { normalizeSchema } from './schema.js';
export {
  createContractValidator,
  type ContractValidator,
  type ContractValidatorOptions,
  type ContractRequest,
  type ContractResult,
  type OperationRef,
} from './validator.js';
export {
  createContractRecorder,
  contractHandler,
  respondWithExample,
  monitorContract,
  type ContractRecorder,
  type ContractViolation,
  type ContractHandlerOptions,
  type ContractResponderInput,
  type LifeCycleEvents,
} from './msw.js';
export { sharedSpecPath, REPO_ROOT, GITEA_SPEC, GITLAB_SPEC } from './shared-specs.js';
export { loadGitHubSpec, GITHUB_SUBSET_PATHS, type LoadGitHubSpecOptions } from './github-spec.js';
export { sampleFromSchema, sampleResponse, sampleDefinition } from './spec-samples.js';
export { gitOpCases, type OpCase, type GitOpCasesOptions } from './op-table.js';
