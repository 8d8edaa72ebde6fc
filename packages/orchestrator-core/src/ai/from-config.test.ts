import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load.js';
import { ConfigError } from '../errors/config-error.js';
import { BudgetExceededError } from '../errors/budget-exceeded-error.js';
import { createOrchestrator } from '../orchestrator/orchestrator.js';
import { aiOptionsFromConfig } from './from-config.js';
import { designProviders } from './fixtures/fake-ai-provider.js';

const yaml = `
orchestration:
  ai:
    prices:
      "openai:gpt-4o-mini": { inputPerMillionUsd: 1, outputPerMillionUsd: 2 }
    budgets:
      tenants:
        acme: { maxTokens: 50, window: 1h }
    streamFailover: { continueOnFallback: true }
`;

describe('orchestration.ai in configuration', () => {
  it('maps prices, budgets (window in ms) and stream failover', () => {
    const { config, warnings } = parseConfig(yaml);
    expect(warnings).toEqual([]);
    expect(aiOptionsFromConfig(config.orchestration.ai)).toMatchObject({
      prices: { 'openai:gpt-4o-mini': { inputPerMillionUsd: 1, outputPerMillionUsd: 2 } },
      budgets: { tenants: { acme: { maxTokens: 50, windowMs: 3_600_000 } }, onStoreError: 'deny' },
      streamFailover: { continueOnFallback: true },
      cache: 'deterministic',
    });
  });

  it('reports typos and a redis store without url', () => {
    expect(parseConfig(`${yaml}    cach: off\n`).warnings.join('\n')).toMatch(/orchestration\.ai\.cach: unknown key \(did you mean "cache"\?\)/);
    expect(() => parseConfig('orchestration:\n  ai:\n    budgets: { store: redis }\n')).toThrow(ConfigError);
  });

  it('a configured orchestrator applies the prices and budgets', async () => {
    const p = designProviders();
    const { config } = parseConfig(yaml);
    const o = await createOrchestrator({ config, providers: [p.openai.provider, p.anthropic.provider], routing: { default: ['openai', 'anthropic'], loadBalancing: { strategy: 'cost' } }, healthCheck: { intervalMs: 0 } });
    const r = await o.ai.chat({ messages: [{ role: 'user', content: 'hi' }] });
    expect(r.costUsd).toBeCloseTo((100 * 1 + 20 * 2) / 1e6, 12);
    await expect(o.ai.chat({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 100 }, { tenant: 'acme' })).rejects.toBeInstanceOf(BudgetExceededError);
    expect(p.openai.calls).toHaveLength(1);
    await o.close();
  });
});
