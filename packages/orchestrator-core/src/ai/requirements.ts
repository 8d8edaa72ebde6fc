import type { ChatMessage, ModelPricing } from '../spec/v1/models/ai.js';
import { costOfUsage, resolvePricing, type AiPriceTable } from './cost.js';
import { isLocalModel, type AiModelEntry, type AiProviderDetails } from './models.js';
import { estimateChatInputTokens, estimateTextTokens, hasImage } from './tokens.js';

/** Output tokens assumed when ranking by cost and the call sets no `maxTokens`. */
export const EXPECTED_OUTPUT_TOKENS = 1000;
/** Output tokens reserved against budgets when neither `maxTokens` nor the model's maximum is known. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

/**
 * What an AI call needs from a model, derived from its input without a network call.
 * `inputTokens` is the estimate of {@link estimateChatInputTokens}.
 */
export interface AiRequirements {
  /** `chat` (ai.chat, ai.streamChat), `complete` or `embed`. */
  kind: 'chat' | 'complete' | 'embed';
  vision: boolean;
  tools: boolean;
  json: boolean;
  /** `privacy: 'local'`. */
  local: boolean;
  inputTokens: number;
  /** The call's `maxTokens`, when set. */
  maxTokens?: number;
  /** The call's `model`, when set. */
  model?: string;
}

/** Requirements of an ai.chat / ai.streamChat / ai.complete / ai.embed input; `undefined` for other operations. */
export function aiRequirements(operation: string, input: unknown): AiRequirements | undefined {
  const i = (input ?? {}) as Record<string, unknown>;
  const base = {
    local: i.privacy === 'local',
    ...(typeof i.model === 'string' ? { model: i.model } : {}),
    ...(typeof i.maxTokens === 'number' ? { maxTokens: i.maxTokens } : {}),
  };
  if (operation === 'ai.chat' || operation === 'ai.streamChat') {
    const messages = (i.messages ?? []) as ChatMessage[];
    const format = i.responseFormat as { type: string; schema?: Record<string, unknown> } | undefined;
    return {
      kind: 'chat',
      vision: hasImage(messages),
      tools: Array.isArray(i.tools) && i.tools.length > 0 && i.toolChoice !== 'none',
      json: format !== undefined && format.type !== 'text',
      inputTokens: estimateChatInputTokens({ messages, tools: i.tools as never, responseFormat: format }),
      ...base,
    };
  }
  if (operation === 'ai.complete') {
    const text = `${String(i.prompt ?? '')}${String(i.suffix ?? '')}`;
    return { kind: 'complete', vision: false, tools: false, json: false, inputTokens: 3 + estimateTextTokens(text), ...base };
  }
  if (operation === 'ai.embed') {
    const inputs = Array.isArray(i.input) ? (i.input as string[]) : [String(i.input ?? '')];
    const inputTokens = inputs.reduce((n, t) => n + estimateTextTokens(t), 0);
    return { kind: 'embed', vision: false, tools: false, json: false, inputTokens, ...base, maxTokens: undefined } as AiRequirements;
  }
  return undefined;
}

/** Why `entry` cannot serve `req`, or `undefined` when it can. */
export function modelShortfall(req: AiRequirements, details: AiProviderDetails, entry: AiModelEntry): string | undefined {
  if (req.kind === 'embed' && !entry.embeddings) return 'not an embedding model';
  if (req.kind !== 'embed' && entry.embeddings) return 'an embedding model';
  if (req.kind === 'chat' && entry.chat === false) return 'no chat API';
  if (req.kind === 'complete' && !entry.completion) return 'no completion API';
  if (req.local && !isLocalModel(details, entry)) return 'not local (privacy: local)';
  if (req.vision && !entry.vision) return 'no vision';
  if (req.tools && !entry.tools) return 'no tools';
  if (req.json && !entry.json) return 'no JSON output';
  if (req.maxTokens !== undefined && entry.maxOutputTokens !== undefined && req.maxTokens > entry.maxOutputTokens) {
    return `maxTokens ${req.maxTokens} > max output ${entry.maxOutputTokens}`;
  }
  const needed = req.inputTokens + (req.maxTokens ?? 0);
  if (needed > entry.contextWindow) return `context ~${needed} tokens > window ${entry.contextWindow}`;
  return undefined;
}

/** The model chosen on one provider for one call, and why. Amounts in US dollars and tokens. */
export interface AiModelChoice {
  provider: string;
  /** Model id; `undefined` when the provider has no model table and the call names none (the provider's own default). */
  model?: string;
  /** Human-readable reason (`requested model`, `default model`, `cheapest capable model`, …). */
  reason: string;
  /** Expected cost: estimated input plus `maxTokens` (else {@link EXPECTED_OUTPUT_TOKENS}) output. `undefined` when the price is unknown. */
  estimatedCostUsd?: number;
  /** Cost reserved against budgets: estimated input plus the maximum output. 0 when the price is unknown. */
  reserveCostUsd: number;
  /** Tokens reserved against budgets: estimated input plus the maximum output. */
  reserveTokens: number;
  pricing?: ModelPricing;
  /** Models of the provider's table that were rejected, with the reason. */
  rejected: Array<{ model: string; reason: string }>;
}

