import { describe, expect, it } from 'vitest';
import { BudgetExceededError } from '../errors/budget-exceeded-error.js';
import { MidStreamError } from '../errors/mid-stream-error.js';
import { NoProviderAvailableError } from '../errors/no-provider-available-error.js';
import { ProviderCallError } from '../errors/provider-call-error.js';
import { RateLimitedError } from '../errors/rate-limited-error.js';
import type { MosaicEvents } from '../events/types.js';
import { createOrchestrator, type OrchestratorOptions } from '../orchestrator/orchestrator.js';
import type { ChatStreamChunk } from '../spec/v1/models/ai.js';
import { createBudgetManager } from './budget.js';
import { designProviders, type FakeAiBehaviour } from './fixtures/fake-ai-provider.js';

const routing: OrchestratorOptions['routing'] = {
  rules: [{ pattern: 'privacy:local', provider: 'ollama', priority: 10 }],
  default: ['openai', 'anthropic'],
  loadBalancing: { strategy: 'cost' },
};
const fastRetries = { defaults: { retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2, jitter: false }, timeoutMs: 5_000 } };

async function setup(behaviour: Partial<Record<'openai' | 'anthropic' | 'ollama', FakeAiBehaviour>> = {}, extra: Partial<OrchestratorOptions> = {}) {
  const p = designProviders(behaviour);
  const orchestrator = await createOrchestrator({
    providers: [p.openai.provider, p.anthropic.provider, p.ollama.provider],
    routing,
    resilience: fastRetries,
    healthCheck: { intervalMs: 0 },
    ...extra,
  });
  const events: Array<{ name: string; payload: unknown }> = [];
  orchestrator.events.onAny?.((name: string, payload: unknown) => events.push({ name, payload }));
  return { ...p, orchestrator, events };
}

const user = (text: string) => ({ role: 'user' as const, content: text });
const image = { role: 'user' as const, content: [{ type: 'text' as const, text: 'What is this?' }, { type: 'image' as const, url: 'https://example.com/cat.png' }] };
const longText = 'lorem ipsum dolor sit amet '.repeat(22_000); // ~150k tokens by the estimator

