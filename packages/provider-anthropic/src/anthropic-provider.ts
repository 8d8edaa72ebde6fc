import Anthropic from '@anthropic-ai/sdk';
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
import { anthropicRateLimit, mapAnthropicError } from './errors.js';
import { ANTHROPIC_DEFAULT_MODELS } from './models.js';
import { parseSettings, type AnthropicProviderSettings, type ResolvedAnthropicSettings } from './settings.js';
import { VERSION } from './version.js';

/**
 * The ai operations the Anthropic provider implements. Anthropic has no embeddings or legacy
 * completion API: `ai.embed` and `ai.complete` are declared unsupported (absent), so the router
 * never sends them here.
 */
export const ANTHROPIC_AI_OPERATIONS = ['ai.chat', 'ai.streamChat', 'ai.listModels', 'ai.getModel'] as const satisfies readonly OperationName[];

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Thinking token budgets for `reasoningEffort` (Anthropic extended thinking; minimum 1024). */
export const ANTHROPIC_THINKING_BUDGETS = { low: 1024, medium: 4096, high: 16_384 } as const;

/**
 * Anthropic Claude as a Mosaic ai provider, over the official `@anthropic-ai/sdk` with its
 * retries off (`maxRetries: 0`). Vendor docs: Messages API (tool use, vision, streaming
 * events, stop reasons), Models API, errors (529 `overloaded_error`) and rate-limit headers
 * (https://docs.anthropic.com/en/api).
 *
 * Mapping: `system` messages go to the `system` field; `tool` messages become `tool_result`
 * blocks of a user turn; assistant `toolCalls` become `tool_use` blocks; JSON output is asked
 * for in the system prompt (warning `unsupported: responseFormat`); `temperature` above 1 is
 * clamped (warning); `seed` is ignored (warning); `cacheKey` puts a cache breakpoint on the
 * system prompt. Costs: input (cache reads at the cached price) and output at the table's prices.
 */
