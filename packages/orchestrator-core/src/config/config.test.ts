import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ConfigError } from '../errors/index.js';
import type { PluginConfig as ManagerPluginConfig } from '../plugins/index.js';
import { generateLargeConfig } from './fixtures/generate-large-config.js';
import { defineConfig, loadConfigFile, parseConfig, validateConfig } from './load.js';
import type { MosaicConfig, MosaicConfigInput } from './schema.js';

const hybridEnv = {
  GITHUB_APP_ID: '12345',
  GITHUB_APP_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----fixture',
  GITEA_TOKEN: 'gitea-token-fixture-1',
  GITHUB_TOKEN: 'ghp_fixturefixturefixturefixture0001',
  OPENAI_API_KEY: 'sk-fixturefixturefixture0001',
};

function fixture(name: string): URL {
  return new URL(`./fixtures/valid/${name}`, import.meta.url);
}

function rejection(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('valid configurations', () => {
  it('loads the hybrid Git fixture with interpolation, defaults and units applied, and no warnings', async () => {
    const { config, warnings } = await loadConfigFile(fixture('hybrid-git.yaml'), { env: hybridEnv });
    expect(warnings).toEqual([]);
    const [github, gitea, actions, openai] = config.orchestration.plugins;
    expect(github).toMatchObject({
      id: 'github',
      type: 'git',
      enabled: true,
      package: '@mosaic/provider-github',
      factory: 'createGitHub',
      config: {
        auth: { type: 'app', appId: '12345', privateKey: hybridEnv.GITHUB_APP_PRIVATE_KEY, installationId: '4711' },
        rateLimit: { maxRequests: 5000, windowMs: 3_600_000 },
        timeoutMs: 10_000,
        userAgent: 'mosaic-hybrid-example',
      },
    });
    expect(gitea?.config.baseUrl).toBe('https://git.internal.example.com/api/v1');
    expect(gitea?.config.retry).toEqual({ attempts: 2, backoff: 'linear', initialDelayMs: 200, maxDelayMs: 2000 });
    expect(gitea?.resilience).toEqual({ timeoutMs: 5000, breaker: { threshold: 3 } });
    expect(actions?.package).toBe('@mosaic/provider-github');
    // `enabled: ${OPENAI_ENABLED:-true}` is a whole-value interpolation: coerced to a boolean
    expect(openai?.enabled).toBe(true);
    expect(openai?.config.organization).toBe('org-mosaic');

    const { routing, cache, resilience, tenants } = config.orchestration;
    expect(routing.rules).toHaveLength(4);
    expect(routing.rules[0]).toMatchObject({ pattern: 'org:internal-*', provider: 'gitea', priority: 100 });
    expect(routing.rules[3]?.priority).toBe(10);
    expect(routing.loadBalancing).toEqual({ strategy: 'round-robin', weights: { github: 3, gitea: 1 }, healthCheck: { interval: 30_000, timeout: 5_000 } });
    expect(resilience.breaker).toEqual({ mode: 'count', threshold: 5, failureRate: 0.5, minimumRequests: 10, windowMs: 30_000, halfOpenAfterMs: 10_000 });
    expect(cache).toMatchObject({ provider: 'redis', url: 'redis://127.0.0.1:6379', staleIfError: 300, staleWhileRevalidate: 10 });
    expect(cache.operations).toEqual({ 'git.getRepository': { ttl: 300, staleWhileRevalidate: 30, staleIfError: 600 }, 'git.listBranches': { ttl: 30 } });
    expect(tenants.acme).toMatchObject({ plugins: ['github', 'gitea'], default: 'github', budgets: { github: { requestsPerHour: 1000 } } });
    expect(tenants.acme?.rules[0]?.priority).toBe(10);
    expect(tenants.globex?.rules).toEqual([]);
  });

  it('fills every default for a minimal JSON file', async () => {
    const { config, warnings } = await loadConfigFile(fixture('minimal.json'), { env: { GITLAB_TOKEN: 'glpat-fixture-0000000001' } });
    expect(warnings).toEqual([]);
    expect(config.orchestration.plugins[0]).toEqual({
      id: 'gitlab',
      type: 'git',
      provider: 'gitlab',
      enabled: true,
      package: '@mosaic/provider-gitlab',
      config: { auth: { type: 'token', token: 'glpat-fixture-0000000001' } },
    });
    expect(config.orchestration.routing).toEqual({
      rules: [],
      default: 'gitlab',
      fallbacks: [],
      loadBalancing: { strategy: 'round-robin', healthCheck: { interval: 30_000, timeout: 5_000 } },
    });
    expect(config.orchestration.resilience).toEqual({
      timeoutMs: 10_000,
      retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5_000, maxRetryAfterMs: 30_000, backoff: 'exponential' },
      breaker: { mode: 'consecutive', threshold: 5, failureRate: 0.5, minimumRequests: 10, windowMs: 30_000, halfOpenAfterMs: 10_000 },
      bulkhead: { maxConcurrent: 50, maxQueue: 0 },
    });
    expect(config.orchestration.cache).toEqual({
      enabled: true,
      provider: 'memory',
      ttl: 60,
      maxSize: 10_000,
      timeoutMs: 50,
      staleWhileRevalidate: 0,
      staleIfError: 0,
      operations: {},
    });
    expect(config.orchestration.tenants).toEqual({});
  });

  it('reads YAML merge keys, and warns about the unknown top-level anchor holder', async () => {
    const { config, warnings } = await loadConfigFile(fixture('merge-keys.yaml'), { env: {} });
    expect(config.orchestration.plugins.map((p) => [p.id, p.provider, p.enabled, p.config.auth?.token])).toEqual([
      ['gitea-eu', 'gitea', true, 'dev-token-for-tests'],
      ['gitea-us', 'gitea', false, 'dev-token-for-tests'],
    ]);
    expect(warnings).toEqual(['x-gitea: unknown key, ignored (line 3, column 3)']);
  });

  it('accepts an empty orchestration section', () => {
    const { config, warnings } = validateConfig({ orchestration: {} }, { env: {} });
    expect(config.orchestration.plugins).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('validates the generated 200-rule configuration', () => {
    const { config, warnings } = parseConfig(generateLargeConfig(200), { env: {} });
    expect(warnings).toEqual([]);
    expect(config.orchestration.routing.rules).toHaveLength(200);
    expect(config.orchestration.routing.rules[3]?.conditions).toEqual({ 'user.region': { $in: ['EU', 'UK'] }, 'tags.team': 't3' });
  });

  it('reads JSON text with format json, and JSON text as YAML by default', () => {
    const text = JSON.stringify({ orchestration: { plugins: [{ id: 'gitea', type: 'git', provider: 'gitea' }], routing: { default: 'gitea' } } });
    const asJson = parseConfig(text, { format: 'json', env: {} });
    const asYaml = parseConfig(text, { env: {} });
    expect(asJson.config).toEqual(asYaml.config);
    expect(asJson.config.orchestration.plugins[0]?.id).toBe('gitea');
  });

  it('lets rules name providers registered in code', () => {
    const doc = { orchestration: { routing: { default: 'github', rules: [{ pattern: 'org:x-*', provider: 'github' }] } } };
    expect(rejection(() => validateConfig(doc, { env: {} })).issues.map((i) => i.path)).toEqual([
      'orchestration.routing.default',
      'orchestration.routing.rules[0].provider',
    ]);
    const { config } = validateConfig(doc, { env: {}, providers: [{ id: 'github', serviceType: 'git' }] });
    expect(config.orchestration.routing.default).toBe('github');
  });

  it('rejects a config plugin that reuses the id of a provider registered in code', () => {
    const doc = { orchestration: { plugins: [{ id: 'github', type: 'git', provider: 'github' }], routing: { default: 'github' } } };
    const error = rejection(() => validateConfig(doc, { env: {}, providers: [{ id: 'github', serviceType: 'git' }] }));
    expect(error.issues).toEqual([{ path: 'orchestration.plugins[0].id', message: 'duplicate id "github" (also registered in code)' }]);
  });
});

describe('defineConfig (code-first)', () => {
  it('returns its argument, typed, and validates to the same result as the YAML file', async () => {
    const code = defineConfig({
      orchestration: {
        plugins: [{ id: 'gitlab', type: 'git', provider: 'gitlab', config: { auth: { type: 'token', token: '${GITLAB_TOKEN}' } } }],
        routing: { default: 'gitlab', loadBalancing: { healthCheck: { interval: '30s' } } },
      },
    });
    expectTypeOf(code).toExtend<MosaicConfigInput>();
    expect(defineConfig(code)).toBe(code);
    const env = { GITLAB_TOKEN: 'glpat-fixture-0000000001' };
    const fromCode = validateConfig(code, { env });
    const fromFile = await loadConfigFile(fixture('minimal.json'), { env });
    expect(fromCode.config).toEqual(fromFile.config);
    expectTypeOf(fromCode.config).toEqualTypeOf<MosaicConfig>();
  });

  it('gives validated plugin entries the shape the plugin manager loads', () => {
    const { config } = validateConfig({ orchestration: { plugins: [{ id: 'gitea', type: 'git', provider: 'gitea' }], routing: { default: 'gitea' } } }, { env: {} });
    const entry: ManagerPluginConfig | undefined = config.orchestration.plugins[0];
    expect(entry?.package).toBe('@mosaic/provider-gitea');
  });

  it('does not mutate its input (interpolation works on a copy)', () => {
    const doc = { orchestration: { plugins: [{ id: 'gitea', type: 'git', provider: 'gitea', config: { baseUrl: '${URL}' } }], routing: { default: 'gitea' } } };
    const before = structuredClone(doc);
    validateConfig(doc, { env: { URL: 'https://gitea.example.com' } });
    expect(doc).toEqual(before);
  });
});

describe('errors', () => {
  it('lists every problem of a file in one ConfigError, in document order, with YAML positions', () => {
    const text = [
      'orchestration:',
      '  plugins:',
      '    - id: github',
      '      type: gti',
      '      provider: github',
      '  routing:',
      '    default: github',
      '    rules:',
      '      - { pattern: "org:a-*", provider: github, priority: 1 }',
      '      - { pattern: "org:b-*", provider: github, priority: 2 }',
      '      - { pattern: "org:c-*", provider: github, priority: high }',
      '  cache: { provider: redis }',
    ].join('\n');
    const error = rejection(() => parseConfig(text, { env: {}, source: 'mosaic.yaml' }));
    expect(error.source).toBe('mosaic.yaml');
    expect(error.issues).toEqual([
      { path: 'orchestration.plugins[0].type', message: 'expected one of git|cicd|docs|project|ai|workflow, got "gti" (did you mean "git"?) (line 4, column 13)' },
      { path: 'orchestration.routing.rules[2].priority', message: 'expected number, got "high" (line 11, column 59)' },
      { path: 'orchestration.cache.url', message: 'required when cache provider is "redis" (line 12, column 10)' },
    ]);
    expect(error.message.split('\n')).toEqual([
      'Invalid configuration in mosaic.yaml (3 problems)',
      '  orchestration.plugins[0].type: expected one of git|cicd|docs|project|ai|workflow, got "gti" (did you mean "git"?) (line 4, column 13)',
      '  orchestration.routing.rules[2].priority: expected number, got "high" (line 11, column 59)',
      '  orchestration.cache.url: required when cache provider is "redis" (line 12, column 10)',
    ]);
  });

  it('reports a missing file as a ConfigError naming the file', async () => {
    const error = await loadConfigFile('/nonexistent/mosaic.yaml', { env: {} }).catch((e: unknown) => e);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).source).toBe('/nonexistent/mosaic.yaml');
    expect((error as ConfigError).issues).toEqual([{ path: '', message: 'file not found' }]);
  });

  it('stops reading when the signal is aborted', async () => {
    const error = await loadConfigFile(fixture('minimal.json'), { env: {}, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
  });

  it('rejects an empty document', () => {
    expect(rejection(() => parseConfig('', { env: {} })).issues).toEqual([{ path: '', message: 'expected an object with the key "orchestration", got null' }]);
  });

  it('rejects several YAML documents in one file', () => {
    const error = rejection(() => parseConfig('orchestration: {}\n---\norchestration: {}\n', { env: {} }));
    expect(error.issues[0]?.path).toBe('line 2, column 1');
    expect(error.issues[0]?.message).toMatch(/multiple documents/i);
  });

  it('refuses alias bombs', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    expect(() => parseConfig(`${lines.join('\n')}\norchestration: {}\n`, { env: {} })).toThrow(/alias/i);
  });
});

describe('whole-file JSON fixtures stay readable', () => {
  it('minimal.json is plain JSON', () => {
    expect(() => JSON.parse(readFileSync(fixture('minimal.json'), 'utf8'))).not.toThrow();
  });
});

describe('cache.url from an unset variable', () => {
  it('treats `${REDIS_URL:-}` with REDIS_URL unset as no URL (memory cache stays valid)', () => {
    const text = 'orchestration:\n  cache:\n    provider: memory\n    url: "${REDIS_URL:-}"\n';
    const { config } = parseConfig(text, { format: 'yaml', env: {} });
    expect(config.orchestration.cache.url).toBeUndefined();
    expect(() => parseConfig(text.replace('memory', 'redis'), { format: 'yaml', env: {} })).toThrow(/url/);
  });
});
