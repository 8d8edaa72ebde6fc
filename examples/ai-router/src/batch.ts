import {
  BudgetExceededError,
  createOrchestrator,
  MosaicError,
  type ChatInput,
  type ChatStreamChunk,
  type Orchestrator,
  type OrchestratorCallOptions,
} from '@mosaic/orchestrator-core';
import { createAnthropic } from '@mosaic/provider-anthropic';
import { createOllama } from '@mosaic/provider-ollama';
import { createOpenAI, OPENAI_DEFAULT_MODELS } from '@mosaic/provider-openai';

/** One request of the batch. `explainOnly`: routed and explained, not sent (live mode, expensive). */
export interface BatchItem {
  label: string;
  input: ChatInput;
  options?: OrchestratorCallOptions;
  stream?: boolean;
  explainOnly?: boolean;
}

/** What happened to one request. Costs in US dollars. */
export interface BatchRow {
  label: string;
  provider?: string;
  model?: string;
  /** Why this provider and model (from `explain()`). */
  why: string;
  /** Providers excluded for this request, with the reason. */
  excluded: string[];
  costUsd?: number;
  inputTokens?: number;
  outputTokens?: number;
  text?: string;
  error?: string;
  sent: boolean;
}

/** Where the providers are: the loopback sandbox server, or the real vendors. */
export type Endpoints =
  | { mode: 'sandbox'; url: string }
  | { mode: 'live'; openaiKey?: string | undefined; anthropicKey?: string | undefined; ollamaHost?: string | undefined };

const LONG_DOC = 'This agreement renews every year unless either party gives ninety days notice. '.repeat(7_500); // ≈150k tokens