export class AnthropicProvider implements AiProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly vendor = 'anthropic';
  readonly serviceType = 'ai' as const;
  readonly id: string;
  readonly capabilities: CapabilitiesV1;
  readonly models: Readonly<Record<string, AiModelEntry>>;
  private readonly settings: ResolvedAnthropicSettings;
  private client: Anthropic | undefined;
  private logger: Logger | undefined;
  private readonly tokens: TokenTracker;
  private readonly rateLimits: AiRateLimitTracker;

  constructor(settings: AnthropicProviderSettings = {}) {
    this.settings = parseSettings(settings);
    this.id = this.settings.id;
    this.tokens = new TokenTracker(this.settings);
    this.logger = this.settings.logger;
    this.rateLimits = new AiRateLimitTracker({ provider: this.id, read: anthropicRateLimit, logger: () => this.logger });
    this.models = Object.freeze({ ...(this.settings.includeDefaultModels ? ANTHROPIC_DEFAULT_MODELS : {}), ...this.settings.models });
    const ids = Object.keys(this.models);
    const details: AiProviderDetails = {
      models: this.models as Record<string, AiModelEntry>,
      defaultModel: this.settings.defaultModel ?? (this.models['claude-haiku-4-5'] ? 'claude-haiku-4-5' : ids[0]),
      local: false,
    };
    this.capabilities = { operations: ANTHROPIC_AI_OPERATIONS, features: { streaming: true, pagination: true }, details: details as unknown as Record<string, unknown> };
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
  get sdk(): Anthropic {
    this.client ??= new Anthropic({
      apiKey: async () => this.readToken(),
      baseURL: this.settings.baseUrl,
      maxRetries: 0,
      timeout: this.settings.timeoutMs,
      defaultHeaders: {
        'user-agent': `mosaic-provider-anthropic/${VERSION}`,
        ...(this.settings.anthropicVersion ? { 'anthropic-version': this.settings.anthropicVersion } : {}),
        ...this.settings.headers,
      },
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
      await this.request('healthCheck', '/v1/models', signal, (o) => this.sdk.models.list({ limit: 1 }, o).withResponse());
      const latencyMs = Math.round(performance.now() - started);
      const rateLimit = this.rateLimits.state;
      if (rateLimit?.remaining === 0) return { status: 'degraded', latencyMs, checkedAt, detail: `${rateLimit.resource ?? 'rate'} limit exhausted` };
      return { status: 'healthy', latencyMs, checkedAt };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      return { status: 'unhealthy', latencyMs: Math.round(performance.now() - started), checkedAt, detail: (error as Error).message };
    }
  }

  async chat(input: ChatInput, options: CallOptions = {}): Promise<ChatResult> {
    const { body, warnings, model } = this.messagesBody(input);
    const { data } = await this.request('ai.chat', '/v1/messages', options.signal, (o) => this.sdk.messages.create({ ...body, stream: false } as never, o).withResponse());
    const res = data as unknown as Obj;
    let text = '';
    let reasoning = '';
    const toolCalls: Array<{ id: string; name: string; arguments: string }> = [];
    for (const block of (res.content ?? []) as Obj[]) {
      if (block.type === 'text') text += block.text;
      else if (block.type === 'thinking') reasoning += block.thinking ?? '';
      else if (block.type === 'tool_use') toolCalls.push({ id: String(block.id), name: String(block.name), arguments: JSON.stringify(block.input ?? {}) });
    }
    const usage = mapUsage(res.usage);
    return {
      provider: this.id,
      id: String(res.id ?? ''),
      model: String(res.model ?? model),
      message: { role: 'assistant', content: text === '' && toolCalls.length ? null : text, ...(reasoning ? { reasoning } : {}), toolCalls },
      finishReason: mapStop(res.stop_reason),
      usage,
      costUsd: this.cost(String(res.model ?? model), model, usage),
      ...(warnings.length ? { warnings } : {}),
      raw: res,
    };
  }

  async *streamChat(input: ChatInput, options: CallOptions = {}): AsyncIterable<ChatStreamChunk> {
    const { body, warnings, model } = this.messagesBody(input);
    const { data: stream } = await this.request('ai.streamChat', '/v1/messages', options.signal, (o) => this.sdk.messages.create({ ...body, stream: true } as never, o).withResponse());
    let served = model;
    let inputUsage: Obj = {};
    let outputTokens = 0;
    let stop: FinishReason | undefined;
    let done = false;
    const toolIndex = new Map<number, number>(); // content block index → tool call index
    let last: Obj | undefined;
    try {
      for await (const event of stream as unknown as AsyncIterable<Obj>) {
        last = event;
        switch (event.type) {
          case 'message_start':
            served = String(event.message?.model ?? model);
            inputUsage = event.message?.usage ?? {};
            outputTokens = Number(inputUsage.output_tokens ?? 0);
            yield { type: 'start', id: event.message?.id ?? null, model: served, provider: this.id, ...(warnings.length ? { warnings } : {}) };
            break;
          case 'content_block_start':
            if (event.content_block?.type === 'tool_use') {
              const index = toolIndex.size;
              toolIndex.set(Number(event.index), index);
              yield { type: 'tool-call-delta', index, id: event.content_block.id ?? null, name: event.content_block.name ?? null, argumentsDelta: '' };
            } else if (event.content_block?.type === 'text' && event.content_block.text) {
              yield { type: 'text-delta', delta: event.content_block.text };
            }
            break;
          case 'content_block_delta': {
            const d = event.delta ?? {};
            if (d.type === 'text_delta' && d.text) yield { type: 'text-delta', delta: d.text };
            else if (d.type === 'thinking_delta' && d.thinking) yield { type: 'reasoning-delta', delta: d.thinking };
            else if (d.type === 'input_json_delta' && toolIndex.has(Number(event.index))) {
              yield { type: 'tool-call-delta', index: toolIndex.get(Number(event.index))!, argumentsDelta: String(d.partial_json ?? '') };
            }
            break;
          }
          case 'message_delta':
            if (event.delta?.stop_reason) stop = mapStop(event.delta.stop_reason);
            if (event.usage?.output_tokens != null) outputTokens = Number(event.usage.output_tokens);
            if (event.usage?.input_tokens != null) inputUsage = { ...inputUsage, ...pick(event.usage, ['input_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens']) };
            break;
          case 'message_stop':
            done = true;
            break;
          default:
            break;
        }
      }
    } catch (error) {
      throw mapAnthropicError(error, this.ctx('ai.streamChat', '/v1/messages', options.signal));
    }
    if (!done || stop === undefined) {
      throw new ProviderCallError({ provider: this.id, operation: 'ai.streamChat', category: 'network', outcome: 'unknown', message: `${this.id} ai.streamChat: the stream ended before message_stop` });
    }
    const usage = mapUsage({ ...inputUsage, output_tokens: outputTokens });
    yield { type: 'finish', finishReason: stop, usage, costUsd: this.cost(served, model, usage), raw: last };
  }

  /** Models of the table that the vendor lists (`GET /v1/models`), filtered by `capability`/`local`; `cursor` is an offset. */
  async listModels(input: { capability?: 'vision' | 'tools' | 'json' | 'streaming' | 'embeddings'; local?: boolean; cursor?: string; limit?: number }, options: CallOptions = {}): Promise<Page<ModelInfo>> {
    // Pages are fetched one by one (not with the SDK's auto-pagination, which follows a repeating
    // `last_id` forever): each through `request` (classified errors, the caller's signal), a
    // cursor seen before or more than 100 pages end the call with an error.
    const vendor = new Map<string, Obj>();
    const seen = new Set<string>();
    let afterId: string | undefined;
    for (let pages = 1; ; pages++) {
      const after = afterId;
      const { data } = await this.request('ai.listModels', '/v1/models', options.signal, (o) => this.sdk.models.list({ limit: 1000, ...(after ? { after_id: after } : {}) }, o).withResponse());
      const page = data as unknown as { data: Obj[]; has_more?: boolean; last_id?: string | null };
      for (const m of page.data ?? []) vendor.set(String(m.id), m);
      if (!page.has_more || !page.last_id) break;
      if (seen.has(page.last_id) || pages >= 100) {
        throw new ProviderCallError({ provider: this.id, operation: 'ai.listModels', category: 'unknown', message: `${this.id} ai.listModels: the vendor's pagination does not advance (last_id ${page.last_id} seen before, or more than 100 pages)` });
      }
      seen.add(page.last_id);
      afterId = page.last_id;
    }
    // The vendor lists dated snapshots (`claude-sonnet-4-5-20250929`) of the table's aliases.
    const vendorOf = (id: string): Obj | undefined => vendor.get(id) ?? [...vendor.entries()].find(([v]) => v.startsWith(`${id}-`))?.[1];
    const all = Object.entries(this.models)
      .filter(([id]) => vendorOf(id) !== undefined)
      .map(([id, e]) => modelInfoFromEntry(this.id, id, { displayName: vendorOf(id)?.display_name, ...e }, { raw: vendorOf(id) }));
    return pageModelList(all, input, this.id);
  }

  /** One model: `GET /v1/models/{model}` joined with the model table. */
  async getModel(input: { model: string }, options: CallOptions = {}): Promise<ModelInfo> {
    const { data } = await this.request('ai.getModel', `/v1/models/${input.model}`, options.signal, (o) => this.sdk.models.retrieve(input.model, {}, o).withResponse());
    const raw = data as unknown as Obj;
    const entry = this.models[input.model] ?? this.models[String(raw.id)];
    if (entry) return modelInfoFromEntry(this.id, input.model, { displayName: raw.display_name, ...entry }, { raw });
    const warnings: Warning[] = [{ type: 'partial', feature: 'capabilities', message: 'model not in the provider model table: capabilities, context window and price unknown' }];
    return { ...modelInfoFromEntry(this.id, input.model, { contextWindow: 200_000, displayName: raw.display_name }, { raw }), warnings };
  }

  // -------------------------------------------------------------------------------------------

  private messagesBody(i: ChatInput): { body: Obj; warnings: Warning[]; model: string } {
    const model = i.model ?? this.details.defaultModel!;
    const entry = this.models[model];
    const warnings: Warning[] = [];
    const system: string[] = [];
    const messages: Obj[] = [];
    const push = (role: 'user' | 'assistant', blocks: Obj[]) => {
      const prev = messages.at(-1);
      if (prev && prev.role === role) prev.content.push(...blocks);
      else messages.push({ role, content: blocks });
    };
    for (const m of i.messages as ChatMessage[]) {
      if (m.role === 'system') system.push(m.content);
      else if (m.role === 'user') push('user', typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content.map(toBlock));
      else if (m.role === 'assistant') {
        const blocks: Obj[] = [];
        if (m.content) blocks.push({ type: 'text', text: m.content });
        for (const c of m.toolCalls ?? []) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: parseArgs(c.arguments) });
        push('assistant', blocks);
      } else push('user', [{ type: 'tool_result', tool_use_id: m.toolCallId, content: m.content, ...(m.isError ? { is_error: true } : {}) }]);
    }
    const rf = i.responseFormat;
    if (rf && rf.type !== 'text') {
      warnings.push({ type: 'unsupported', feature: 'responseFormat', message: 'Anthropic has no JSON mode: JSON was requested in the system prompt' });
      system.push(rf.type === 'json' ? 'Respond with a single JSON object and nothing else.' : `Respond with a single JSON object matching this JSON Schema, and nothing else:\n${JSON.stringify(rf.schema)}`);
    }
    let temperature = i.temperature;
    if (temperature !== undefined && temperature > 1) {
      warnings.push({ type: 'unsupported', feature: 'temperature', message: `clamped ${temperature} to 1 (Anthropic accepts 0–1)` });
      temperature = 1;
    }
    if (i.seed !== undefined) warnings.push({ type: 'unsupported', feature: 'seed' });
    const maxTokens = i.maxTokens ?? this.settings.defaultMaxTokens ?? entry?.maxOutputTokens ?? 4096;
    const toolChoice =
      i.toolChoice === undefined && i.parallelToolCalls === undefined
        ? undefined
        : {
            ...(i.toolChoice === undefined || i.toolChoice === 'auto' ? { type: 'auto' } : i.toolChoice === 'none' ? { type: 'none' } : i.toolChoice === 'required' ? { type: 'any' } : { type: 'tool', name: i.toolChoice.name }),
            ...(i.parallelToolCalls === false && i.toolChoice !== 'none' ? { disable_parallel_tool_use: true } : {}),
          };
    const systemField = system.length === 0 ? undefined : i.cacheKey ? [{ type: 'text', text: system.join('\n\n'), cache_control: { type: 'ephemeral' } }] : system.join('\n\n');
    const body: Obj = {
      model,
      max_tokens: maxTokens,
      messages,
      ...(systemField !== undefined ? { system: systemField } : {}),
      ...(i.tools ? { tools: i.tools.map((t) => ({ name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), input_schema: t.parameters })) } : {}),
      ...(toolChoice ? { tool_choice: toolChoice } : {}),
      ...(temperature !== undefined ? { temperature } : {}),
      ...(i.topP !== undefined ? { top_p: i.topP } : {}),
      ...(i.stop !== undefined ? { stop_sequences: [i.stop].flat() } : {}),
      ...(i.user !== undefined ? { metadata: { user_id: i.user } } : {}),
      ...(i.reasoningEffort !== undefined ? { thinking: { type: 'enabled', budget_tokens: Math.min(ANTHROPIC_THINKING_BUDGETS[i.reasoningEffort], Math.max(1024, maxTokens - 1)) } } : {}),
      ...((i.providerOptions?.anthropic as Obj | undefined) ?? {}),
    };
    return { body, warnings, model };
  }

  private cost(served: string, requested: string, usage: TokenUsage): number | null {
    // The serving model first (exact, then a dated snapshot of a table alias), then the requested one.
    const entry = this.models[served] ?? Object.entries(this.models).find(([id]) => served.startsWith(`${id}-`))?.[1] ?? this.models[requested];
    return entry?.pricing ? costOfUsage(entry.pricing, usage) : null;
  }

  private ctx(operation: string, path: string, signal: AbortSignal | undefined) {
    return { provider: this.id, operation, url: `${this.settings.baseUrl}${path}`, signal, timeoutMs: this.settings.timeoutMs };
  }

  private request<T>(operation: string, path: string, signal: AbortSignal | undefined, run: (o: { signal?: AbortSignal }) => Promise<{ data: T; response: Response }>): Promise<{ data: T; response: Response }> {
    return this.rateLimits.track(
      () => run(signal ? { signal } : {}),
      (error) => mapAnthropicError(error, this.ctx(operation, path, signal)),
    );
  }
}

