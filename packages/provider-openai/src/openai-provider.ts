import OpenAI from 'openai';
import {
  AiRateLimitTracker,
  costOfUsage,
  modelInfoFromEntry,
  pageModelList,
  ProviderCallError,
  TokenTracker,
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
import { mapOpenAIError, openaiRateLimit } from './errors.js';
import { OPENAI_DEFAULT_MODELS } from './models.js';
import { parseSettings, type OpenAIProviderSettings, type ResolvedOpenAISettings } from './settings.js';
import { VERSION } from './version.js';

/** The ai operations the OpenAI provider implements (`ai.getUsage` needs an admin key and is not offered). */
export const OPENAI_AI_OPERATIONS = ['ai.chat', 'ai.streamChat', 'ai.complete', 'ai.embed', 'ai.listModels', 'ai.getModel'] as const satisfies readonly OperationName[];

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type ChatIn = ChatInput & { privacy?: 'standard' | 'local' };

/**
 * OpenAI (and OpenAI-compatible servers) as a Mosaic ai provider, over the official `openai`
 * SDK with its retries off (`maxRetries: 0`: the core's resilience layer is the only retry
 * layer). Vendor docs: Chat Completions, Completions, Embeddings and Models API references
 * (https://platform.openai.com/docs/api-reference), rate-limit headers and error codes guides.
 *
 * Costs: every result carries `costUsd` computed from the model table's prices and the usage
 * the vendor reported (`null` when the model has no price).
 */
export class OpenAIProvider implements AiProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly vendor = 'openai';
  readonly serviceType = 'ai' as const;
  readonly id: string;
  readonly capabilities: CapabilitiesV1;
  /** The resolved model table (id → entry). */
  readonly models: Readonly<Record<string, AiModelEntry>>;
  private readonly settings: ResolvedOpenAISettings;
  private client: OpenAI | undefined;
  private logger: Logger | undefined;
  private readonly tokens: TokenTracker;
  private readonly rateLimits: AiRateLimitTracker;

  constructor(settings: OpenAIProviderSettings = {}) {
    this.settings = parseSettings(settings);
    this.id = this.settings.id;
    this.tokens = new TokenTracker(this.settings);
    this.logger = this.settings.logger;
    this.rateLimits = new AiRateLimitTracker({ provider: this.id, read: openaiRateLimit, logger: () => this.logger });
    this.models = Object.freeze({ ...(this.settings.includeDefaultModels ? OPENAI_DEFAULT_MODELS : {}), ...this.settings.models });
    const ids = Object.keys(this.models);
    const pick = (wanted: string | undefined, fallback: string, ok: (e: AiModelEntry) => boolean) =>
      wanted ?? (this.models[fallback] ? fallback : ids.find((i) => ok(this.models[i]!)));
    const details: AiProviderDetails = {
      models: this.models as Record<string, AiModelEntry>,
      defaultModel: pick(this.settings.defaultModel, 'gpt-4.1-mini', (e) => !e.embeddings && e.chat !== false),
      defaultEmbeddingModel: pick(this.settings.defaultEmbeddingModel, 'text-embedding-3-small', (e) => e.embeddings === true),
      defaultCompletionModel: pick(this.settings.defaultCompletionModel, 'gpt-3.5-turbo-instruct', (e) => e.completion === true),
      local: this.settings.local,
    };
    this.capabilities = {
      operations: OPENAI_AI_OPERATIONS,
      features: { streaming: true, pagination: true },
      details: details as unknown as Record<string, unknown>,
    };
  }

  private get details(): AiProviderDetails {
    return this.capabilities.details as unknown as AiProviderDetails;
  }

  initialize(context: ProviderInitContext = {}): void {
    this.logger ??= context.logger;
    this.rateLimits.setReporter(context.reportRateLimit);
  }

  credentialFingerprint(): string {
    return this.tokens.fingerprint();
  }

  metrics() {
    return this.rateLimits.metrics();
  }

  /** The SDK client (created on first use; retries off; the key is read before each request). */
  get sdk(): OpenAI {
    this.client ??= new OpenAI({
      apiKey: async () => this.readToken(),
      baseURL: this.settings.baseUrl,
      maxRetries: 0,
      timeout: this.settings.timeoutMs,
      ...(this.settings.organization ? { organization: this.settings.organization } : {}),
      ...(this.settings.project ? { project: this.settings.project } : {}),
      defaultHeaders: { 'user-agent': `mosaic-provider-openai/${VERSION}`, ...this.settings.headers },
      ...(this.settings.query ? { defaultQuery: this.settings.query } : {}),
    });
    return this.client;
  }

  private async readToken(): Promise<string> {
    return (await this.tokens.read()) ?? 'no-key';
  }

  async healthCheck(signal: AbortSignal): Promise<HealthCheckResult> {
    const started = performance.now();
    const checkedAt = Date.now();
    try {
      await this.request('healthCheck', '/models', signal, (o) => this.sdk.models.list(o).withResponse());
      const latencyMs = Math.round(performance.now() - started);
      const rateLimit = this.rateLimits.state;
      if (rateLimit?.remaining === 0) return { status: 'degraded', latencyMs, checkedAt, detail: `${rateLimit.resource ?? 'rate'} limit exhausted` };
      return { status: 'healthy', latencyMs, checkedAt };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      return { status: 'unhealthy', latencyMs: Math.round(performance.now() - started), checkedAt, detail: (error as Error).message };
    }
  }

  // -------------------------------------------------------------------------------------------

  async chat(input: ChatInput, options: CallOptions = {}): Promise<ChatResult> {
    const { body, warnings, model } = this.chatBody(input as ChatIn);
    const { data } = await this.request('ai.chat', '/chat/completions', options.signal, (o) =>
      this.sdk.chat.completions.create({ ...body, stream: false } as never, o).withResponse(),
    );
    const res = data as Obj;
    const choice = (res.choices?.[0] ?? {}) as Obj;
    const usage = mapUsage(res.usage);
    return {
      provider: this.id,
      id: String(res.id ?? ''),
      model: String(res.model ?? model),
      message: {
        role: 'assistant',
        content: choice.message?.content ?? null,
        toolCalls: ((choice.message?.tool_calls ?? []) as Obj[])
          .filter((c) => c.type === undefined || c.type === 'function')
          .map((c) => ({ id: String(c.id), name: String(c.function?.name ?? ''), arguments: String(c.function?.arguments ?? '') })),
      },
      finishReason: mapFinish(choice.finish_reason),
      usage,
      costUsd: this.cost(String(res.model ?? model), model, usage),
      ...(warnings.length ? { warnings } : {}),
      raw: res,
    };
  }

  async *streamChat(input: ChatInput, options: CallOptions = {}): AsyncIterable<ChatStreamChunk> {
    const { body, warnings, model } = this.chatBody(input as ChatIn);
    const { data: stream } = await this.request('ai.streamChat', '/chat/completions', options.signal, (o) =>
      this.sdk.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } } as never, o).withResponse(),
    );
    let started = false;
    let finish: FinishReason | undefined;
    let usage: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
    let served = model;
    let last: Obj | undefined;
    try {
      for await (const chunk of stream as unknown as AsyncIterable<Obj>) {
        last = chunk;
        if (!started) {
          started = true;
          served = String(chunk.model ?? model);
          yield { type: 'start', id: chunk.id ?? null, model: served, provider: this.id, ...(warnings.length ? { warnings } : {}) };
        }
        const choice = chunk.choices?.[0] as Obj | undefined;
        const delta = (choice?.delta ?? {}) as Obj;
        if (typeof delta.content === 'string' && delta.content !== '') yield { type: 'text-delta', delta: delta.content };
        if (typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '') yield { type: 'reasoning-delta', delta: delta.reasoning_content };
        for (const t of (delta.tool_calls ?? []) as Obj[]) {
          yield { type: 'tool-call-delta', index: Number(t.index ?? 0), id: t.id ?? null, name: t.function?.name ?? null, argumentsDelta: String(t.function?.arguments ?? '') };
        }
        if (choice?.finish_reason) finish = mapFinish(choice.finish_reason);
        if (chunk.usage) usage = mapUsage(chunk.usage);
      }
    } catch (error) {
      throw mapOpenAIError(error, this.ctx('ai.streamChat', '/chat/completions', options.signal));
    }
    if (!started || finish === undefined) {
      // A connection cut can end the SSE body without an error: no finish_reason means the answer is incomplete.
      throw new ProviderCallError({ provider: this.id, operation: 'ai.streamChat', category: 'network', outcome: 'unknown', message: `${this.id} ai.streamChat: the stream ended before the model finished` });
    }
    yield { type: 'finish', finishReason: finish, usage, costUsd: this.cost(served, model, usage), raw: last };
  }

  async complete(input: CompleteInput, options: CallOptions = {}): Promise<CompletionResult> {
    const i = input as CompleteInput & Obj;
    const model = i.model ?? this.details.defaultCompletionModel ?? this.details.defaultModel!;
    const body: Obj = {
      model,
      prompt: i.prompt,
      ...(i.suffix !== undefined ? { suffix: i.suffix } : {}),
      ...(i.maxTokens !== undefined ? { max_tokens: i.maxTokens } : {}),
      ...(i.temperature !== undefined ? { temperature: i.temperature } : {}),
      ...(i.topP !== undefined ? { top_p: i.topP } : {}),
      ...(i.stop !== undefined ? { stop: i.stop } : {}),
      ...(i.seed !== undefined ? { seed: i.seed } : {}),
      ...(i.user !== undefined ? { user: i.user } : {}),
      ...(i.providerOptions?.openai ?? {}),
    };
    const { data } = await this.request('ai.complete', '/completions', options.signal, (o) => this.sdk.completions.create(body as never, o).withResponse());
    const res = data as Obj;
    const usage = mapUsage(res.usage);
    return {
      provider: this.id,
      id: String(res.id ?? ''),
      model: String(res.model ?? model),
      text: String(res.choices?.[0]?.text ?? ''),
      finishReason: mapFinish(res.choices?.[0]?.finish_reason),
      usage,
      costUsd: this.cost(String(res.model ?? model), model, usage),
      raw: res,
    };
  }

  async embed(input: EmbedInput, options: CallOptions = {}): Promise<EmbeddingResult> {
    const i = input as EmbedInput & Obj;
    const model = i.model ?? this.details.defaultEmbeddingModel!;
    const body: Obj = {
      model,
      input: i.input,
      encoding_format: 'float',
      ...(i.dimensions !== undefined ? { dimensions: i.dimensions } : {}),
      ...(i.user !== undefined ? { user: i.user } : {}),
      ...(i.providerOptions?.openai ?? {}),
    };
    const { data } = await this.request('ai.embed', '/embeddings', options.signal, (o) => this.sdk.embeddings.create(body as never, o).withResponse());
    const res = data as Obj;
    const items = ((res.data ?? []) as Obj[]).slice().sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
    const inputTokens = Number(res.usage?.prompt_tokens ?? 0);
    return {
      provider: this.id,
      model: String(res.model ?? model),
      embeddings: items.map((d) => d.embedding as number[]),
      usage: { inputTokens, totalTokens: Number(res.usage?.total_tokens ?? inputTokens) },
      costUsd: this.cost(String(res.model ?? model), model, { inputTokens, outputTokens: 0, totalTokens: inputTokens }),
      raw: res,
    };
  }

  /**
   * Models of the table that the vendor lists for this key (`GET /models`), filtered by
   * `capability`/`local`. `cursor` is an offset into that list.
   */
  async listModels(input: { capability?: 'vision' | 'tools' | 'json' | 'streaming' | 'embeddings'; local?: boolean; cursor?: string; limit?: number }, options: CallOptions = {}): Promise<Page<ModelInfo>> {
    const { data } = await this.request('ai.listModels', '/models', options.signal, (o) => this.sdk.models.list(o).withResponse());
    const vendor = new Map<string, Obj>();
    for await (const m of data as unknown as AsyncIterable<Obj>) vendor.set(String(m.id), m);
    const all = Object.entries(this.models)
      .filter(([id]) => vendor.has(id))
      .map(([id, e]) => modelInfoFromEntry(this.id, id, e, { local: this.settings.local, raw: vendor.get(id) }));
    return pageModelList(all, input, this.id);
  }

  /** One model: the vendor's `GET /models/{model}` joined with the model table. */
  async getModel(input: { model: string }, options: CallOptions = {}): Promise<ModelInfo> {
    const { data } = await this.request('ai.getModel', `/models/${input.model}`, options.signal, (o) => this.sdk.models.retrieve(input.model, o).withResponse());
    const entry = this.models[input.model];
    if (entry) return modelInfoFromEntry(this.id, input.model, entry, { local: this.settings.local, raw: data });
    const warnings: Warning[] = [{ type: 'partial', feature: 'capabilities', message: 'model not in the provider model table: capabilities, context window and price unknown' }];
    return { ...modelInfoFromEntry(this.id, input.model, { contextWindow: 4096 }, { local: this.settings.local, raw: data }), warnings };
  }

  // -------------------------------------------------------------------------------------------

  private chatBody(i: ChatIn): { body: Obj; warnings: Warning[]; model: string } {
    const model = i.model ?? this.details.defaultModel!;
    const warnings: Warning[] = [];
    const tools = i.tools?.map((t) => ({
      type: 'function',
      function: { name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), parameters: t.parameters, ...(t.strict !== undefined ? { strict: t.strict } : {}) },
    }));
    const toolChoice = i.toolChoice === undefined ? undefined : typeof i.toolChoice === 'string' ? i.toolChoice : { type: 'function', function: { name: i.toolChoice.name } };
    const rf = i.responseFormat;
    const responseFormat =
      rf === undefined || rf.type === 'text'
        ? undefined
        : rf.type === 'json'
          ? { type: 'json_object' }
          : { type: 'json_schema', json_schema: { name: rf.name ?? 'response', ...(rf.description ? { description: rf.description } : {}), schema: rf.schema, ...(rf.strict !== undefined ? { strict: rf.strict } : {}) } };
    const body: Obj = {
      model,
      messages: i.messages.map(toOpenAIMessage),
      ...(tools ? { tools } : {}),
      ...(toolChoice !== undefined ? { tool_choice: toolChoice } : {}),
      ...(i.parallelToolCalls !== undefined ? { parallel_tool_calls: i.parallelToolCalls } : {}),
      ...(i.temperature !== undefined ? { temperature: i.temperature } : {}),
      ...(i.topP !== undefined ? { top_p: i.topP } : {}),
      ...(i.maxTokens !== undefined ? { max_completion_tokens: i.maxTokens } : {}),
      ...(i.stop !== undefined ? { stop: i.stop } : {}),
      ...(i.seed !== undefined ? { seed: i.seed } : {}),
      ...(i.user !== undefined ? { user: i.user } : {}),
      ...(responseFormat ? { response_format: responseFormat } : {}),
      ...(i.reasoningEffort !== undefined ? { reasoning_effort: i.reasoningEffort } : {}),
      ...(i.cacheKey !== undefined ? { prompt_cache_key: i.cacheKey } : {}),
      ...((i.providerOptions?.openai as Obj | undefined) ?? {}),
    };
    return { body, warnings, model };
  }

  private cost(served: string, requested: string, usage: TokenUsage): number | null {
    const entry = this.models[served] ?? this.models[requested];
    if (entry?.pricing) return costOfUsage(entry.pricing, usage);
    if (entry && (entry.local ?? this.settings.local)) return 0;
    return null;
  }

  private ctx(operation: string, path: string, signal: AbortSignal | undefined) {
    return { provider: this.id, operation, url: `${this.settings.baseUrl}${path}`, signal, timeoutMs: this.settings.timeoutMs };
  }

  /** Runs one SDK call: passes the signal, reports rate-limit headers, maps errors. */
  private request<T>(operation: string, path: string, signal: AbortSignal | undefined, run: (o: { signal?: AbortSignal }) => Promise<{ data: T; response: Response }>): Promise<{ data: T; response: Response }> {
    return this.rateLimits.track(
      () => run(signal ? { signal } : {}),
      (error) => mapOpenAIError(error, this.ctx(operation, path, signal)),
    );
  }
}