/** The mixed batch: vision, long context, private, cheap, tools, streaming, and one over a tenant budget. */
export function batch(live: boolean): BatchItem[] {
  return [
    { label: 'vision', input: { messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image', url: 'https://upload.wikimedia.org/wikipedia/commons/3/3a/Cat03.jpg', detail: 'low' }] }], maxTokens: 200 } },
    { label: 'long context', input: { messages: [{ role: 'system', content: 'Summarize the contract in one sentence.' }, { role: 'user', content: LONG_DOC }], maxTokens: 300 }, explainOnly: live },
    { label: 'private', input: { messages: [{ role: 'user', content: 'Summarize this patient note: blood pressure 120/80, no allergies.' }], privacy: 'local', maxTokens: 200 } },
    { label: 'cheap', input: { messages: [{ role: 'user', content: 'Give me a synonym for "fast".' }], maxTokens: 50 } },
    { label: 'tools', input: { messages: [{ role: 'user', content: 'What is the weather in Paris?' }], tools: [{ name: 'get_weather', description: 'Current weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }], maxTokens: 100 } },
    { label: 'stream', input: { messages: [{ role: 'user', content: 'Write one line about routers.' }], maxTokens: 60 }, stream: true },
    { label: 'over budget', input: { messages: [{ role: 'user', content: LONG_DOC.slice(0, 40_000) }], maxTokens: 4000 }, options: { tenant: 'trial' } },
  ];
}

/**
 * Builds the orchestrator for the example: providers for the endpoints, routing (privacy:local
 * → Ollama; otherwise OpenAI or Anthropic, cheapest capable model first), and a budget for the
 * `trial` tenant ($0.01).
 */
export async function buildOrchestrator(endpoints: Endpoints): Promise<Orchestrator> {
  // The design's example table: OpenAI's 128k-context models, so long documents go to Anthropic.
  const openaiModels = { 'gpt-4o-mini': OPENAI_DEFAULT_MODELS['gpt-4o-mini']!, 'gpt-4o': OPENAI_DEFAULT_MODELS['gpt-4o']! };
  const providers = [];
  if (endpoints.mode === 'sandbox') {
    providers.push(
      createOpenAI({ token: 'sandbox-key', baseUrl: `${endpoints.url}/openai/v1`, includeDefaultModels: false, models: openaiModels, defaultModel: 'gpt-4o-mini' }),
      createAnthropic({ token: 'sandbox-key', baseUrl: `${endpoints.url}/anthropic` }),
      createOllama({ baseUrl: `${endpoints.url}/ollama` }),
    );
  } else {
    if (endpoints.openaiKey) providers.push(createOpenAI({ token: endpoints.openaiKey, includeDefaultModels: false, models: openaiModels, defaultModel: 'gpt-4o-mini' }));
    if (endpoints.anthropicKey) providers.push(createAnthropic({ token: endpoints.anthropicKey }));
    if (endpoints.ollamaHost) providers.push(createOllama({ baseUrl: endpoints.ollamaHost }));
  }
  const ids = providers.map((p) => p.id);
  return createOrchestrator({
    providers,
    routing: {
      rules: ids.includes('ollama') ? [{ pattern: 'privacy:local', provider: 'ollama', priority: 10 }] : [],
      default: ids.filter((id) => id !== 'ollama').length ? ids.filter((id) => id !== 'ollama') : ids,
      loadBalancing: { strategy: 'cost' },
    },
    resilience: { defaults: { timeoutMs: 120_000, retry: { maxAttempts: 2 } } },
    healthCheck: { intervalMs: 0 },
    ai: { budgets: { tenants: { trial: { maxCostUsd: 0.01 } } } },
  });
}

/** Runs the batch, one request after the other; never throws for a failed request (the row says why). */
export async function runBatch(orchestrator: Orchestrator, items: BatchItem[]): Promise<BatchRow[]> {
  const rows: BatchRow[] = [];
  for (const item of items) {
    const trace = orchestrator.explain('ai.chat', item.input, item.options);
    const first = trace.candidates[0];
    const choice = first ? trace.ai?.choices[first] : undefined;
    const row: BatchRow = {
      label: item.label,
      ...(first ? { provider: first } : {}),
      ...(choice?.model ? { model: choice.model } : {}),
      why: `${trace.source.endsWith('rule') ? `rule ${trace.rulesMatched.filter((m) => m.selected).map((m) => m.pattern).join(', ')}; ` : ''}${explainWhy(trace.ai?.requirements, choice?.reason, trace.strategy)}`,
      excluded: trace.filtered.map((f) => `${f.provider}: ${f.reason}`),
      sent: false,
    };
    if (item.explainOnly) {
      row.why += ' (live mode: explained, not sent)';
      rows.push(row);
      continue;
    }
    try {
      row.sent = true;
      if (item.stream) {
        let text = '';
        for await (const chunk of orchestrator.ai.streamChat(item.input, item.options) as AsyncIterable<ChatStreamChunk>) {
          if (chunk.type === 'start') Object.assign(row, { provider: chunk.provider, model: chunk.model });
          if (chunk.type === 'text-delta') text += chunk.delta;
          if (chunk.type === 'finish') Object.assign(row, { inputTokens: chunk.usage.inputTokens, outputTokens: chunk.usage.outputTokens, ...(chunk.costUsd != null ? { costUsd: chunk.costUsd } : {}) });
        }
        row.text = text;
      } else {
        const r = await orchestrator.ai.chat(item.input, item.options);
        Object.assign(row, { provider: r.provider, model: r.model, inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens, text: r.message.content ?? '' });
        if (r.costUsd != null) row.costUsd = r.costUsd;
      }
    } catch (error) {
      row.sent = !BudgetExceededError.isInstance(error);
      row.error = MosaicError.isInstance(error) ? `${error.name}: ${error.message}` : String(error);
    }
    rows.push(row);
  }
  return rows;
}

function explainWhy(req: { vision: boolean; tools: boolean; json: boolean; local: boolean; inputTokens: number } | undefined, reason: string | undefined, strategy: string): string {
  const needs = req ? [req.vision && 'vision', req.tools && 'tools', req.json && 'JSON', req.local && 'local only', `~${req.inputTokens} input tokens`].filter(Boolean).join(', ') : '';
  return `${needs}; ${strategy} strategy; ${reason ?? 'no capable model'}`;
}

/** Batch totals: requests sent, cost in US dollars, tokens, and requests per provider. */
export function totals(rows: BatchRow[]) {
  const byProvider: Record<string, number> = {};
  for (const r of rows) if (r.sent && !r.error && r.provider) byProvider[r.provider] = (byProvider[r.provider] ?? 0) + 1;
  return {
    sent: rows.filter((r) => r.sent).length,
    failed: rows.filter((r) => r.error).length,
    costUsd: rows.reduce((n, r) => n + (r.costUsd ?? 0), 0),
    inputTokens: rows.reduce((n, r) => n + (r.inputTokens ?? 0), 0),
    outputTokens: rows.reduce((n, r) => n + (r.outputTokens ?? 0), 0),
    byProvider,
  };
}