/** Outcome of {@link chooseModel}: a choice, or the reason the provider cannot serve the call. */
export type AiChoiceResult = { ok: true; choice: AiModelChoice } | { ok: false; reason: string };

function estimate(req: AiRequirements, entry: AiModelEntry | undefined, pricing: ModelPricing | undefined) {
  const maxOut = req.kind === 'embed' ? 0 : (req.maxTokens ?? Math.min(entry?.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS, Math.max(1, (entry?.contextWindow ?? Infinity) - req.inputTokens)));
  const expectedOut = req.kind === 'embed' ? 0 : (req.maxTokens ?? Math.min(EXPECTED_OUTPUT_TOKENS, maxOut));
  return {
    reserveTokens: req.inputTokens + maxOut,
    reserveCostUsd: pricing ? costOfUsage(pricing, { inputTokens: req.inputTokens, outputTokens: maxOut }) : 0,
    ...(pricing ? { estimatedCostUsd: costOfUsage(pricing, { inputTokens: req.inputTokens, outputTokens: expectedOut }) } : {}),
    ...(pricing ? { pricing } : {}),
  };
}

/**
 * Picks the model a provider should use for a call. With `model` in the input, that model
 * (it must be in the provider's table and meet the requirements). Otherwise, with
 * `prefer: 'cheapest'` the capable model with the lowest expected cost (unknown prices last),
 * else the provider's default model when capable, falling back to the cheapest capable one.
 * Providers without a model table keep the call's model (requirements unchecked), except for
 * `privacy: 'local'`, which they cannot prove.
 */
export function chooseModel(
  req: AiRequirements,
  providerId: string,
  details: AiProviderDetails | undefined,
  options: { prefer: 'default' | 'cheapest'; prices?: AiPriceTable | undefined },
): AiChoiceResult {
  if (!details) {
    if (req.local) return { ok: false, reason: 'declares no local models (privacy: local)' };
    return {
      ok: true,
      choice: { provider: providerId, ...(req.model ? { model: req.model } : {}), reason: 'provider declares no model table: requirements not checked', reserveCostUsd: 0, reserveTokens: req.inputTokens + (req.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS), rejected: [] },
    };
  }
  if (req.model !== undefined) {
    const entry = details.models[req.model];
    if (!entry) return { ok: false, reason: `does not list model ${req.model}` };
    const short = modelShortfall(req, details, entry);
    if (short) return { ok: false, reason: `${req.model}: ${short}` };
    const pricing = resolvePricing(providerId, req.model, entry, details, options.prices);
    return { ok: true, choice: { provider: providerId, model: req.model, reason: 'requested model', rejected: [], ...estimate(req, entry, pricing) } };
  }
  const rejected: Array<{ model: string; reason: string }> = [];
  const capable: Array<{ id: string; entry: AiModelEntry; est: ReturnType<typeof estimate> }> = [];
  for (const [id, entry] of Object.entries(details.models)) {
    const short = modelShortfall(req, details, entry);
    if (short) rejected.push({ model: id, reason: short });
    else capable.push({ id, entry, est: estimate(req, entry, resolvePricing(providerId, id, entry, details, options.prices)) });
  }
  if (capable.length === 0) {
    const kindMismatch = new Set(['not an embedding model', 'an embedding model', 'no chat API', 'no completion API']);
    const relevant = rejected.filter((r) => !kindMismatch.has(r.reason));
    const list = (relevant.length ? relevant : rejected).slice(0, 4).map((r) => `${r.model}: ${r.reason}`).join('; ');
    return { ok: false, reason: `no capable model (${list || 'empty model table'})` };
  }
  const def = req.kind === 'embed' ? details.defaultEmbeddingModel : req.kind === 'complete' ? (details.defaultCompletionModel ?? details.defaultModel) : details.defaultModel;
  const cost = (c: (typeof capable)[number]) => c.est.estimatedCostUsd ?? Number.POSITIVE_INFINITY;
  const cheapest = capable.slice().sort((a, b) => cost(a) - cost(b) || Number(b.id === def) - Number(a.id === def))[0]!;
  let pick = cheapest;
  let reason = 'cheapest capable model';
  if (options.prefer === 'default') {
    const d = capable.find((c) => c.id === def);
    if (d) {
      pick = d;
      reason = 'default model';
    } else if (def !== undefined) {
      const why = rejected.find((r) => r.model === def)?.reason ?? 'not listed';
      reason = `cheapest capable model (default ${def}: ${why})`;
    }
  }
  return { ok: true, choice: { provider: providerId, model: pick.id, reason, rejected, ...pick.est } };
}
