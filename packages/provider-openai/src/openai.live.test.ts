import { describe, expect, it } from 'vitest';
import { chatInputSchema } from '@mosaic/orchestrator-core';
import { createOpenAI } from './index.js';

// Opt-in: runs only with OPENAI_API_KEY (through `pnpm test:live`); costs a fraction of a cent.
const key = process.env.OPENAI_API_KEY;

describe.skipIf(!key)('OpenAI live', () => {
  const openai = createOpenAI({ token: key! });
  const input = chatInputSchema.parse({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Reply with the single word: pong' }], maxTokens: 5, temperature: 0 });

  it('chats and prices the call', async () => {
    const r = await openai.chat(input, {});
    expect(r.message.content?.toLowerCase()).toContain('pong');
    expect(r.usage.inputTokens).toBeGreaterThan(0);
    expect(r.costUsd).toBeGreaterThan(0);
  });

  it('streams to a finish chunk with usage', async () => {
    const types: string[] = [];
    for await (const c of openai.streamChat(input, {})) types.push(c.type);
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('finish');
  });
});