describe('AI routing through createOrchestrator', () => {
  it('routes by requirement: vision → OpenAI, long context → Anthropic, privacy → Ollama, else the cheapest', async () => {
    const { orchestrator, openai, anthropic, ollama } = await setup();
    const vision = await orchestrator.ai.chat({ messages: [image] });
    const long = await orchestrator.ai.chat({ messages: [user(longText)] });
    const local = await orchestrator.ai.chat({ messages: [user('secret')], privacy: 'local' });
    const cheap = await orchestrator.ai.chat({ messages: [user('hi')] });
    expect([vision.provider, long.provider, local.provider, cheap.provider]).toEqual(['openai', 'anthropic', 'ollama', 'openai']);
    // The model was chosen per provider (cheapest capable under the cost strategy) and sent.
    expect(openai.calls[0]!.input.model).toBe('gpt-4o-mini');
    expect(anthropic.calls[0]!.input.model).toBe('claude-haiku-4-5');
    expect(ollama.calls[0]!.input.model).toBe('llama3.2');
    const trace = orchestrator.explain('ai.chat', { messages: [user(longText)] });
    expect(trace.filtered).toContainEqual(expect.objectContaining({ provider: 'openai', filter: 'custom', reason: expect.stringMatching(/context ~\d+ tokens > window 128000/) }));
    expect(trace.ai?.choices.anthropic).toMatchObject({ model: 'claude-haiku-4-5', reason: 'cheapest capable model' });
    expect(trace.ai?.requirements.inputTokens).toBeGreaterThan(128_000);
    await orchestrator.close();
  });

  it('never sends privacy: local to a remote provider, even as a fallback', async () => {
    const { orchestrator, openai, anthropic } = await setup({ ollama: { fail: () => new ProviderCallError({ provider: 'ollama', category: 'unavailable', message: 'down' }) } });
    const e = await orchestrator.ai.chat({ messages: [user('secret')], privacy: 'local' }, { cache: 'no-store' }).catch((x) => x);
    expect(e).toBeInstanceOf(Error);
    expect(openai.calls.length + anthropic.calls.length).toBe(0);
    const trace = orchestrator.explain('ai.chat', { messages: [user('secret')], privacy: 'local' });
    expect(trace.candidates).toEqual(['ollama']);
    await orchestrator.close();
  });

  it('a request no model can serve fails before any call, with the reasons', async () => {
    const { orchestrator, openai, anthropic, ollama } = await setup();
    const e = await orchestrator.ai.chat({ messages: [image], privacy: 'local' }).catch((x) => x);
    expect(NoProviderAvailableError.isInstance(e)).toBe(true);
    expect(e.reasons.ollama).toMatch(/no vision/);
    expect(openai.calls.length + anthropic.calls.length + ollama.calls.length).toBe(0);
    await orchestrator.close();
  });

  it('reports cost in the result and the request:success event (price overrides win)', async () => {
    const { orchestrator, events } = await setup({}, { ai: { prices: { 'anthropic:claude-haiku-4-5': { inputPerMillionUsd: 2, outputPerMillionUsd: 10 } } } });
    const a = await orchestrator.ai.chat({ messages: [user('hi')] });
    expect(a.costUsd).toBeCloseTo((100 * 0.15 + 20 * 0.6) / 1e6, 12);
    const b = await orchestrator.ai.chat({ messages: [user(longText)] });
    expect(b.costUsd).toBeCloseTo((100 * 2 + 20 * 10) / 1e6, 12);
    const successes = events.filter((e) => e.name === 'request:success').map((e) => (e.payload as MosaicEvents['request:success']).costUsd);
    expect(successes).toEqual([a.costUsd, b.costUsd]);
    await orchestrator.close();
  });

  it('a call over budget fails with BudgetExceededError before any provider is called; 200 concurrent calls admit 50', async () => {
    const input = { messages: [user('hi')], maxTokens: 100 };
    const probe = await setup();
    const reserve = probe.orchestrator.explain('ai.chat', input).ai!.reservation.costUsd;
    expect(reserve).toBeGreaterThan(0);
    await probe.orchestrator.close();
    // Admitted calls are held in flight until every one of the 200 was admitted or refused,
    // so no settlement can free budget during the race.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let admittedSoFar = 0;
    let refusedSoFar = 0;
    const check = () => admittedSoFar + refusedSoFar === 200 && release();
    const held: FakeAiBehaviour = { gate: () => gate, onCall: (n) => ((admittedSoFar = n), check()) };
    const { orchestrator, openai, anthropic } = await setup({ openai: held }, { ai: { budgets: { tenants: { acme: { maxCostUsd: 50 * reserve } } } } });
    orchestrator.on('request:error', () => (refusedSoFar++, check()));
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => orchestrator.ai.chat(input, { tenant: 'acme' })));
    const admitted = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected' && BudgetExceededError.isInstance(r.reason)).length;
    expect({ admitted, refused }).toEqual({ admitted: 50, refused: 150 });
    expect(openai.calls.length + anthropic.calls.length).toBe(50);
    await orchestrator.close();
  });

  it('settles budgets with the actual cost, so later calls fit again', async () => {
    const probe = await setup();
    const reserve = probe.orchestrator.explain('ai.chat', { messages: [user('hi')], maxTokens: 100 }).ai!.reservation.costUsd;
    await probe.orchestrator.close();
    const actual = (100 * 0.15 + 20 * 0.6) / 1e6; // what the fake provider's usage costs on gpt-4o-mini
    // A budget of one reservation plus two actual costs: without settlement only one call would fit.
    const { orchestrator } = await setup({}, { ai: { budgets: { tenants: { acme: { maxCostUsd: reserve + 2 * actual + actual / 2 } } } } });
    for (let i = 0; i < 3; i++) await orchestrator.ai.chat({ messages: [user('hi')], maxTokens: 100 }, { tenant: 'acme' });
    await expect(orchestrator.ai.chat({ messages: [user('hi')], maxTokens: 100 }, { tenant: 'acme' })).rejects.toBeInstanceOf(BudgetExceededError);
    await orchestrator.close();
  });

  it('a provider cooling down after a 429 with Retry-After is skipped by later calls until the reset', async () => {
    const limited = new RateLimitedError({ provider: 'openai', message: '429', retryAfterMs: 60_000 });
    const { orchestrator, openai, anthropic } = await setup({ openai: { fail: (n) => (n === 1 ? limited : undefined), rateLimitOnFail: { remaining: 0, resetAt: Date.now() + 60_000 } } }, { resilience: { defaults: { retry: { maxAttempts: 1 } } } });
    const first = await orchestrator.ai.chat({ messages: [user('hi')] });
    expect(first.provider).toBe('anthropic'); // failed over at once
    const second = await orchestrator.ai.chat({ messages: [user('hi')] });
    expect(second.provider).toBe('anthropic');
    expect(openai.calls.length).toBe(1);
    expect(anthropic.calls.length).toBe(2);
    expect(orchestrator.explain('ai.chat', { messages: [user('hi')] }).filtered).toContainEqual(expect.objectContaining({ provider: 'openai', filter: 'quota' }));
    await orchestrator.close();
  });

  it('caches ai.chat only with temperature 0 or a cacheKey, per tenant', async () => {
    const { orchestrator, openai } = await setup({}, { cache: { l1: { maxEntries: 100 } } as never });
    await orchestrator.ai.chat({ messages: [user('hi')] });
    await orchestrator.ai.chat({ messages: [user('hi')] });
    expect(openai.calls.length).toBe(2);
    await orchestrator.ai.chat({ messages: [user('hi')], temperature: 0 });
    const hit = await orchestrator.ai.chat({ messages: [user('hi')], temperature: 0 });
    expect(openai.calls.length).toBe(3);
    expect(hit.message.content).toBe('answer from openai');
    await orchestrator.ai.chat({ messages: [user('hi')], temperature: 0 }, { tenant: 'other' });
    expect(openai.calls.length).toBe(4);
    await orchestrator.close();
    // ai.cache 'off': never served from the cache, even at temperature 0.
    const off = await setup({}, { cache: { l1: { maxEntries: 100 } } as never, ai: { cache: 'off' } });
    await off.orchestrator.ai.chat({ messages: [user('hi')], temperature: 0 });
    await off.orchestrator.ai.chat({ messages: [user('hi')], temperature: 0 });
    expect(off.openai.calls.length).toBe(2);
    await off.orchestrator.close();
  });
});

