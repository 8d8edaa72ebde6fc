import { NoSuchProviderError } from '../errors/index.js';
import type { MosaicConfig, ResilienceConfig } from './schema.js';

/**
 * The resilience settings one plugin runs with: `orchestration.resilience`, overridden by the
 * plugin's `config.timeoutMs` and `config.retry` (`attempts` = total attempts including the first,
 * so `maxAttempts = max(1, attempts)`; `backoff`, `initialDelayMs`, `maxDelayMs` as given), overridden
 * in turn by the plugin's `resilience` section (field by field). All durations in ms.
 *
 * @throws NoSuchProviderError when `pluginId` is not a plugin of `config`.
 */
export function resolveResilience(config: MosaicConfig, pluginId: string): ResilienceConfig {
  const plugin = config.orchestration.plugins.find((p) => p.id === pluginId);
  if (!plugin) throw new NoSuchProviderError({ providerId: pluginId, availableProviders: config.orchestration.plugins.map((p) => p.id) });
  const base = config.orchestration.resilience;
  const vendorRetry = plugin.config.retry;
  const override = plugin.resilience ?? {};
  return {
    timeoutMs: override.timeoutMs ?? plugin.config.timeoutMs ?? base.timeoutMs,
    retry: {
      ...base.retry,
      ...(vendorRetry
        ? {
            maxAttempts: Math.max(1, vendorRetry.attempts),
            backoff: vendorRetry.backoff,
            ...(vendorRetry.initialDelayMs !== undefined ? { initialDelayMs: vendorRetry.initialDelayMs } : {}),
            ...(vendorRetry.maxDelayMs !== undefined ? { maxDelayMs: vendorRetry.maxDelayMs } : {}),
          }
        : {}),
      ...defined(override.retry),
    },
    breaker: { ...base.breaker, ...defined(override.breaker) },
    bulkhead: { ...base.bulkhead, ...defined(override.bulkhead) },
  };
}

function defined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
