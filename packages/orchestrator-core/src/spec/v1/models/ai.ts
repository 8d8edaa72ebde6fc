/**
 * Unified LLM models and operation inputs (OpenAI and OpenAI-compatible servers, Anthropic,
 * Ollama, …).
 *
 * Units: token counts are tokens as the serving model counts them; money is US dollars
 * (`costUsd`, prices per million tokens); durations are milliseconds.
 *
 * Routing: `model` is optional. Without it the router picks a provider and the provider its
 * default model; routing patterns read the resource id `ai:model/<model or "auto">`.
 * `privacy: 'local'` restricts routing to providers whose models run on infrastructure the
 * host controls ({@link ModelInfo.local}).
 *
 * Streaming: `ai.streamChat` yields {@link ChatStreamChunk}s: one `start`, any number of
 * `text-delta` / `reasoning-delta` / `tool-call-delta`, then one `finish`. Failures are thrown from the iterator
 * as Mosaic errors (there is no error chunk); once a chunk was yielded the call does not fail
 * over transparently: it ends with a `MidStreamError` carrying the partial output, unless the
 * host opted in to continuing on a fallback (`createOrchestrator({ ai: { streamFailover } })`).
 *
 * Vendor docs followed: OpenAI Chat Completions, Completions, Embeddings and Models APIs and
 * the organization Usage/Costs API; Anthropic Messages API (tool use, images, stop reasons),
 * Models API; Ollama `/api/chat`, `/api/embed`, `/api/tags`, `/api/show`.
 * @module
 */
import { z } from 'zod';
import { listInputFields, modelBase, nameString, timestamp } from './common.js';

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** A text part of a message. */
export const textPartSchema = z.strictObject({ type: z.literal('text'), text: z.string() });
/** See {@link textPartSchema}. */
export type TextPart = z.infer<typeof textPartSchema>;

/** Image media types every vision vendor accepts. */
export const imageMediaTypeSchema = z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * An image part: by `url` (http(s) or `data:` URL), or inline as base64 `data` with its
 * `mediaType`. Exactly one of `url` and `data`. `detail` is OpenAI's resolution hint (others ignore it).
 */
export const imagePartSchema = z
  .strictObject({
    type: z.literal('image'),
    url: z.url({ protocol: /^(https?|data)$/ }).optional(),
    /** Base64 image bytes (no `data:` prefix). */
    data: z.base64().optional(),
    mediaType: imageMediaTypeSchema.optional(),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.url === undefined) === (p.data === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an image part needs exactly one of url and data' });
    }
    if (p.data !== undefined && p.mediaType === undefined) {
      ctx.addIssue({ code: 'custom', path: ['mediaType'], message: 'inline image data needs a mediaType' });
    }
  });
/** See {@link imagePartSchema}. */
export type ImagePart = z.infer<typeof imagePartSchema>;

/** A part of a user message: text or image. */
export const contentPartSchema = z.discriminatedUnion('type', [textPartSchema, imagePartSchema]);
/** See {@link contentPartSchema}. */
export type ContentPart = z.infer<typeof contentPartSchema>;

/** A tool call the model made. `arguments` is the JSON text the model produced (it may be invalid JSON). */
export const toolCallSchema = z.object({
  /** Id the tool result refers to (`toolCallId`). */
  id: z.string().min(1),
  name: z.string().min(1),
  /** Arguments as a JSON string, exactly as generated. */
  arguments: z.string(),
});
/** See {@link toolCallSchema}. */
export type ToolCall = z.infer<typeof toolCallSchema>;

/** A system (instructions) message. Vendors with a separate system field (Anthropic) receive them there. */
export const systemMessageSchema = z.strictObject({ role: z.literal('system'), content: z.string() });
/** A user message: a string or text/image parts. */
export const userMessageSchema = z.strictObject({
  role: z.literal('user'),
  content: z.union([z.string(), z.array(contentPartSchema).min(1)]),
});
/** An earlier assistant turn: text and/or the tool calls it made. */
export const assistantMessageSchema = z
  .strictObject({
    role: z.literal('assistant'),
    content: z.string().nullish(),
    toolCalls: z.array(z.strictObject(toolCallSchema.shape)).optional(),
  })
  .refine((m) => (m.content ?? '') !== '' || (m.toolCalls?.length ?? 0) > 0, {
    message: 'an assistant message needs content or toolCalls',
  });
