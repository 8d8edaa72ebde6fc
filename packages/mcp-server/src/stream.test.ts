import { createOrchestrator, type AnyProviderV1, type Orchestrator } from '@mosaic/orchestrator-core';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectInMemory } from '../test/helpers.js';

// A streaming operation (ai.streamChat) behind a tool: chunks collected, progress reported.
function streamingAi(id: string): AnyProviderV1 {
  return {
    specificationVersion: 'v1',
    id,
    vendor: 'test',
    serviceType: 'ai',
    capabilities: { operations: ['ai.streamChat'] },
    async healthCheck() {
      return { status: 'healthy', latencyMs: 0, checkedAt: Date.now() };
    },
    async *streamChat(input: { model?: string }) {
      yield { type: 'start', model: input.model ?? 'tiny', provider: id };
      yield { type: 'text-delta', delta: 'Hello' };
      yield { type: 'text-delta', delta: ', world' };
      yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, raw: { vendor: 'object' } };
    },
  } as unknown as AnyProviderV1;
}

let orchestrator: Orchestrator | undefined;
afterEach(async () => {
  await orchestrator?.close();
});

describe('streaming operations', () => {
  it('collect the stream into { chunks } and report progress per chunk', async () => {
    orchestrator = await createOrchestrator({ providers: [streamingAi('ai-test')], healthCheck: { intervalMs: 0 } });
    const { client, close } = await connectInMemory(orchestrator);
    const tools = (await client.listTools()).tools;
    expect(tools.map((t) => t.name)).toEqual(['ai_stream_chat', 'mosaic_explain', 'mosaic_health']);
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'ai_stream_chat', arguments: { messages: [{ role: 'user', content: 'Hi' }] } },
      CallToolResultSchema,
      { onprogress: (p) => void progress.push(p.progress) },
    );
    expect(result.isError).toBeFalsy();
    const chunks = (result.structuredContent as { chunks: Array<Record<string, unknown>> }).chunks;
    expect(chunks.map((c) => c.type)).toEqual(['start', 'text-delta', 'text-delta', 'finish']);
    expect(chunks.filter((c) => c.type === 'text-delta').map((c) => c.delta).join('')).toBe('Hello, world');
    expect(chunks[3]).not.toHaveProperty('raw');
    expect(progress).toEqual([1, 2, 3, 4]);
    await close();
  });
});
