import { Ollama } from 'ollama';
import {
  estimateChatInputTokens,
  modelInfoFromEntry,
  pageModelList,
  MosaicError,
  ProviderCallError,
  TokenTracker,
  providerErrorFromNetwork,
  providerErrorFromResponse,
  type AiModelEntry,
  type AiProviderDetails,
  type AiProviderV1,
  type CallOptions,
  type CapabilitiesV1,
  type ChatInput,
  type ChatMessage,
  type ChatResult,
  type ChatStreamChunk,
  type CompleteInput,
  type CompletionResult,
  type EmbedInput,
  type EmbeddingResult,
  type FinishReason,
  type HealthCheckResult,
  type Logger,
  type ModelInfo,
  type OperationName,
  type Page,
  type ProviderInitContext,
  type TokenUsage,
  type Warning,
} from '@mosaic/orchestrator-core';
import { OLLAMA_DEFAULT_MODELS } from './models.js';
import { parseSettings, type OllamaProviderSettings, type ResolvedOllamaSettings } from './settings.js';
import { VERSION } from './version.js';

/** The ai operations the Ollama provider implements (no usage reports: local models cost nothing). */
export const OLLAMA_AI_OPERATIONS = ['ai.chat', 'ai.streamChat', 'ai.complete', 'ai.embed', 'ai.listModels', 'ai.getModel'] as const satisfies readonly OperationName[];

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Ollama as a Mosaic ai provider, over the official `ollama` package (which has no retries).
 * Every model is local (`privacy: 'local'` routes here) and costs 0. Vendor docs: Ollama API
 * (`/api/chat`, `/api/generate`, `/api/embed`, `/api/tags`, `/api/show`;
 * https://github.com/ollama/ollama/blob/main/docs/api.md).
 *
 * Each call gets its own client whose `fetch` carries the call's `signal` and the `timeoutMs`
 * budget (the package's own `abort()` would cancel every request of a shared client).
 * Images must be inline (`data` or a `data:` URL): Ollama cannot fetch URLs. Tool calls get
 * ids `call_<n>` (Ollama sends none). `num_ctx` is raised to fit the request (input estimate
 * plus `maxTokens`) when that is above Ollama's default of 4096.
 */
export class OllamaProvider implements AiProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly vendor = 'ollama';
  readonly serviceType = 'ai' as const;
  readonly id: string;
  readonly capabilities: CapabilitiesV1;
  readonly models: Readonly<Record<string, AiModelEntry>>;
  private readonly settings: ResolvedOllamaSettings;
  private logger: Logger | undefined;
  private readonly tokens: TokenTracker;

  constructor(settings: OllamaProviderSettings = {}) {
    this.settings = parseSettings(settings);
    this.id = this.settings.id;
    this.tokens = new TokenTracker(this.settings);
    this.logger = this.settings.logger;
    const merged = { ...(this.settings.includeDefaultModels ? OLLAMA_DEFAULT_MODELS : {}), ...this.settings.models };
    this.models = Object.freeze(Object.fromEntries(Object.entries(merged).map(([id, e]) => [id, { ...e, local: true }])));
    const ids = Object.keys(this.models);
    const details: AiProviderDetails = {
      models: this.models as Record<string, AiModelEntry>,
      defaultModel: this.settings.defaultModel ?? (this.models['llama3.2'] ? 'llama3.2' : ids.find((i) => !this.models[i]!.embeddings)),
      defaultEmbeddingModel: this.settings.defaultEmbeddingModel ?? (this.models['nomic-embed-text'] ? 'nomic-embed-text' : ids.find((i) => this.models[i]!.embeddings)),
      local: true,
    };
    this.capabilities = { operations: OLLAMA_AI_OPERATIONS, features: { streaming: true, pagination: true }, details: details as unknown as Record<string, unknown> };
  }

  private get details(): AiProviderDetails {
    return this.capabilities.details as unknown as AiProviderDetails;
  }

  initialize(context: ProviderInitContext = {}): void {
    this.logger ??= context.logger;
  }

  credentialFingerprint(): string {
    return this.tokens.fingerprint();
  }

  /** A client for one call: its fetch adds the call's signal, the time budget and the token. */
  private async client(signal: AbortSignal | undefined, seen?: { headers?: Headers }): Promise<Ollama> {
    const token = await this.tokens.read();
    const budget = AbortSignal.timeout(this.settings.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, budget]) : budget;
    return new Ollama({
      host: this.settings.baseUrl,
      headers: { 'user-agent': `mosaic-provider-ollama/${VERSION}`, ...(token ? { authorization: `Bearer ${token}` } : {}), ...this.settings.headers },
      fetch: async (url, init) => {
        const res = await fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, combined]) : combined });
        // The SDK's ResponseError drops the headers; keep them for Retry-After.
        if (seen && !res.ok) seen.headers = res.headers;
        return res;
      },
    });
  }

  async healthCheck(signal: AbortSignal): Promise<HealthCheckResult> {
    const started = performance.now();
    const checkedAt = Date.now();
    try {
      await this.run('healthCheck', '/api/version', signal, (c) => c.version());
      return { status: 'healthy', latencyMs: Math.round(performance.now() - started), checkedAt };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      return { status: 'unhealthy', latencyMs: Math.round(performance.now() - started), checkedAt, detail: (error as Error).message };
    }
  }

  async chat(input: ChatInput, options: CallOptions = {}): Promise<ChatResult> {
    const { body, warnings, model } = this.chatBody(input);
    const res = (await this.run('ai.chat', '/api/chat', options.signal, (c) => c.chat({ ...body, stream: false } as never))) as unknown as Obj;
    const usage = mapUsage(res);
    const toolCalls = ((res.message?.tool_calls ?? []) as Obj[]).map((t, k) => ({ id: `call_${k}`, name: String(t.function?.name ?? ''), arguments: JSON.stringify(t.function?.arguments ?? {}) }));
    return {
      provider: this.id,
      id: `${res.model ?? model}-${res.created_at ?? ''}`,
      model: String(res.model ?? model),
      message: { role: 'assistant', content: res.message?.content ?? null, ...(res.message?.thinking ? { reasoning: res.message.thinking } : {}), toolCalls },
      finishReason: toolCalls.length ? 'tool-calls' : mapDone(res.done_reason),
      usage,
      costUsd: 0,
      ...(warnings.length ? { warnings } : {}),
      raw: res,
    };
  }

  async *streamChat(input: ChatInput, options: CallOptions = {}): AsyncIterable<ChatStreamChunk> {
    const { body, warnings, model } = this.chatBody(input);
    const stream = (await this.run('ai.streamChat', '/api/chat', options.signal, (c) => c.chat({ ...body, stream: true } as never))) as unknown as AsyncIterable<Obj> & { abort(): void };
    let started = false;
    let last: Obj | undefined;
    let tools = 0;
    try {
      for await (const part of stream) {
        last = part;
        if (!started) {
          started = true;
          yield { type: 'start', id: null, model: String(part.model ?? model), provider: this.id, ...(warnings.length ? { warnings } : {}) };
        }
        if (part.message?.thinking) yield { type: 'reasoning-delta', delta: String(part.message.thinking) };
        if (part.message?.content) yield { type: 'text-delta', delta: String(part.message.content) };
        for (const t of (part.message?.tool_calls ?? []) as Obj[]) {
          yield { type: 'tool-call-delta', index: tools, id: `call_${tools}`, name: String(t.function?.name ?? ''), argumentsDelta: JSON.stringify(t.function?.arguments ?? {}) };
          tools++;
        }
      }
    } catch (error) {
      throw this.mapError(error, 'ai.streamChat', '/api/chat', options.signal);
    }
    if (!last?.done) {
      throw new ProviderCallError({ provider: this.id, operation: 'ai.streamChat', category: 'network', outcome: 'unknown', message: `${this.id} ai.streamChat: the stream ended before done` });
    }
    yield { type: 'finish', finishReason: tools ? 'tool-calls' : mapDone(last.done_reason), usage: mapUsage(last), costUsd: 0, raw: last };
  }

  async complete(input: CompleteInput, options: CallOptions = {}): Promise<CompletionResult> {
    const i = input as CompleteInput & Obj;
    const model = i.model ?? this.details.defaultModel!;
    const res = (await this.run('ai.complete', '/api/generate', options.signal, (c) =>
      c.generate({
        model,
        prompt: i.prompt,
        ...(i.suffix !== undefined ? { suffix: i.suffix } : {}),
        stream: false,
        options: sampling(i),
        ...(this.settings.keepAlive !== undefined ? { keep_alive: this.settings.keepAlive } : {}),
        ...((i.providerOptions?.ollama as Obj | undefined) ?? {}),
      } as never),
    )) as unknown as Obj;
    return { provider: this.id, id: `${res.model ?? model}-${res.created_at ?? ''}`, model: String(res.model ?? model), text: String(res.response ?? ''), finishReason: mapDone(res.done_reason), usage: mapUsage(res), costUsd: 0, raw: res };
  }

  async embed(input: EmbedInput, options: CallOptions = {}): Promise<EmbeddingResult> {
    const i = input as EmbedInput & Obj;
    const model = i.model ?? this.details.defaultEmbeddingModel!;
    const res = (await this.run('ai.embed', '/api/embed', options.signal, (c) =>
      c.embed({ model, input: i.input, ...(i.dimensions !== undefined ? { dimensions: i.dimensions } : {}), ...(this.settings.keepAlive !== undefined ? { keep_alive: this.settings.keepAlive } : {}) } as never),
    )) as unknown as Obj;
    const inputTokens = Number(res.prompt_eval_count ?? 0);
    return { provider: this.id, model: String(res.model ?? model), embeddings: res.embeddings as number[][], usage: { inputTokens, totalTokens: inputTokens }, costUsd: 0, raw: res };
  }

  /**
   * The models pulled on the server (`/api/tags`), with the table's capabilities; models not in
   * the table are listed with a 4,096-token window and no capabilities (a `partial` warning).
   * `cursor` is an offset.
   */
  async listModels(input: { capability?: 'vision' | 'tools' | 'json' | 'streaming' | 'embeddings'; local?: boolean; cursor?: string; limit?: number }, options: CallOptions = {}): Promise<Page<ModelInfo>> {
    const res = (await this.run('ai.listModels', '/api/tags', options.signal, (c) => c.list())) as unknown as Obj;
    let unknown = 0;
    const all = ((res.models ?? []) as Obj[])
      .map((m) => {
        const name = String(m.name ?? m.model);
        const entry = this.models[name] ?? this.models[name.replace(/:latest$/, '')];
        if (!entry) unknown++;
        return modelInfoFromEntry(this.id, name, entry ?? { contextWindow: 4096, local: true }, { local: true, raw: m });
      });
    return {
      ...pageModelList(all, input, this.id),
      ...(unknown ? { warnings: [{ type: 'partial' as const, feature: 'capabilities', message: `${unknown} model(s) not in the model table: capabilities unknown (see getModel)` }] } : {}),
    };
  }

  /** One model from `/api/show`: capabilities and context length as the server reports them, the table filling gaps. */
  async getModel(input: { model: string }, options: CallOptions = {}): Promise<ModelInfo> {
    const res = (await this.run('ai.getModel', '/api/show', options.signal, (c) => c.show({ model: input.model }))) as unknown as Obj;
    const caps = new Set<string>((res.capabilities ?? []) as string[]);
    const info = (res.model_info ?? {}) as Obj;
    const ctxKey = Object.keys(info).find((k) => k.endsWith('.context_length'));
    const entry = this.models[input.model] ?? this.models[input.model.replace(/:latest$/, '')];
    const merged: AiModelEntry = {
      ...entry,
      contextWindow: ctxKey ? Number(info[ctxKey]) : (entry?.contextWindow ?? 4096),
      vision: caps.size ? caps.has('vision') : entry?.vision,
      tools: caps.size ? caps.has('tools') : entry?.tools,
      embeddings: caps.size ? caps.has('embedding') : entry?.embeddings,
      completion: caps.size ? caps.has('completion') : entry?.completion,
      json: entry?.json ?? caps.has('completion'),
      local: true,
    };
    return modelInfoFromEntry(this.id, input.model, merged, { local: true, raw: res });
  }

  // -------------------------------------------------------------------------------------------

  private chatBody(i: ChatInput): { body: Obj; warnings: Warning[]; model: string } {
    const model = i.model ?? this.details.defaultModel!;
    const warnings: Warning[] = [];
    const calls = new Map<string, string>(); // tool call id → tool name (Ollama's tool messages name the tool)
    const messages = (i.messages as ChatMessage[]).map((m): Obj => {
      switch (m.role) {
        case 'system':
          return { role: 'system', content: m.content };
        case 'user': {
          if (typeof m.content === 'string') return { role: 'user', content: m.content };
          const text = m.content.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('\n');
          const images = m.content.filter((p) => p.type === 'image').map((p) => inlineImage(p as { url?: string; data?: string }, this.id));
          return { role: 'user', content: text, ...(images.length ? { images } : {}) };
        }
        case 'assistant':
          for (const c of m.toolCalls ?? []) calls.set(c.id, c.name);
          return { role: 'assistant', content: m.content ?? '', ...(m.toolCalls?.length ? { tool_calls: m.toolCalls.map((c) => ({ function: { name: c.name, arguments: parseArgs(c.arguments) } })) } : {}) };
        case 'tool':
          return { role: 'tool', content: m.content, ...(calls.has(m.toolCallId) ? { tool_name: calls.get(m.toolCallId) } : {}) };
      }
    });
    if (i.toolChoice !== undefined && i.toolChoice !== 'auto') warnings.push({ type: 'unsupported', feature: 'toolChoice', message: 'Ollama always lets the model choose' });
    if (i.cacheKey !== undefined) warnings.push({ type: 'unsupported', feature: 'cacheKey' });
    const rf = i.responseFormat;
    const needed = estimateChatInputTokens({ messages: i.messages as ChatMessage[], tools: i.tools, responseFormat: rf as never }) + (i.maxTokens ?? 0);
    const body: Obj = {
      model,
      messages,
      ...(i.tools && i.toolChoice !== 'none' ? { tools: i.tools.map((t) => ({ type: 'function', function: { name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), parameters: t.parameters } })) } : {}),
      ...(rf && rf.type !== 'text' ? { format: rf.type === 'json' ? 'json' : rf.schema } : {}),
      ...(i.reasoningEffort !== undefined ? { think: true } : {}),
      options: { ...sampling(i), ...(needed > 4096 ? { num_ctx: Math.min(needed, this.models[model]?.contextWindow ?? needed) } : {}) },
      ...(this.settings.keepAlive !== undefined ? { keep_alive: this.settings.keepAlive } : {}),
      ...((i.providerOptions?.ollama as Obj | undefined) ?? {}),
    };
    return { body, warnings, model };
  }

  private async run<T>(operation: string, path: string, signal: AbortSignal | undefined, fn: (c: Ollama) => Promise<T>): Promise<T> {
    const seen: { headers?: Headers } = {};
    try {
      return await fn(await this.client(signal, seen));
    } catch (error) {
      throw this.mapError(error, operation, path, signal, seen.headers);
    }
  }

  private mapError(error: unknown, operation: string, path: string, signal: AbortSignal | undefined, headers?: Headers): unknown {
    if (signal?.aborted) return signal.reason;
    if (MosaicError.isInstance(error)) return error;
    const e = error as { name?: string; status_code?: number; error?: string; message?: string };
    if (e?.name === 'ResponseError' && typeof e.status_code === 'number') {
      return providerErrorFromResponse({ provider: this.id, operation, status: e.status_code, ...(headers ? { headers } : {}), method: 'POST', url: `${this.settings.baseUrl}${path}`, ...(e.error ? { vendorMessage: e.error } : {}), cause: error });
    }
    return providerErrorFromNetwork({ provider: this.id, operation, error, method: 'POST', url: `${this.settings.baseUrl}${path}`, timeoutMs: this.settings.timeoutMs });
  }
}

