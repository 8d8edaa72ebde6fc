// One fresh process of the startup benchmark: imports the built core, creates an orchestrator
// with 10 in-memory providers, and prints the elapsed milliseconds as JSON.
const t0 = performance.now();
const core = await import('@mosaic/orchestrator-core');
const tImport = performance.now();

function memoryGitProvider(id) {
  const provider = {
    specificationVersion: 'v1',
    id,
    vendor: 'memory',
    serviceType: 'git',
    capabilities: { operations: core.listOperations('git').map((o) => o.name) },
    healthCheck: async () => ({ status: 'healthy', latencyMs: 0, checkedAt: Date.now() }),
  };
  for (const op of core.listOperations('git')) {
    provider[op.method] = async () => ({ provider: id, ok: true });
  }
  return provider;
}

const orchestrator = await core.createOrchestrator({
  providers: Array.from({ length: 10 }, (_, i) => memoryGitProvider(`memory-${i}`)),
  healthCheck: { intervalMs: 0 },
});
const tCreate = performance.now();
await orchestrator.close();
process.stdout.write(JSON.stringify({ importMs: tImport - t0, createMs: tCreate - tImport, totalMs: tCreate - t0 }));