function toBlock(p: { type: 'text'; text: string } | { type: 'image'; url?: string | undefined; data?: string | undefined; mediaType?: string | undefined }): Obj {
  if (p.type === 'text') return { type: 'text', text: p.text };
  if (p.data !== undefined) return { type: 'image', source: { type: 'base64', media_type: p.mediaType, data: p.data } };
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(p.url ?? '');
  if (m) return { type: 'image', source: { type: 'base64', media_type: m[1], data: m[2] } };
  return { type: 'image', source: { type: 'url', url: p.url } };
}

function parseArgs(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function pick(o: Obj, keys: string[]): Obj {
  return Object.fromEntries(keys.filter((k) => o[k] != null).map((k) => [k, o[k]]));
}

function mapStop(reason: unknown): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}

/** Anthropic reports uncached, cache-read and cache-write input separately; the unified input count is their sum. */
function mapUsage(u: Obj | null | undefined): TokenUsage {
  const read = Number(u?.cache_read_input_tokens ?? 0);
  const write = Number(u?.cache_creation_input_tokens ?? 0);
  const inputTokens = Number(u?.input_tokens ?? 0) + read + write;
  const outputTokens = Number(u?.output_tokens ?? 0);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, ...(u?.cache_read_input_tokens != null ? { cachedInputTokens: read } : {}) };
}

/**
 * Creates an Anthropic provider (see {@link AnthropicProviderSettings}).
 * @throws ConfigError when the settings are invalid
 */
export function createAnthropic(settings: AnthropicProviderSettings = {}): AnthropicProvider {
  return new AnthropicProvider(settings);
}
