import { describe, expect, it, vi } from 'vitest';
import { PluginError } from '../errors/plugin-error.js';
import { createEventBus } from '../events/bus.js';
import type { MosaicEvents } from '../events/types.js';
import { createFakeGitProvider } from './fixtures/fake-git-provider.js';
import * as fixtureModule from './fixtures/fake-plugin-module.js';
import type { ImportModule, PluginConfig } from './load.js';
import { createPluginManager } from './manager.js';

const CANARY = 'glpat-' + 'A'.repeat(20);

async function rejection(promise: Promise<unknown>): Promise<PluginError> {
  try {
    await promise;
  } catch (error) {
    if (PluginError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

function setup(modules: Record<string, Record<string, unknown>>) {
  const events = createEventBus();
  const states: Array<MosaicEvents['plugin:state']> = [];
  events.on('plugin:state', (e) => {
    states.push(e);
  });
  const importModule = vi.fn<ImportModule>(async (specifier) => {
    const mod = modules[specifier];
    if (!mod) {
      throw Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), { code: 'ERR_MODULE_NOT_FOUND' });
    }
    return mod;
  });
  const plugins = createPluginManager({ events, importModule });
  return { plugins, importModule, states };
}

const gitPlugin = (over: Partial<PluginConfig> = {}): PluginConfig => ({ id: 'fake-1', type: 'git', provider: 'fake', ...over });

describe('loadFromConfig', () => {
  it('imports @mosaic/provider-<provider>, calls its single create… factory with { ...config, id } and loads the provider', async () => {
    const createFakeGit = vi.fn(fixtureModule.createFakeGit);
    const { plugins, importModule, states } = setup({ '@mosaic/provider-fake': { VERSION: '1', createFakeGit } });
    const provider = await plugins.loadFromConfig(gitPlugin({ config: { vendor: 'acme', id: 'ignored' } }));
    expect(importModule).toHaveBeenCalledExactlyOnceWith('@mosaic/provider-fake');
    expect(createFakeGit).toHaveBeenCalledExactlyOnceWith({ vendor: 'acme', id: 'fake-1' });
    expect(provider?.id).toBe('fake-1');
    expect(provider?.vendor).toBe('acme');
    expect(plugins.get('fake-1')).toBe(provider);
    expect(plugins.state('fake-1')).toBe('loaded');
    expect(plugins.describe()[0]).toMatchObject({ id: 'fake-1', source: 'config', packageName: '@mosaic/provider-fake', state: 'loaded' });
    expect(states).toEqual([{ pluginId: 'fake-1', from: 'discovered', to: 'loaded' }]);
  });

  it('uses the named package and factory', async () => {
    const { plugins, importModule } = setup({
      'acme-mosaic-git': { createA: () => null, createB: (s: { id: string }) => createFakeGitProvider({ id: s.id }) },
    });
    await plugins.loadFromConfig(gitPlugin({ package: 'acme-mosaic-git', factory: 'createB' }));
    expect(importModule).toHaveBeenCalledWith('acme-mosaic-git');
    expect(plugins.state('fake-1')).toBe('loaded');
  });

  it('accepts an async factory', async () => {
    const { plugins } = setup({ '@mosaic/provider-fake': { createFake: async (s: { id: string }) => createFakeGitProvider({ id: s.id }) } });
    await expect(plugins.loadFromConfig(gitPlugin())).resolves.toMatchObject({ id: 'fake-1' });
  });

  it('does not import a disabled plugin', async () => {
    const { plugins, importModule } = setup({});
    await expect(plugins.loadFromConfig(gitPlugin({ enabled: false }))).resolves.toBeUndefined();
    expect(importModule).not.toHaveBeenCalled();
    expect(plugins.list()).toEqual([]);
  });

  it('names the plugin, the package and the install command when the package is missing', async () => {
    const { plugins, states } = setup({});
    const error = await rejection(plugins.loadFromConfig(gitPlugin({ provider: 'gitea' })));
    expect(error.pluginId).toBe('fake-1');
    expect(error.packageName).toBe('@mosaic/provider-gitea');
    expect(error.problems).toEqual(['package "@mosaic/provider-gitea" is not installed (npm install @mosaic/provider-gitea)']);
    expect(error.message).toContain('Plugin "fake-1" (@mosaic/provider-gitea)');
    expect(states).toEqual([{ pluginId: 'fake-1', from: 'discovered', to: 'failed', error: error.problems[0] }]);
    expect(plugins.state('fake-1')).toBeUndefined();
  });

  it('tells a missing dependency of an installed package apart from a missing package', async () => {
    const { plugins } = setup({});
    const importModule: ImportModule = async () => {
      throw Object.assign(new Error("Cannot find package 'octokit' imported from /node_modules/@mosaic/provider-github/dist/index.js"), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    };
    const manager = createPluginManager({ importModule });
    const error = await rejection(manager.loadFromConfig(gitPlugin({ provider: 'github' })));
    expect(error.problems[0]).toMatch(/^package "@mosaic\/provider-github" failed to import: Cannot find package 'octokit'/);
    expect(plugins.list()).toEqual([]);
  });

  it('reports a missing package with a real import()', async () => {
    const plugins = createPluginManager();
    const error = await rejection(plugins.loadFromConfig(gitPlugin({ provider: 'surely-not-installed-4711' })));
    expect(error.problems).toEqual([
      'package "@mosaic/provider-surely-not-installed-4711" is not installed (npm install @mosaic/provider-surely-not-installed-4711)',
    ]);
  });

  it('lists the exports when there is no factory, or several', async () => {
    const { plugins } = setup({
      '@mosaic/provider-none': { VERSION: '1', helper: () => null },
      '@mosaic/provider-many': { createGit: () => null, createCicd: () => null, VERSION: '1' },
      '@mosaic/provider-named': { VERSION: '1', createGit: () => null },
    });
    const none = await rejection(plugins.loadFromConfig(gitPlugin({ provider: 'none' })));
    expect(none.problems).toEqual(['no factory found (no exported function named create…); exports found: VERSION, helper; set "factory"']);
    const many = await rejection(plugins.loadFromConfig(gitPlugin({ provider: 'many' })));
    expect(many.problems).toEqual(['several factories found (createCicd, createGit); set "factory" to one of them']);
    const named = await rejection(plugins.loadFromConfig(gitPlugin({ provider: 'named', factory: 'createGitHub' })));
    expect(named.problems).toEqual(['factory "createGitHub" is not exported; exports found: VERSION, createGit']);
    const notFn = await rejection(plugins.loadFromConfig(gitPlugin({ provider: 'named', factory: 'VERSION' })));
    expect(notFn.problems).toEqual(['export "VERSION" is not a function (got string); exports found: VERSION, createGit']);
  });

  it('wraps a throwing factory and redacts its message', async () => {
    const { plugins } = setup({
      '@mosaic/provider-fake': {
        createFake: () => {
          throw new Error(`bad token ${CANARY}`);
        },
      },
    });
    const error = await rejection(plugins.loadFromConfig(gitPlugin()));
    expect(error.problems).toEqual(['factory createFake() threw: bad token [REDACTED]']);
    expect(JSON.stringify(error.toJSON())).not.toContain(CANARY);
  });

  it('validates what the factory returns, including id and service type', async () => {
    const { plugins } = setup({
      '@mosaic/provider-fake': { createFake: () => createFakeGitProvider({ id: 'other' }) },
      '@mosaic/provider-junk': { createJunk: () => ({ specificationVersion: 'v1' }) },
    });
    const mismatch = await rejection(plugins.loadFromConfig(gitPlugin({ type: 'cicd' })));
    expect(mismatch.problems).toEqual([
      'factory createFake() returned a provider with id "other", expected the plugin id "fake-1"',
      'provider serves "git" but the plugin is configured as type "cicd"',
    ]);
    const junk = await rejection(plugins.loadFromConfig(gitPlugin({ provider: 'junk' })));
    expect(junk.problems).toContain('healthCheck must be a function');
    expect(plugins.list()).toEqual([]);
  });

  it('refuses an id that is already registered', async () => {
    const { plugins, importModule } = setup({});
    plugins.register(createFakeGitProvider({ id: 'fake-1' }));
    const error = await rejection(plugins.loadFromConfig(gitPlugin()));
    expect(error.problems).toEqual(['id "fake-1" is already registered (ids must be unique)']);
    expect(importModule).not.toHaveBeenCalled();
  });

  it('loads a real module file with the default import()', async () => {
    const plugins = createPluginManager();
    const url = new URL('./fixtures/fake-plugin-module.ts', import.meta.url).href;
    const provider = await plugins.loadFromConfig({ id: 'from-file', type: 'git', provider: 'fixture', package: url });
    expect(provider).toMatchObject({ id: 'from-file', vendor: 'fixture', serviceType: 'git', specificationVersion: 'v1' });
    await plugins.start('from-file');
    expect(plugins.state('from-file')).toBe('running');
    await expect(plugins.run('from-file', (p) => p.healthCheck(AbortSignal.timeout(1000)))).resolves.toMatchObject({ status: 'healthy' });
    await plugins.disposeAll();
  });
});

describe('createImportModule (packages the core cannot see)', () => {
  it('finds an installed package in the host directory and imports its exports entry', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { createImportModule, resolveInstalledPackage } = await import('./load.js');
    const root = await mkdtemp(join(tmpdir(), 'mosaic-plugins-'));
    try {
      const pkg = join(root, 'node_modules', '@acme', 'mosaic-tiny');
      await mkdir(join(pkg, 'dist'), { recursive: true });
      await writeFile(
        join(pkg, 'package.json'),
        JSON.stringify({ name: '@acme/mosaic-tiny', type: 'module', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } } }),
      );
      await writeFile(
        join(pkg, 'dist', 'index.js'),
        `export function createTiny(settings) {
  return { specificationVersion: 'v1', id: settings.id, vendor: 'tiny', serviceType: 'git', capabilities: { operations: [] },
    async healthCheck() { return { status: 'healthy', latencyMs: 0, checkedAt: 0 }; } };
}\n`,
      );
      const nested = join(root, 'apps', 'web');
      await mkdir(nested, { recursive: true });
      expect(await resolveInstalledPackage('@acme/mosaic-tiny', nested)).toBe(new URL(`file://${join(pkg, 'dist', 'index.js')}`).href);
      expect(await resolveInstalledPackage('@acme/not-there', nested)).toBeUndefined();

      const plugins = createPluginManager({ importModule: createImportModule({ resolveFrom: nested }) });
      const provider = await plugins.loadFromConfig({ id: 'tiny', type: 'git', provider: 'tiny', package: '@acme/mosaic-tiny' });
      expect(provider).toMatchObject({ id: 'tiny', vendor: 'tiny' });

      const error = await rejection(
        createPluginManager({ importModule: createImportModule({ resolveFrom: nested }) }).loadFromConfig({ id: 'x', type: 'git', provider: 'absent' }),
      );
      expect(error.problems).toEqual(['package "@mosaic/provider-absent" is not installed (npm install @mosaic/provider-absent)']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('createFromConfig + replace (hot reload of a plugin whose settings changed)', () => {
  it('builds a validated instance without registering it, then replace swaps it in', async () => {
    const { plugins, states } = setup({ '@mosaic/provider-fake': { createFakeGit: fixtureModule.createFakeGit } });
    const first = await plugins.loadFromConfig(gitPlugin({ config: { vendor: 'v1-settings' } }));
    await plugins.start('fake-1');
    const before = states.length;
    const next = await plugins.createFromConfig(gitPlugin({ config: { vendor: 'v2-settings' } }));
    expect(states.length).toBe(before);
    expect(plugins.get('fake-1')).toBe(first);
    expect(next.vendor).toBe('v2-settings');
    await plugins.replace('fake-1', next);
    expect(plugins.get('fake-1')).toBe(next);
    const wrongType = await rejection(plugins.createFromConfig(gitPlugin({ type: 'docs' })));
    expect(wrongType.problems).toEqual(['provider serves "git" but the plugin is configured as type "docs"']);
    expect(states.length).toBe(before + 2); // running>updating, updating>running only
  });
});