function toOpenAIMessage(m: ChatMessage): Obj {
  switch (m.role) {
    case 'system':
      return { role: 'system', content: m.content };
    case 'user':
      if (typeof m.content === 'string') return { role: 'user', content: m.content };
      return {
        role: 'user',
        content: m.content.map((p) =>
          p.type === 'text'
            ? { type: 'text', text: p.text }
            : { type: 'image_url', image_url: { url: p.url ?? `data:${p.mediaType};base64,${p.data}`, ...(p.detail ? { detail: p.detail } : {}) } },
        ),
      };
    case 'assistant':
      return {
        role: 'assistant',
        content: m.content ?? null,
        ...(m.toolCalls?.length ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  }
}

function mapFinish(reason: unknown): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}

function mapUsage(u: Obj | null | undefined): TokenUsage {
  const inputTokens = Number(u?.prompt_tokens ?? 0);
  const outputTokens = Number(u?.completion_tokens ?? 0);
  return {
    inputTokens,
    outputTokens,
    totalTokens: Number(u?.total_tokens ?? inputTokens + outputTokens),
    ...(u?.prompt_tokens_details?.cached_tokens != null ? { cachedInputTokens: Number(u.prompt_tokens_details.cached_tokens) } : {}),
    ...(u?.completion_tokens_details?.reasoning_tokens != null ? { reasoningTokens: Number(u.completion_tokens_details.reasoning_tokens) } : {}),
  };
}

/**
 * Creates an OpenAI provider (see {@link OpenAIProviderSettings}).
 * @throws ConfigError when the settings are invalid
 */
export function createOpenAI(settings: OpenAIProviderSettings = {}): OpenAIProvider {
  return new OpenAIProvider(settings);
}
