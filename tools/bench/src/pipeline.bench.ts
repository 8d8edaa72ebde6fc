/**
 * Pipeline overhead (issue 3): a full call through input validation, the router and the
 * resilience policies (bulkhead, timeout, retry, breaker) to a no-op provider, cache off.
 * - `pipeline_overhead_mean_us`: mean µs per call, sequential calls (target <= 20 µs);
 * - `pipeline_ops_per_s`: calls per second in one process with 64 calls in flight (target >= 100,000);
 * - `pipeline_vs_direct_ratio`: the same call made directly on the provider, for scale.
 */
import { createOrchestrator, listOperations, type GitProviderV1 } from '@mosaic/orchestrator-core';
import { printTable, recordResults, type Metric } from './results.js';

function noopGitProvider(id: string): GitProviderV1 {
  const provider: Record<string, unknown> = {
    specificationVersion: 'v1',
    id,
    vendor: 'noop',
    serviceType: 'git',
    capabilities: { operations: listOperations('git').map((o) => o.name) },
    healthCheck: async () => ({ status: 'healthy', latencyMs: 0, checkedAt: Date.now() }),
  };
  const repo = { provider: id, id: '1', owner: 'acme', name: 'api', fullName: 'acme/api', private: false, visibility: 'public', fork: false, archived: false };
  for (const op of listOperations('git')) provider[op.method] = async () => repo;
  return provider as unknown as GitProviderV1;
}

const providers = [noopGitProvider('primary'), noopGitProvider('secondary')];
const mosaic = await createOrchestrator({
  providers,
  routing: {
    rules: [
      { pattern: 'org:internal-*', provider: 'secondary', priority: 10 },
      { pattern: 'org:acme', provider: 'primary', priority: 5, conditions: "user.region == 'EU'" },
    ],
    default: 'primary',
    fallbacks: ['secondary'],
  },
  cache: false,
  healthCheck: { intervalMs: 0 },
});
const input = { owner: 'acme', repo: 'api' };
const options = { user: { id: 'u1', region: 'EU' } };

async function sequential(n: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) await mosaic.git.getRepository(input, options);
  return ((performance.now() - t) * 1000) / n;
}
async function direct(n: number): Promise<number> {
  const p = providers[0]!;
  const t = performance.now();
  for (let i = 0; i < n; i++) await p.getRepository({ owner: 'acme', repo: 'api' }, {});
  return ((performance.now() - t) * 1000) / n;
}
async function concurrent(total: number, inFlight: number): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) {
        next++;
        await mosaic.git.getRepository(input, options);
      }
    }),
  );
  return total / ((performance.now() - t) / 1000);
}

await sequential(20_000); // warm-up (JIT)
const meanUs = Math.min(await sequential(50_000), await sequential(50_000));
const directUs = await direct(50_000);
await concurrent(20_000, 64);
const opsPerSecond = Math.max(await concurrent(100_000, 64), await concurrent(100_000, 64));
await mosaic.close();

const results: Record<string, Metric> = {
  pipeline_overhead_mean_us: { value: Math.round(meanUs * 100) / 100, unit: 'us', target: '<= 20', pass: meanUs <= 20, note: 'validation + router + bulkhead/timeout/retry/breaker + events, no-op provider, cache off; best of 2 runs of 50,000 sequential calls' },
  pipeline_ops_per_s: { value: Math.round(opsPerSecond), unit: 'ops/s', target: '>= 100000', pass: opsPerSecond >= 100_000, note: '100,000 calls, 64 in flight, best of 2' },
  pipeline_direct_call_us: { value: Math.round(directUs * 100) / 100, unit: 'us', note: 'the same provider method called directly' },
};
printTable(`Pipeline overhead (Node ${process.version})`, results);
recordResults(results);