/** The result of a tool call, answering the assistant's `toolCalls[].id`. */
export const toolMessageSchema = z.strictObject({
  role: z.literal('tool'),
  toolCallId: z.string().min(1),
  content: z.string(),
  /** The tool failed; `content` is the error text (Anthropic `is_error`). */
  isError: z.boolean().optional(),
});

/** A chat message, by `role`: `system`, `user`, `assistant`, `tool`. */
export const chatMessageSchema = z.discriminatedUnion('role', [
  systemMessageSchema,
  userMessageSchema,
  assistantMessageSchema,
  toolMessageSchema,
]);
/** See {@link chatMessageSchema}. */
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** Tool names: 1–64 letters, digits, `_` or `-` (the strictest vendor rule, shared by OpenAI and Anthropic). */
const toolName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'tool names are 1–64 letters, digits, _ or -');

/** A tool (function) the model may call. */
export const toolDefinitionSchema = z.strictObject({
  name: toolName,
  description: z.string().optional(),
  /** JSON Schema of the arguments object (`{ type: 'object', properties: {…}, required: [...] }`). */
  parameters: z.record(z.string(), z.unknown()),
  /** Ask the vendor to enforce the schema exactly (OpenAI `strict`); a warning elsewhere. */
  strict: z.boolean().optional(),
});
/** See {@link toolDefinitionSchema}. */
export type ToolDefinition = z.infer<typeof toolDefinitionSchema>;

/** Whether and which tool the model must call: `auto` (default), `none`, `required` (any tool), or one tool by name. */
export const toolChoiceSchema = z.union([z.enum(['auto', 'none', 'required']), z.strictObject({ name: toolName })]);
/** See {@link toolChoiceSchema}. */
export type ToolChoice = z.infer<typeof toolChoiceSchema>;

/**
 * Output format: free `text` (default), any JSON object (`json`), or JSON matching `schema`
 * (`json_schema`; vendors without structured outputs get the schema in the prompt and a warning).
 */
export const responseFormatSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({ type: z.literal('json') }),
  z.strictObject({
    type: z.literal('json_schema'),
    /** Schema name (OpenAI requires one; default `response`). */
    name: toolName.optional(),
    description: z.string().optional(),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().optional(),
  }),
]);
/** See {@link responseFormatSchema}. */
export type ResponseFormat = z.infer<typeof responseFormatSchema>;

/**
 * Where the request may be served: `standard` (any configured provider) or `local` (only
 * providers whose models run on infrastructure the host controls, e.g. Ollama; never a
 * third-party API). With `local` and no local provider the call fails; it never falls back.
 */
export const privacySchema = z.enum(['standard', 'local']);
/** See {@link privacySchema}. */
export type Privacy = z.infer<typeof privacySchema>;

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/**
 * Why generation stopped: `stop` (natural end or stop sequence), `length` (maxTokens or
 * context limit), `tool-calls`, `content-filter`, `error`, `other`.
 */
export const finishReasonSchema = z.enum(['stop', 'length', 'tool-calls', 'content-filter', 'error', 'other']);
/** See {@link finishReasonSchema}. */
export type FinishReason = z.infer<typeof finishReasonSchema>;

/** Token usage of one call. */
export const tokenUsageSchema = z.object({
  /** Prompt tokens, including cached ones. */
  inputTokens: z.number().int().nonnegative(),
  /** Generated tokens, including reasoning tokens. */
  outputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  /** Input tokens read from the vendor's prompt cache (billed at a lower rate). */
  cachedInputTokens: z.number().int().nonnegative().nullish(),
  /** Output tokens spent on hidden reasoning. */
  reasoningTokens: z.number().int().nonnegative().nullish(),
});
/** See {@link tokenUsageSchema}. */
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/** The assistant message of a chat result. */
export const assistantOutputSchema = z.object({
  role: z.literal('assistant').default('assistant'),
  /** Generated text; null when the model only called tools. */
  content: z.string().nullish(),
  /** Reasoning text the vendor returned (Anthropic thinking, Ollama `thinking`), when it returns any. */
  reasoning: z.string().nullish(),
  toolCalls: z.array(toolCallSchema).default([]),
});
/** See {@link assistantOutputSchema}. */
export type AssistantOutput = z.infer<typeof assistantOutputSchema>;

