import { describe, expect, it } from 'vitest';
import { chatInputSchema } from '@mosaic/orchestrator-core';
import { createOllama } from './index.js';

// Opt-in: runs only with OLLAMA_HOST (and OLLAMA_MODEL, default llama3.2, pulled on that server).
const host = process.env.OLLAMA_HOST;

describe.skipIf(!host)('Ollama live', () => {
  const ollama = createOllama({ baseUrl: host! });
  const input = chatInputSchema.parse({ model: process.env.OLLAMA_MODEL ?? 'llama3.2', messages: [{ role: 'user', content: 'Reply with the single word: pong' }], maxTokens: 5, temperature: 0 });

  it('chats locally for free', async () => {
    const r = await ollama.chat(input, {});
    expect(r.message.content?.length).toBeGreaterThan(0);
    expect(r.costUsd).toBe(0);
  });

  it('is healthy', async () => {
    expect((await ollama.healthCheck(AbortSignal.timeout(5000))).status).toBe('healthy');
  });
});
