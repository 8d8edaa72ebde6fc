import { describe, expect, it } from 'vitest';
import { NoSuchProviderError } from '../errors/index.js';
import { validateConfig } from './load.js';
import { resolveResilience } from './resolve.js';

describe('resolveResilience', () => {
  const { config, warnings } = validateConfig(
    {
      orchestration: {
        plugins: [
          { id: 'plain', type: 'git', provider: 'github' },
          { id: 'vendor', type: 'git', provider: 'gitea', config: { timeoutMs: '3s', retry: { attempts: 0, backoff: 'constant', initialDelayMs: 50 } } },
          {
            id: 'both',
            type: 'git',
            provider: 'gitlab',
            config: { retry: { attempts: 4 }, timeoutMs: 2000 },
            resilience: { timeoutMs: '7s', retry: { maxAttempts: 2 }, breaker: { threshold: 9 }, bulkhead: { maxQueue: 5 } },
          },
        ],
        routing: { default: ['plain'] },
        resilience: { timeoutMs: '12s', retry: { maxDelayMs: '8s' } },
      },
    },
    { env: {} },
  );

  it('gives a plugin without settings the global defaults', () => {
    expect(resolveResilience(config, 'plain')).toEqual(config.orchestration.resilience);
    expect(config.orchestration.resilience.timeoutMs).toBe(12_000);
  });

  it('applies config.timeoutMs and config.retry (attempts = total attempts; 0 means no retry)', () => {
    const r = resolveResilience(config, 'vendor');
    expect(r.timeoutMs).toBe(3000);
    expect(r.retry).toEqual({ maxAttempts: 1, initialDelayMs: 50, maxDelayMs: 8000, maxRetryAfterMs: 30_000, backoff: 'constant' });
  });

  it('lets the plugin resilience section win field by field, and warns about the shadowed settings', () => {
    const r = resolveResilience(config, 'both');
    expect(r.timeoutMs).toBe(7000);
    expect(r.retry.maxAttempts).toBe(2);
    expect(r.retry.backoff).toBe('exponential');
    expect(r.breaker).toEqual({ ...config.orchestration.resilience.breaker, threshold: 9 });
    expect(r.bulkhead).toEqual({ maxConcurrent: 50, maxQueue: 5 });
    expect(warnings).toEqual([
      'orchestration.plugins[2].config.retry: overridden by resilience.retry of the same plugin',
      'orchestration.plugins[2].config.timeoutMs: overridden by resilience.timeoutMs of the same plugin',
    ]);
  });

  it('throws NoSuchProviderError for an unknown plugin', () => {
    expect(() => resolveResilience(config, 'nope')).toThrow(NoSuchProviderError);
  });
});