/** Result of `ai.chat`. */
export const chatResultSchema = z.object({
  ...modelBase,
  /** Vendor response id. */
  id: z.string(),
  /** The model that actually served the call (may differ from the requested alias). */
  model: z.string(),
  message: assistantOutputSchema,
  finishReason: finishReasonSchema,
  usage: tokenUsageSchema,
  /** Cost of the call in US dollars, from the provider's price table or the vendor's report. */
  costUsd: z.number().nonnegative().nullish(),
});
/** See {@link chatResultSchema}. */
export type ChatResult = z.infer<typeof chatResultSchema>;

/**
 * One chunk of `ai.streamChat`, by `type`:
 * - `start` (first, once): response `id`, serving `model`, `provider`, `warnings`.
 * - `text-delta`: the next piece of assistant text.
 * - `reasoning-delta`: the next piece of reasoning text, from vendors that stream it.
 * - `tool-call-delta`: part of tool call number `index`; `id` and `name` come with its first
 *   delta, `argumentsDelta` pieces concatenate to the arguments JSON.
 * - `finish` (last, once): `finishReason`, `usage`, `costUsd`, and the vendor's final object in `raw`.
 *
 * Errors are thrown from the iterator, not sent as chunks.
 */
export const chatStreamChunkSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    id: z.string().nullish(),
    model: z.string(),
    provider: z.string(),
    warnings: modelBase.warnings,
  }),
  z.object({ type: z.literal('text-delta'), delta: z.string() }),
  z.object({ type: z.literal('reasoning-delta'), delta: z.string() }),
  z.object({
    type: z.literal('tool-call-delta'),
    /** Position of the tool call in the message (0-based); deltas of one call share it. */
    index: z.number().int().nonnegative(),
    id: z.string().nullish(),
    name: z.string().nullish(),
    argumentsDelta: z.string(),
  }),
  z.object({
    type: z.literal('finish'),
    finishReason: finishReasonSchema,
    usage: tokenUsageSchema,
    costUsd: z.number().nonnegative().nullish(),
    raw: modelBase.raw,
  }),
]);
/** See {@link chatStreamChunkSchema}. */
export type ChatStreamChunk = z.infer<typeof chatStreamChunkSchema>;

/** Result of `ai.complete` (legacy text completion). */
export const completionResultSchema = z.object({
  ...modelBase,
  id: z.string(),
  model: z.string(),
  text: z.string(),
  finishReason: finishReasonSchema,
  usage: tokenUsageSchema,
  /** US dollars. */
  costUsd: z.number().nonnegative().nullish(),
});
/** See {@link completionResultSchema}. */
export type CompletionResult = z.infer<typeof completionResultSchema>;

/** Result of `ai.embed`: one vector per input, in input order. */
export const embeddingResultSchema = z.object({
  ...modelBase,
  model: z.string(),
  embeddings: z.array(z.array(z.number())),
  usage: z.object({
    inputTokens: z.number().int().nonnegative(),
    totalTokens: z.number().int().nonnegative().nullish(),
  }),
  /** US dollars. */
  costUsd: z.number().nonnegative().nullish(),
});
/** See {@link embeddingResultSchema}. */
export type EmbeddingResult = z.infer<typeof embeddingResultSchema>;

/** What a model can do. */
export const modelCapabilitiesSchema = z.object({
  /** Accepts image parts. */
  vision: z.boolean(),
  /** Calls tools. */
  tools: z.boolean(),
  /** Honours `responseFormat` `json` / `json_schema` natively. */
  json: z.boolean(),
  streaming: z.boolean(),
  /** Is an embedding model. */
  embeddings: z.boolean(),
});
/** See {@link modelCapabilitiesSchema}. */
export type ModelCapabilities = z.infer<typeof modelCapabilitiesSchema>;

