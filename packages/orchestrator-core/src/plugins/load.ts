import { PluginError } from '../errors/plugin-error.js';
import { redact } from '../errors/redact.js';
import type { ServiceType } from '../spec/v1/provider.js';

/**
 * One plugin entry of a configuration file: which provider package to import, which factory
 * to call, and the settings to pass it.
 *
 * @example
 * { id: 'github', type: 'git', provider: 'github', config: { token: '${GITHUB_TOKEN}' } }
 * // imports @mosaic/provider-github, calls its create… factory with { token, id: 'github' }
 */
export interface PluginConfig {
  /** Plugin id, unique in the orchestrator; becomes the provider's `id`. */
  id: string;
  /** Service type the provider must serve. */
  type: ServiceType;
  /** Provider name; the default package is `@mosaic/provider-<provider>`. */
  provider: string;
  /** Default true. A disabled plugin is not imported. */
  enabled?: boolean;
  /** Package (or module URL) to import; default `@mosaic/provider-<provider>`. */
  package?: string;
  /**
   * Name of the exported factory. Default: the single export whose name starts with
   * `create` (an error lists the exports when there are none or several).
   */
  factory?: string;
  /** Settings passed to the factory (with `id` set to the plugin id). */
  config?: Record<string, unknown>;
}

/** Imports a module by specifier; default `(specifier) => import(specifier)`. */
export type ImportModule = (specifier: string) => Promise<Record<string, unknown>>;

/** A factory exported by a provider package: takes settings, returns a provider (or a promise of one). */
export type ProviderFactory = (settings: Record<string, unknown>) => unknown;

/** The package a plugin entry names: `package`, else `@mosaic/provider-<provider>`. */
export function pluginPackageName(config: Pick<PluginConfig, 'provider' | 'package'>): string {
  return config.package ?? `@mosaic/provider-${config.provider}`;
}

/** The default {@link ImportModule}: a native dynamic `import()`. */
export const defaultImportModule: ImportModule = (specifier) => import(specifier) as Promise<Record<string, unknown>>;

/**
 * Imports the plugin's package and returns the factory to call.
 *
 * @throws PluginError naming the plugin id and package: the package is not installed
 *   (with the `npm install` command), it failed to import, or it has no (single) factory
 *   (listing the exports found).
 */
export async function resolvePluginFactory(
  config: PluginConfig,
  importModule: ImportModule = defaultImportModule,
): Promise<{ factory: ProviderFactory; factoryName: string; packageName: string }> {
  const packageName = pluginPackageName(config);
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(packageName);
  } catch (error) {
    throw new PluginError({
      pluginId: config.id,
      packageName,
      problems: [importProblem(packageName, error)],
      cause: error,
    });
  }
  if (mod === null || typeof mod !== 'object') {
    throw new PluginError({ pluginId: config.id, packageName, problems: ['the package did not evaluate to a module namespace'] });
  }
  const exportNames = Object.keys(mod).sort();
  const listed = exportNames.length ? exportNames.join(', ') : '(none)';
  if (config.factory !== undefined) {
    const factory = mod[config.factory];
    if (typeof factory !== 'function') {
      throw new PluginError({
        pluginId: config.id,
        packageName,
        problems: [
          factory === undefined
            ? `factory "${config.factory}" is not exported; exports found: ${listed}`
            : `export "${config.factory}" is not a function (got ${typeof factory}); exports found: ${listed}`,
        ],
      });
    }
    return { factory: factory as ProviderFactory, factoryName: config.factory, packageName };
  }
  const candidates = exportNames.filter((name) => name.startsWith('create') && typeof mod[name] === 'function');
  if (candidates.length !== 1) {
    throw new PluginError({
      pluginId: config.id,
      packageName,
      problems: [
        candidates.length === 0
          ? `no factory found (no exported function named create…); exports found: ${listed}; set "factory"`
          : `several factories found (${candidates.join(', ')}); set "factory" to one of them`,
      ],
    });
  }
  const factoryName = candidates[0]!;
  return { factory: mod[factoryName] as ProviderFactory, factoryName, packageName };
}

function importProblem(packageName: string, error: unknown): string {
  const code = error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const notFound = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /cannot find (package|module)/i.test(message);
  if (notFound && message.includes(packageName)) {
    return `package "${packageName}" is not installed (npm install ${packageName})`;
  }
  return `package "${packageName}" failed to import: ${redact(message)}`;
}