describe('AI streaming failover through createOrchestrator', () => {
  const collect = async (it: AsyncIterable<ChatStreamChunk>) => {
    const out: ChatStreamChunk[] = [];
    try {
      for await (const c of it) out.push(c);
      return { out };
    } catch (error) {
      return { out, error };
    }
  };

  it('a stream failing before its first chunk fails over transparently (retries honour retryAfterMs)', async () => {
    const overloaded = new RateLimitedError({ provider: 'openai', message: 'overloaded', reason: 'overloaded', retryAfterMs: 1 });
    const { orchestrator, anthropic, events } = await setup({ openai: { fail: () => overloaded } });
    const { out, error } = await collect(orchestrator.ai.streamChat({ messages: [user('hi')] }));
    expect(error).toBeUndefined();
    expect(out[0]).toMatchObject({ type: 'start', provider: 'anthropic' });
    expect(out.at(-1)).toMatchObject({ type: 'finish' });
    expect((out.at(-1) as { costUsd: number }).costUsd).toBeCloseTo((100 * 1 + 20 * 5) / 1e6, 12);
    expect(anthropic.calls.length).toBe(1);
    expect(events.some((e) => e.name === 'failover')).toBe(true);
    await orchestrator.close();
  });

  it('a stream failing mid-way ends with MidStreamError carrying the partial text and the attempts', async () => {
    const { orchestrator, anthropic } = await setup({ openai: { pieces: ['Hel', 'lo', ' world'], breakAfter: 2, streamError: new ProviderCallError({ provider: 'openai', category: 'network', message: 'cut' }) } });
    const { out, error } = await collect(orchestrator.ai.streamChat({ messages: [user('hi')] }));
    expect(out.map((c) => c.type)).toEqual(['start', 'text-delta', 'text-delta']);
    expect(MidStreamError.isInstance(error)).toBe(true);
    const e = error as MidStreamError;
    expect(e.partialText).toBe('Hello');
    expect(e.provider).toBe('openai');
    expect(e.attempts.map((a) => [a.provider, a.status])).toEqual([['openai', 'success'], ['openai', 'error']]);
    expect(anthropic.calls.length).toBe(0);
    await orchestrator.close();
  });

  it('with continueOnFallback, a broken stream continues on the next candidate with the partial text as prefix', async () => {
    const { orchestrator, anthropic } = await setup(
      { openai: { pieces: ['Hel', 'lo', ' world'], breakAfter: 2 }, anthropic: { pieces: [' world', '!'] } },
      { ai: { streamFailover: { continueOnFallback: true } } },
    );
    const { out, error } = await collect(orchestrator.ai.streamChat({ messages: [user('hi')] }));
    expect(error).toBeUndefined();
    expect(out.filter((c) => c.type === 'start')).toHaveLength(1);
    expect(out.filter((c) => c.type === 'text-delta').map((c) => (c as { delta: string }).delta).join('')).toBe('Hello world!');
    expect(anthropic.calls[0]!.input.messages).toEqual([user('hi'), { role: 'assistant', content: 'Hello' }]);
    await orchestrator.close();
  });

  it('a caller that stops reading early releases the stream and is charged for what it received', async () => {
    const budgets = createBudgetManager({ tenants: { acme: { maxTokens: 100_000 } } });
    const { orchestrator } = await setup({ openai: { pieces: ['a'.repeat(400), 'b', 'c'] } }, { ai: { budgets } });
    for await (const c of orchestrator.ai.streamChat({ messages: [user('hi')], maxTokens: 1000 }, { tenant: 'acme' })) {
      if (c.type === 'text-delta') break;
    }
    const used = (await budgets.usage({ tenant: 'acme' }))['tenant:acme']!.tokens;
    const reserved = orchestrator.explain('ai.streamChat', { messages: [user('hi')], maxTokens: 1000 }).ai!.reservation.tokens;
    expect(used).toBeLessThan(reserved); // the reservation was settled, not kept
    expect(used).toBeGreaterThanOrEqual(100); // the 400 characters received (~100 tokens) are charged
    await orchestrator.close();
  });

  it('streams are refused over budget before any provider is called', async () => {
    const { orchestrator, openai } = await setup({}, { ai: { budgets: { tenants: { acme: { maxTokens: 10 } } } } });
    const { out, error } = await collect(orchestrator.ai.streamChat({ messages: [user('hi')] }, { tenant: 'acme' }));
    expect(out).toEqual([]);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(openai.calls.length).toBe(0);
    await orchestrator.close();
  });
});
