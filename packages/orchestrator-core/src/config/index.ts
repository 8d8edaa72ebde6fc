/**
 * Configuration: YAML/JSON (or code through `defineConfig`) validated into a typed
 * {@link MosaicConfig}, with `${VAR}` interpolation, path-named errors and warnings.
 * @module
 */
export {
  defineConfig,
  loadConfigFile,
  parseConfig,
  validateConfig,
  type ConfigResult,
  type LoadConfigFileOptions,
  type ParseConfigOptions,
  type ValidateConfigOptions,
} from './load.js';
export type {
  AuthConfig,
  CacheConfig,
  MosaicConfig,
  MosaicConfigInput,
  OrchestrationConfig,
  PluginConfig as PluginEntryConfig,
  PluginSettingsConfig,
  ResilienceConfig,
  ResilienceOverrideConfig,
  RoutingConfig,
  RuleConfig,
  TenantConfig,
  AiConfig,
} from './schema.js';
export { AUTH_TYPES, BACKOFF_KINDS, LOAD_BALANCING_STRATEGIES, PLUGIN_TYPES } from './schema.js';
export type { KnownProvider } from './checks.js';
export type { EnvRecord } from './interpolate.js';
export { parseDuration } from './duration.js';
export { resolveResilience } from './resolve.js';
export { analyzePattern, CONDITION_OPERATORS, PATTERN_PREFIXES, type PatternInfo } from './patterns.js';
