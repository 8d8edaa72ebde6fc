export { TOKEN_RULES, estimateTextTokens, estimateMessageTokens, estimateChatInputTokens, hasImage, type ChatTokenInput } from './tokens.js';
export { aiModelEntrySchema, readAiDetails, isLocalModel, modelInfoFromEntry, type AiModelEntry, type AiProviderDetails } from './models.js';
export { resolvePricing, costOfUsage, type AiPriceTable } from './cost.js';
export {
  aiRequirements,
  modelShortfall,
  chooseModel,
  EXPECTED_OUTPUT_TOKENS,
  DEFAULT_MAX_OUTPUT_TOKENS,
  type AiRequirements,
  type AiModelChoice,
  type AiChoiceResult,
} from './requirements.js';
export {
  createBudgetManager,
  createMemoryBudgetStore,
  createRedisBudgetStore,
  type BudgetLimits,
  type BudgetOptions,
  type BudgetScope,
  type BudgetAmount,
  type BudgetReservation,
  type BudgetManager,
  type BudgetStore,
  type BudgetStoreEntry,
  type BudgetStoreResult,
  type RedisBudgetStoreOptions,
} from './budget.js';
export { streamWithFailover, usageTokens, type StreamFailoverOptions, type StreamFailoverCall } from './stream.js';
export { createAiRouting, type AiOrchestratorOptions, type AiRouteExplanation, type AiCallPlan, type AiRouting } from './routing.js';
export { aiStreamCall, budgetScope, type AiStreamDeps } from './orchestrate.js';
export { aiOptionsFromConfig } from './from-config.js';
export { aiProviderSettingsFields } from './settings.js';
export { AiRateLimitTracker, type AiRateLimitTrackerOptions } from './rate-limit-tracker.js';
export { mapSdkTransportError, sdkNetworkError, type SdkErrorContext, type SdkTransportErrorClasses } from './sdk-errors.js';
export { pageModelList, type ModelListQuery } from './model-list.js';
