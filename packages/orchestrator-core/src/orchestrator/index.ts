export { createOrchestrator, type Orchestrator, type OrchestratorOptions, type OrchestratorHealth } from './orchestrator.js';
export { configToOptions, factorySettings, type OptionsFromConfig, type PluginLoadSpec } from './from-config.js';
export type { OrchestratorCallOptions, OrchestratorMethod, ServiceFacade, OperationInput, OperationOutput } from './types.js';
