import { describe, expectTypeOf, it } from 'vitest';
import { defineConfig } from './load.js';
import type { MosaicConfig, PluginConfig, RuleConfig } from './schema.js';

describe('defineConfig types', () => {
  it('accepts the file shape, with durations as numbers or strings and vendor keys under config', () => {
    const config = defineConfig({
      orchestration: {
        plugins: [{ id: 'github', type: 'git', provider: 'github', config: { timeoutMs: '10s', auth: { type: 'token', token: '${GITHUB_TOKEN}' }, userAgent: 'x' } }],
        routing: { default: 'github', rules: [{ pattern: 'org:x-*', provider: 'github', conditions: { 'user.region': { $in: ['EU'] } } }], loadBalancing: { healthCheck: { interval: 30_000, timeout: '5s' } } },
        cache: { provider: 'redis', url: 'redis://127.0.0.1:6390', ttl: '5m' },
      },
    });
    expectTypeOf(config.orchestration.plugins[0].id).toEqualTypeOf<'github'>();
  });

  it('rejects unknown service types, strategies and wrongly typed values', () => {
    // @ts-expect-error 'gti' is not a service type
    defineConfig({ orchestration: { plugins: [{ id: 'a', type: 'gti', provider: 'github' }] } });
    // @ts-expect-error 'random' is not a strategy
    defineConfig({ orchestration: { routing: { loadBalancing: { strategy: 'random' } } } });
    // @ts-expect-error priority is a number
    defineConfig({ orchestration: { routing: { rules: [{ pattern: 'org:a', provider: 'a', priority: 'high' }] } } });
    // @ts-expect-error auth.type is token|oauth|app|basic
    defineConfig({ orchestration: { plugins: [{ id: 'a', type: 'git', provider: 'github', config: { auth: { type: 'bearer' } } }] } });
  });

  it('gives validated configs numbers for durations and filled defaults', () => {
    expectTypeOf<MosaicConfig['orchestration']['routing']['loadBalancing']['healthCheck']['interval']>().toEqualTypeOf<number>();
    expectTypeOf<PluginConfig['package']>().toEqualTypeOf<string>();
    expectTypeOf<PluginConfig['enabled']>().toEqualTypeOf<boolean>();
    expectTypeOf<RuleConfig['priority']>().toEqualTypeOf<number>();
  });
});
