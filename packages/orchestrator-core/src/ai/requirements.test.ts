import { describe, expect, it } from 'vitest';
import { chatInputSchema } from '../spec/v1/models/ai.js';
import { costOfUsage, resolvePricing } from './cost.js';
import { readAiDetails } from './models.js';
import { aiRequirements, chooseModel, modelShortfall } from './requirements.js';
import { estimateChatInputTokens, estimateTextTokens, TOKEN_RULES } from './tokens.js';

const details = readAiDetails({
  operations: [],
  details: {
    defaultModel: 'big',
    models: {
      big: { contextWindow: 200_000, maxOutputTokens: 8000, vision: true, tools: true, json: true, pricing: { inputPerMillionUsd: 3, outputPerMillionUsd: 15 } },
      small: { contextWindow: 16_000, maxOutputTokens: 4000, tools: true, pricing: { inputPerMillionUsd: 0.1, outputPerMillionUsd: 0.4 } },
      emb: { contextWindow: 8000, embeddings: true, pricing: { inputPerMillionUsd: 0.02, outputPerMillionUsd: 0 } },
    },
  },
})!;

describe('token estimate (no network)', () => {
  it('counts ~4 ASCII characters per token, one per non-ASCII character, and the documented overheads', () => {
    expect(estimateTextTokens('abcdefgh')).toBe(2);
    expect(estimateTextTokens('abcdefghi')).toBe(3);
    expect(estimateTextTokens('日本語')).toBe(3);
    expect(estimateTextTokens('😀')).toBe(1);
    const input = chatInputSchema.parse({ messages: [{ role: 'system', content: 'abcd' }, { role: 'user', content: [{ type: 'text', text: 'abcdefgh' }, { type: 'image', url: 'https://x/y.png' }, { type: 'image', url: 'https://x/z.png', detail: 'low' }] }] });
    expect(estimateChatInputTokens(input)).toBe(TOKEN_RULES.replyPriming + (4 + 1) + (4 + 2 + TOKEN_RULES.image + TOKEN_RULES.imageLowDetail));
  });
});

describe('requirements and model choice', () => {
  const req = (input: unknown, op = 'ai.chat') => aiRequirements(op, op === 'ai.chat' ? chatInputSchema.parse(input) : input)!;

  it('derives vision, tools, JSON, privacy and context needs from the input', () => {
    const r = req({ messages: [{ role: 'user', content: [{ type: 'image', url: 'https://x/y.png' }] }], tools: [{ name: 't', parameters: {} }], responseFormat: { type: 'json' }, privacy: 'local', maxTokens: 10 });
    expect(r).toMatchObject({ kind: 'chat', vision: true, tools: true, json: true, local: true, maxTokens: 10 });
    expect(req({ messages: [{ role: 'user', content: 'x' }], tools: [{ name: 't', parameters: {} }], toolChoice: 'none' }).tools).toBe(false);
    expect(aiRequirements('ai.listModels', {})).toBeUndefined();
  });

  it('rejects models by shortfall with a reason', () => {
    const r = req({ messages: [{ role: 'user', content: 'x'.repeat(80_000) }], maxTokens: 100 });
    expect(modelShortfall(r, details, details.models.small!)).toMatch(/context ~20\d+ tokens > window 16000/);
    expect(modelShortfall(r, details, details.models.emb!)).toBe('an embedding model');
    expect(modelShortfall({ ...r, maxTokens: 9000 }, details, details.models.big!)).toBe('maxTokens 9000 > max output 8000');
    expect(modelShortfall({ ...r, local: true }, details, details.models.big!)).toMatch(/not local/);
  });

  it('prefers the default model, or the cheapest capable one under the cost strategy, and explains why', () => {
    const r = req({ messages: [{ role: 'user', content: 'hi' }] });
    expect(chooseModel(r, 'p', details, { prefer: 'default' })).toMatchObject({ ok: true, choice: { model: 'big', reason: 'default model' } });
    expect(chooseModel(r, 'p', details, { prefer: 'cheapest' })).toMatchObject({ ok: true, choice: { model: 'small', reason: 'cheapest capable model' } });
    const vision = req({ messages: [{ role: 'user', content: [{ type: 'image', url: 'https://x/y.png' }] }] });
    expect(chooseModel(vision, 'p', details, { prefer: 'cheapest' })).toMatchObject({ ok: true, choice: { model: 'big' } });
    expect(chooseModel({ ...vision, local: true }, 'p', details, { prefer: 'default' })).toMatchObject({ ok: false, reason: expect.stringMatching(/no capable model/) });
    expect(chooseModel({ ...r, model: 'nope' }, 'p', details, { prefer: 'default' })).toEqual({ ok: false, reason: 'does not list model nope' });
    expect(chooseModel(req({ input: 'text' }, 'ai.embed'), 'p', details, { prefer: 'default' })).toMatchObject({ ok: true, choice: { model: 'emb' } });
    // Reservation: input estimate + the model's maximum output when maxTokens is absent.
    const c = chooseModel(r, 'p', details, { prefer: 'default' });
    expect(c.ok && c.choice.reserveTokens).toBe(r.inputTokens + 8000);
    expect(c.ok && c.choice.reserveCostUsd).toBeCloseTo((r.inputTokens * 3 + 8000 * 15) / 1e6, 12);
  });

  it('prices: overrides by provider:model, then model, then the table; local models are free; cached input at its price', () => {
    const entry = details.models.big!;
    expect(resolvePricing('p', 'big', entry, details, { 'p:big': { inputPerMillionUsd: 1, outputPerMillionUsd: 1 } })?.inputPerMillionUsd).toBe(1);
    expect(resolvePricing('p', 'big', entry, details, { big: { inputPerMillionUsd: 2, outputPerMillionUsd: 2 } })?.inputPerMillionUsd).toBe(2);
    expect(resolvePricing('p', 'big', entry, details, undefined)?.inputPerMillionUsd).toBe(3);
    expect(resolvePricing('p', 'm', { contextWindow: 1, local: true }, { models: {} }, undefined)).toEqual({ inputPerMillionUsd: 0, outputPerMillionUsd: 0 });
    expect(resolvePricing('p', 'm', { contextWindow: 1 }, { models: {} }, undefined)).toBeUndefined();
    expect(costOfUsage({ inputPerMillionUsd: 2, outputPerMillionUsd: 8, cachedInputPerMillionUsd: 0.5 }, { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 400 })).toBeCloseTo((600 * 2 + 400 * 0.5 + 100 * 8) / 1e6, 12);
  });
});
