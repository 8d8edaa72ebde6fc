import { describe, expect, it } from 'vitest';
import { parseConfig, validateConfig } from './load.js';

const plugins = [
  { id: 'github', type: 'git', provider: 'github' },
  { id: 'gitea', type: 'git', provider: 'gitea' },
];

function warningsOf(orchestration: Record<string, unknown>): string[] {
  return validateConfig({ orchestration }, { env: {} }).warnings;
}

describe('warnings', () => {
  it('names unknown keys with their path and a suggestion', () => {
    expect(warningsOf({ plugins, routing: { default: 'github' }, cache: { tll: 30 } })).toEqual(['orchestration.cache.tll: unknown key (did you mean "ttl"?)']);
  });

  it('names unknown keys without a near match as ignored, at any depth', () => {
    expect(
      warningsOf({
        plugins: [{ ...plugins[0], colour: 'blue' }],
        routing: { default: 'github', rules: [{ pattern: 'org:a', provider: 'github', descripton: 'x' }] },
        extra: true,
      }),
    ).toEqual([
      'orchestration.plugins[0].colour: unknown key, ignored',
      'orchestration.routing.rules[0].descripton: unknown key, ignored',
      'orchestration.extra: unknown key, ignored',
    ]);
  });

  it('passes vendor keys under plugins[].config through silently, but flags near-misses of known settings', () => {
    const { config, warnings } = validateConfig(
      { orchestration: { plugins: [{ ...plugins[0], config: { owner: 'acme', previews: ['x'], baseURL: 'https://ghe.example.com' } }], routing: { default: 'github' } } },
      { env: {} },
    );
    expect(config.orchestration.plugins[0]?.config).toEqual({ owner: 'acme', previews: ['x'], baseURL: 'https://ghe.example.com' });
    expect(warnings).toEqual(['orchestration.plugins[0].config.baseURL: passed to the provider as a vendor setting; did you mean "baseUrl"?']);
  });

  it('does not warn about keys inside free-form sections (conditions, budgets, weights, costs)', () => {
    expect(
      warningsOf({
        plugins,
        routing: {
          default: 'github',
          rules: [{ pattern: 'org:a', providers: ['github', 'gitea'], strategy: 'weighted', conditions: { 'anything.here': 1 } }],
          loadBalancing: { weights: { github: 2, gitea: 1 } },
          costs: { github: { '*': 1 } },
        },
        tenants: { acme: { budgets: { whatever: { nested: true } } } },
      }),
    ).toEqual([]);
  });

  it('adds the line and column for YAML files', () => {
    const { warnings } = parseConfig('orchestration:\n  cache:\n    tll: 30\n', { env: {} });
    expect(warnings).toEqual(['orchestration.cache.tll: unknown key (did you mean "ttl"?) (line 3, column 10)']);
  });

  it('flags a pattern key that looks like a misspelt prefix', () => {
    expect(warningsOf({ plugins, routing: { default: 'github', rules: [{ pattern: 'rpo:*/legacy-*', provider: 'gitea' }] } })).toEqual([
      'orchestration.routing.rules[0].pattern: pattern "rpo:*/legacy-*" is read as the input attribute "rpo"; did you mean "repo:"?',
    ]);
  });

  it('flags settings that have no effect', () => {
    expect(
      warningsOf({
        plugins,
        routing: { default: 'github', fallbacks: ['gitea', 'gitea', 'github'], loadBalancing: { weights: { github: 3 } }, rules: [{ pattern: 'org:a', provider: 'gitea', strategy: 'weighted' }] },
        cache: { url: 'redis://127.0.0.1:6379' },
      }),
    ).toEqual([
      'orchestration.routing.fallbacks[1]: "gitea" is listed twice',
      'orchestration.routing.fallbacks[2]: "github" is also the default; as a fallback it adds nothing',
      'orchestration.routing.rules[0].strategy: has no effect with a single provider',
      'orchestration.cache.url: ignored: cache provider is "memory"',
    ]);
  });

  it('flags weights that no strategy reads', () => {
    expect(warningsOf({ plugins, routing: { default: 'github', loadBalancing: { weights: { github: 3 } } } })).toEqual([
      'orchestration.routing.loadBalancing.weights: ignored: no rule and not loadBalancing.strategy uses the "weighted" strategy',
    ]);
  });

  it('flags the cost strategy without costs', () => {
    expect(warningsOf({ plugins, routing: { default: 'github', loadBalancing: { strategy: 'cost' } } })).toEqual([
      'orchestration.routing.costs: the "cost" strategy is used but no costs are configured; every provider costs 0',
    ]);
  });

  it('flags service types the default does not cover', () => {
    expect(warningsOf({ plugins: [...plugins, { id: 'openai', type: 'ai', provider: 'openai' }], routing: { default: 'github' } })).toEqual([
      'orchestration.routing.default: no default provider for ai operations (plugins of that type: openai); ai calls that match no rule will fail',
    ]);
  });

  it('flags disabled plugins in fallbacks and in provider lists that still have enabled members', () => {
    expect(
      warningsOf({
        plugins: [plugins[0], { ...plugins[1], enabled: false }],
        routing: { default: 'github', fallbacks: ['gitea'], rules: [{ pattern: 'org:a', providers: ['github', 'gitea'] }] },
      }),
    ).toEqual([
      'orchestration.routing.fallbacks[0]: plugin "gitea" is disabled (plugins[1].enabled is false); it is skipped',
      'orchestration.routing.rules[0].providers[1]: plugin "gitea" is disabled (plugins[1].enabled is false); the rule uses the others',
    ]);
  });

  it('flags duplicated rules', () => {
    expect(
      warningsOf({ plugins, routing: { default: 'github', rules: [{ pattern: 'org:a-*', provider: 'gitea' }, { pattern: 'org:a-*', provider: 'github' }] } }),
    ).toEqual(['orchestration.routing.rules[1]: same pattern, conditions and priority as rules[0]; only one of them can win']);
  });

  it('flags insecure transport settings', () => {
    expect(
      warningsOf({
        plugins: [
          { id: 'gitea', type: 'git', provider: 'gitea', config: { baseUrl: 'http://gitea.internal:3000/api/v1', auth: { type: 'token', token: 'literal-token-1' } } },
          { id: 'local', type: 'git', provider: 'gitea', config: { baseUrl: 'http://localhost:3000/api/v1', auth: { type: 'token', token: 'literal-token-2' }, ssl: { verify: false } } },
        ],
        routing: { default: 'gitea' },
      }),
    ).toEqual([
      'orchestration.plugins[0].config.baseUrl: credentials will be sent over plain http to gitea.internal:3000; use https',
      'orchestration.plugins[1].config.ssl.verify: TLS certificate verification is disabled for plugin "local"',
    ]);
  });

  it('flags auth fields the auth type does not use', () => {
    expect(
      warningsOf({ plugins: [{ ...plugins[0], config: { auth: { type: 'token', token: 'literal-token-3', username: 'bot' } } }], routing: { default: 'github' } }),
    ).toEqual(['orchestration.plugins[0].config.auth.username: ignored with auth type "token"']);
  });

  it('flags a tenant whose plugins exclude the global default', () => {
    expect(warningsOf({ plugins, routing: { default: 'github' }, tenants: { acme: { plugins: ['gitea'] } } })).toEqual([
      'orchestration.tenants.acme: has no default, and the global default (github) is not among its plugins',
    ]);
  });
});
