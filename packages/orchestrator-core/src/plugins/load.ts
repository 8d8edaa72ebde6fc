import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** Imports a module by specifier and returns its namespace (e.g. `(specifier) => import(specifier)`). */
export type ImportModule = (specifier: string) => Promise<Record<string, unknown>>;

/** A factory exported by a provider package: takes settings, returns a provider (or a promise of one). */
export type ProviderFactory = (settings: Record<string, unknown>) => unknown;

/** The package a plugin entry names: `package`, else `@mosaic/provider-<provider>`. */
export function pluginPackageName(config: Pick<PluginConfig, 'provider' | 'package'>): string {
  return config.package ?? `@mosaic/provider-${config.provider}`;
}

/** Options of {@link createImportModule}. */
export interface ImportModuleOptions {
  /**
   * Directory whose `node_modules` (and its parents') are searched when the core itself cannot
   * resolve a package. Default `process.cwd()` (the host application).
   */
  resolveFrom?: string;
}

/**
 * Creates an {@link ImportModule}: a native `import(specifier)` from the core; when that fails
 * because the package is not visible from the core's own location (pnpm and other strict
 * layouts install the app's providers where the core cannot see them), the package is looked
 * up in `resolveFrom`'s `node_modules` and its parents', and its `exports` entry (conditions
 * `import`, `node`, `default`; else `module`/`main`) is imported by file URL. Hosts with other
 * layouts pass their own `importModule`, e.g. `(s) => import(s)` written in the app.
 */
export function createImportModule(options: ImportModuleOptions = {}): ImportModule {
  return async (specifier) => {
    try {
      return (await import(specifier)) as Record<string, unknown>;
    } catch (error) {
      const code = error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
      if (code !== 'ERR_MODULE_NOT_FOUND' || !isBareSpecifier(specifier)) throw error;
      const url = await resolveInstalledPackage(specifier, options.resolveFrom ?? process.cwd());
      if (url === undefined) throw error;
      return (await import(url)) as Record<string, unknown>;
    }
  };
}

/** The default {@link ImportModule}: {@link createImportModule} with default options. */
export const defaultImportModule: ImportModule = (specifier) => createImportModule()(specifier);

function isBareSpecifier(specifier: string): boolean {
  return !/^(\.|\/|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(specifier);
}

/**
 * Finds `specifier` (a bare package name, optionally with a subpath) in the `node_modules`
 * folders from `fromDirectory` up, and returns the file URL of its entry; `undefined` when
 * it is not installed there.
 */
export async function resolveInstalledPackage(specifier: string, fromDirectory: string): Promise<string | undefined> {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
  let directory = resolve(fromDirectory);
  for (;;) {
    const packageDirectory = join(directory, 'node_modules', name);
    let manifest: Record<string, unknown> | undefined;
    try {
      manifest = JSON.parse(await readFile(join(packageDirectory, 'package.json'), 'utf8')) as Record<string, unknown>;
    } catch {
      manifest = undefined;
    }
    if (manifest) {
      const entry = packageEntry(manifest, subpath);
      return entry === undefined ? undefined : pathToFileURL(join(packageDirectory, entry)).href;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function packageEntry(manifest: Record<string, unknown>, subpath: string): string | undefined {
  const exportsField = manifest.exports;
  if (exportsField !== undefined && exportsField !== null) {
    const isSubpathMap = typeof exportsField === 'object' && !Array.isArray(exportsField) && Object.keys(exportsField).some((k) => k.startsWith('.'));
    const target = isSubpathMap ? (exportsField as Record<string, unknown>)[subpath] : subpath === '.' ? exportsField : undefined;
    return pickCondition(target);
  }
  if (subpath !== '.') return subpath;
  const main = typeof manifest.module === 'string' ? manifest.module : typeof manifest.main === 'string' ? manifest.main : 'index.js';
  return main;
}

function pickCondition(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const picked = pickCondition(item);
      if (picked !== undefined) return picked;
    }
    return undefined;
  }
  if (target !== null && typeof target === 'object') {
    const conditions = target as Record<string, unknown>;
    for (const condition of ['import', 'node', 'default']) {
      if (condition in conditions) {
        const picked = pickCondition(conditions[condition]);
        if (picked !== undefined) return picked;
      }
    }
  }
  return undefined;
}

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
  // Node names the missing specifier first: "Cannot find package 'x' imported from /…/y.js".
  // When it names another package, the plugin's package is installed but a dependency is not.
  const missing = /cannot find (?:package|module) ['"]([^'"]+)['"]/i.exec(message)?.[1];
  const isThePackage = missing === undefined ? message.includes(packageName) : missing === packageName || missing.startsWith(`${packageName}/`);
  if (notFound && isThePackage) {
    return `package "${packageName}" is not installed (npm install ${packageName})`;
  }
  return `package "${packageName}" failed to import: ${redact(message)}`;
}