/** Price of a model in US dollars per million tokens. */
export const modelPricingSchema = z.object({
  inputPerMillionUsd: z.number().nonnegative(),
  outputPerMillionUsd: z.number().nonnegative(),
  cachedInputPerMillionUsd: z.number().nonnegative().nullish(),
});
/** See {@link modelPricingSchema}. */
export type ModelPricing = z.infer<typeof modelPricingSchema>;

/** A model a provider serves (`provider` is the serving provider's id). */
export const modelInfoSchema = z.object({
  ...modelBase,
  /** Model id to pass as `model` (`gpt-4.1-mini`, `claude-sonnet-4-5`, `llama3.2:3b`). */
  id: z.string(),
  displayName: z.string().nullish(),
  /** Maximum input + output tokens. */
  contextWindow: z.number().int().positive(),
  /** Maximum output tokens per call. */
  maxOutputTokens: z.number().int().positive().nullish(),
  capabilities: modelCapabilitiesSchema,
  /** Null for local models or when unknown. */
  pricing: modelPricingSchema.nullish(),
  /** Runs on infrastructure the host controls (eligible for `privacy: 'local'`). */
  local: z.boolean(),
  createdAt: timestamp.nullish(),
});
/** See {@link modelInfoSchema}. */
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/** Usage in one time bucket of {@link usageReportSchema}. */
export const usageBucketSchema = z.object({
  start: timestamp,
  end: timestamp,
  model: z.string().nullish(),
  requests: z.number().int().nonnegative().nullish(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  /** US dollars. */
  costUsd: z.number().nonnegative().nullish(),
});
/** See {@link usageBucketSchema}. */
export type UsageBucket = z.infer<typeof usageBucketSchema>;

/** Result of `ai.getUsage`: totals over the period and per-bucket figures. */
export const usageReportSchema = z.object({
  ...modelBase,
  start: timestamp,
  end: timestamp,
  requests: z.number().int().nonnegative().nullish(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  /** US dollars. */
  costUsd: z.number().nonnegative().nullish(),
  buckets: z.array(usageBucketSchema).default([]),
});
/** See {@link usageReportSchema}. */
export type UsageReport = z.infer<typeof usageReportSchema>;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** Vendor-only options keyed by vendor (`{ openai: { logprobs: true } }`); a provider reads only its own key. */
const providerOptions = z.record(z.string(), z.record(z.string(), z.unknown()));

const samplingFields = {
  /** Model id; default: the router and provider choose. */
  model: z.string().min(1).optional(),
  /** 0–2 (Anthropic accepts 0–1: higher values are clamped with a warning). */
  temperature: z.number().min(0).max(2).optional(),
  /** Nucleus sampling, 0–1. */
  topP: z.number().min(0).max(1).optional(),
  /** Maximum output tokens. Anthropic requires one: its provider defaults to the model's maximum. */
  maxTokens: z.number().int().positive().optional(),
  /** Stop sequences (at most 4, OpenAI's limit). */
  stop: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(4)]).optional(),
  /** Sampling seed for best-effort determinism (a warning where unsupported). */
  seed: z.number().int().optional(),
  privacy: privacySchema.default('standard'),
  /** End-user id forwarded to the vendor for abuse monitoring (OpenAI `user`/`safety_identifier`, Anthropic `metadata.user_id`). */
  user: z.string().min(1).optional(),
  providerOptions: providerOptions.optional(),
};

