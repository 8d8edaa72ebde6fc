import { describe, expect, it } from 'vitest';
import { chatInputSchema } from '@mosaic/orchestrator-core';
import { createAnthropic } from './index.js';

// Opt-in: runs only with ANTHROPIC_API_KEY (through `pnpm test:live`); costs a fraction of a cent.
const key = process.env.ANTHROPIC_API_KEY;

describe.skipIf(!key)('Anthropic live', () => {
  const anthropic = createAnthropic({ token: key! });
  const input = chatInputSchema.parse({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Reply with the single word: pong' }], maxTokens: 5, temperature: 0 });

  it('chats and prices the call', async () => {
    const r = await anthropic.chat(input, {});
    expect(r.message.content?.toLowerCase()).toContain('pong');
    expect(r.costUsd).toBeGreaterThan(0);
  });

  it('streams to a finish chunk with usage', async () => {
    const types: string[] = [];
    for await (const c of anthropic.streamChat(input, {})) types.push(c.type);
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('finish');
  });
});
