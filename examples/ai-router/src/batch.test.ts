import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Orchestrator } from '@mosaic/orchestrator-core';
import { batch, buildOrchestrator, runBatch, totals, type BatchRow } from './batch.js';
import { startSandboxServer, type SandboxServer } from './sandbox-server.js';

describe('ai-router example in sandbox mode', () => {
  let server: SandboxServer;
  let orchestrator: Orchestrator;
  let rows: BatchRow[];
  beforeAll(async () => {
    server = await startSandboxServer();
    orchestrator = await buildOrchestrator({ mode: 'sandbox', url: server.url });
    rows = await runBatch(orchestrator, batch(false));
  });
  afterAll(async () => {
    await orchestrator?.close();
    await server?.close();
  });
  const row = (label: string) => rows.find((r) => r.label === label)!;

  it('routes each request where the design says: vision → OpenAI, long context → Anthropic, private → Ollama, else cheapest', () => {
    expect([row('vision').provider, row('long context').provider, row('private').provider, row('cheap').provider, row('tools').provider, row('stream').provider])
      .toEqual(['openai', 'anthropic', 'ollama', 'openai', 'openai', 'openai']);
    expect(row('long context').excluded.some((x) => /^openai: .*context ~\d+ tokens > window 128000/.test(x))).toBe(true);
    expect(row('long context').model).toMatch(/^claude-haiku-4-5/);
    expect(row('cheap').why).toMatch(/cost strategy; cheapest capable model/);
  });

  it('sent the requests through the real SDKs to the fixture server, with the chosen models', () => {
    expect(server.requests.map((r) => `${r.vendor}:${r.model}`)).toEqual([
      'openai:gpt-4o-mini', 'anthropic:claude-haiku-4-5', 'ollama:llama3.2', 'openai:gpt-4o-mini', 'openai:gpt-4o-mini', 'openai:gpt-4o-mini',
    ]);
  });

  it('reports cost per request (local is free) and refuses the over-budget request before any provider call', () => {
    expect(row('private').costUsd).toBe(0);
    for (const label of ['vision', 'long context', 'cheap', 'tools', 'stream']) expect(row(label).costUsd).toBeGreaterThan(0);
    expect(row('long context').costUsd).toBeCloseTo((row('long context').inputTokens! * 1 + row('long context').outputTokens! * 5) / 1e6, 12);
    expect(row('over budget').error).toMatch(/BudgetExceededError: .*budget tenant:trial/);
    expect(row('over budget').sent).toBe(false);
    const t = totals(rows);
    expect(t.sent).toBe(6);
    expect(t.byProvider).toEqual({ openai: 4, anthropic: 1, ollama: 1 });
    expect(t.costUsd).toBeCloseTo(rows.reduce((n, r) => n + (r.costUsd ?? 0), 0), 12);
  });
});
