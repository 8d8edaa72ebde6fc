/**
 * `pnpm start`: routes a mixed batch across OpenAI, Anthropic and Ollama and prints, per
 * request, the chosen provider and model, why, and the cost; then the batch totals.
 * Sandbox mode (default, no keys): a loopback fixture server speaks the vendors' wire formats.
 * Live mode: set OPENAI_API_KEY and/or ANTHROPIC_API_KEY and/or OLLAMA_HOST.
 */
import { batch, buildOrchestrator, runBatch, totals, type Endpoints } from './batch.js';
import { startSandboxServer } from './sandbox-server.js';

const live = Boolean(process.env.OPENAI_API_KEY || process.env.ANTHROPIC_API_KEY || process.env.OLLAMA_HOST);
const sandbox = live ? undefined : await startSandboxServer();
const endpoints: Endpoints = sandbox
  ? { mode: 'sandbox', url: sandbox.url }
  : { mode: 'live', openaiKey: process.env.OPENAI_API_KEY, anthropicKey: process.env.ANTHROPIC_API_KEY, ollamaHost: process.env.OLLAMA_HOST };

const out = (line = '') => process.stdout.write(`${line}\n`);
out(`Mosaic AI router — ${endpoints.mode} mode${sandbox ? ` (fixture server ${sandbox.url})` : ''}`);
const orchestrator = await buildOrchestrator(endpoints);
try {
  const rows = await runBatch(orchestrator, batch(live));
  for (const r of rows) {
    out();
    out(`■ ${r.label}: ${r.error ? 'FAILED' : `${r.provider} / ${r.model}`}${r.sent ? '' : ' (not sent)'}`);
    out(`  why:      ${r.why}`);
    for (const x of r.excluded) out(`  excluded: ${x}`);
    if (r.costUsd !== undefined) out(`  cost:     $${r.costUsd.toFixed(6)}  (${r.inputTokens} in / ${r.outputTokens} out tokens)`);
    if (r.text) out(`  answer:   ${r.text.slice(0, 100)}`);
    if (r.error) out(`  error:    ${r.error}`);
  }
  const t = totals(rows);
  out();
  out(`Batch: ${t.sent} sent, ${t.failed} failed, $${t.costUsd.toFixed(6)} total, ${t.inputTokens} in / ${t.outputTokens} out tokens; per provider ${JSON.stringify(t.byProvider)}`);
} finally {
  await orchestrator.close();
  await sandbox?.close();
}