/** Input of `ai.chat` and `ai.streamChat`. */
export const chatInputSchema = z
  .strictObject({
    ...samplingFields,
    messages: z.array(chatMessageSchema).min(1),
    tools: z.array(toolDefinitionSchema).optional(),
    toolChoice: toolChoiceSchema.optional(),
    /** Let the model call several tools in one turn (default: vendor default, usually true). */
    parallelToolCalls: z.boolean().optional(),
    responseFormat: responseFormatSchema.optional(),
    /**
     * How much hidden reasoning a reasoning model may do (OpenAI `reasoning_effort`; Anthropic:
     * the provider maps it to an extended-thinking token budget). Models without reasoning
     * ignore it with an `unsupported` warning.
     */
    reasoningEffort: z.enum(['low', 'medium', 'high']).optional(),
    /**
     * Prompt-cache key: requests sharing a long prefix and this key are routed so the vendor's
     * prompt cache can serve the prefix (OpenAI `prompt_cache_key`; Anthropic: cache breakpoint
     * on the system prompt and tools). Routing keeps one key on one provider when it can.
     */
    cacheKey: z.string().min(1).max(256).optional(),
  })
  .superRefine((i, ctx) => {
    const names = new Set<string>();
    i.tools?.forEach((t, k) => {
      if (names.has(t.name)) ctx.addIssue({ code: 'custom', path: ['tools', k, 'name'], message: `duplicate tool name ${t.name}` });
      names.add(t.name);
    });
    if (i.toolChoice !== undefined && i.toolChoice !== 'auto' && i.toolChoice !== 'none') {
      if (names.size === 0) ctx.addIssue({ code: 'custom', path: ['toolChoice'], message: 'toolChoice needs tools' });
      else if (typeof i.toolChoice === 'object' && !names.has(i.toolChoice.name)) {
        ctx.addIssue({ code: 'custom', path: ['toolChoice', 'name'], message: `no tool named ${i.toolChoice.name}` });
      }
    }
    // Every tool result must answer a tool call made earlier in the conversation.
    const callIds = new Set<string>();
    i.messages.forEach((m, k) => {
      if (m.role === 'assistant') m.toolCalls?.forEach((c) => callIds.add(c.id));
      if (m.role === 'tool' && !callIds.has(m.toolCallId)) {
        ctx.addIssue({ code: 'custom', path: ['messages', k, 'toolCallId'], message: `no earlier tool call with id ${m.toolCallId}` });
      }
    });
  });
/** Input of `ai.chat`, as callers write it. */
export type ChatInput = z.input<typeof chatInputSchema>;

/** Input of `ai.complete` (legacy text completion: OpenAI `/v1/completions`, Ollama `/api/generate`). */
export const completeInputSchema = z.strictObject({
  ...samplingFields,
  prompt: z.string().min(1),
  /** Text after the insertion point (fill-in-the-middle), where supported. */
  suffix: z.string().optional(),
});
/** Input of `ai.complete`, as callers write it. */
export type CompleteInput = z.input<typeof completeInputSchema>;

/** Input of `ai.embed`: at most 2,048 inputs per call (OpenAI's limit). */
export const embedInputSchema = z.strictObject({
  model: z.string().min(1).optional(),
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2048)]),
  /** Output vector length, for models that can shorten theirs (OpenAI `text-embedding-3-*`). */
  dimensions: z.number().int().positive().max(16_384).optional(),
  privacy: privacySchema.default('standard'),
  user: z.string().min(1).optional(),
  providerOptions: providerOptions.optional(),
});
/** Input of `ai.embed`, as callers write it. */
export type EmbedInput = z.input<typeof embedInputSchema>;

/** Input of `ai.listModels`. */
export const listModelsInputSchema = z.strictObject({
  /** Only models with this capability. */
  capability: z.enum(['vision', 'tools', 'json', 'streaming', 'embeddings']).optional(),
  /** Only local (true) or only remote (false) models. */
  local: z.boolean().optional(),
  ...listInputFields,
});
/** Input of `ai.getModel`. */
export const getModelInputSchema = z.strictObject({ model: nameString });

/** Input of `ai.getUsage`: usage between `start` (inclusive) and `end` (exclusive), ISO-8601 with offset. */
export const getUsageInputSchema = z
  .strictObject({
    start: z.iso.datetime({ offset: true }),
    /** Default: now. */
    end: z.iso.datetime({ offset: true }).optional(),
    /** Only this model. */
    model: z.string().min(1).optional(),
    /** Bucket width; default `day`. */
    bucket: z.enum(['hour', 'day']).default('day'),
  })
  .refine((i) => i.end === undefined || Date.parse(i.end) > Date.parse(i.start), { message: 'end must be after start', path: ['end'] });
