export { createPluginManager, DEFAULT_DRAIN_TIMEOUT_MS, type PluginManager, type PluginManagerOptions, type InitOptions, type PluginLease, type PluginInfo, type DrainOptions, type ReplaceOptions, type StartAllResult } from './manager.js';
export { validateProvider, asProviderV1, SUPPORTED_SPECIFICATION_VERSIONS, type ValidateProviderOptions } from './validate.js';
export { PLUGIN_TRANSITIONS, canTransition } from './lifecycle.js';
export { resolvePluginFactory, pluginPackageName, defaultImportModule, createImportModule, resolveInstalledPackage, type ImportModuleOptions, type PluginConfig, type ImportModule, type ProviderFactory } from './load.js';