function inlineImage(p: { url?: string; data?: string }, provider: string): string {
  if (p.data !== undefined) return p.data;
  const m = /^data:[^;,]+;base64,(.*)$/s.exec(p.url ?? '');
  if (m) return m[1]!;
  throw new ProviderCallError({ provider, operation: 'ai.chat', category: 'validation', outcome: 'not-applied', message: `${provider}: Ollama needs inline image data (data or a data: URL), not a remote URL` });
}

function sampling(i: Obj): Obj {
  return {
    ...(i.temperature !== undefined ? { temperature: i.temperature } : {}),
    ...(i.topP !== undefined ? { top_p: i.topP } : {}),
    ...(i.maxTokens !== undefined ? { num_predict: i.maxTokens } : {}),
    ...(i.stop !== undefined ? { stop: [i.stop].flat() } : {}),
    ...(i.seed !== undefined ? { seed: i.seed } : {}),
  };
}

function parseArgs(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function mapDone(reason: unknown): FinishReason {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  return reason === undefined || reason === null || reason === '' ? 'stop' : 'other';
}

function mapUsage(r: Obj): TokenUsage {
  const inputTokens = Number(r.prompt_eval_count ?? 0);
  const outputTokens = Number(r.eval_count ?? 0);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/**
 * Creates an Ollama provider (see {@link OllamaProviderSettings}).
 * @throws ConfigError when the settings are invalid
 */
export function createOllama(settings: OllamaProviderSettings = {}): OllamaProvider {
  return new OllamaProvider(settings);
}
