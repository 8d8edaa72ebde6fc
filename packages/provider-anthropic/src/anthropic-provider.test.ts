import { readFileSync } from 'node:fs';
import type Anthropic from '@anthropic-ai/sdk';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatInputSchema, chatResultSchema, chatStreamChunkSchema, ProviderCallError, RateLimitedError, type ChatStreamChunk, type RateLimitState } from '@mosaic/orchestrator-core';
import { ANTHROPIC_AI_OPERATIONS, createAnthropic, VERSION } from './index.js';

// Anthropic publishes no OpenAPI file; fixtures are typed with the official SDK's own response
// types (`Anthropic.Message`, `Anthropic.RawMessageStreamEvent`), so tsc checks their shape.
const API = 'https://api.anthropic.com';
const TOKEN = 'sk-ant-canary-0123456789CANARY';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const chat = (input: unknown) => chatInputSchema.parse(input);
const usage = (input: number, output: number, cacheRead: number | null = null): Anthropic.Usage => ({
  cache_creation: null, cache_creation_input_tokens: null, cache_read_input_tokens: cacheRead, inference_geo: null,
  input_tokens: input, output_tokens: output, output_tokens_details: null, server_tool_use: null, service_tier: 'standard', speed: null,
});
const message = (content: Anthropic.ContentBlock[], stop: Anthropic.StopReason, u = usage(25, 10)): Anthropic.Message => ({
  id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', container: null,
  content, stop_reason: stop, stop_sequence: null, stop_details: null, usage: u, diagnostics: null,
} as Anthropic.Message);
const textBlock = (text: string): Anthropic.TextBlock => ({ type: 'text', text, citations: null } as Anthropic.TextBlock);
const errorBody = (type: string, message: string) => ({ type: 'error', error: { type, message }, request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy' });
const sse = (events: Array<Anthropic.RawMessageStreamEvent | { type: 'error'; error: { type: string; message: string } }>, opts: { cutAfter?: number } = {}) => {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    async pull(controller) {
      if (opts.cutAfter !== undefined && i >= opts.cutAfter) {
        await new Promise((r) => setTimeout(r, 30));
        return controller.error(new Error('socket hang up'));
      }
      if (i < events.length) {
        const e = events[i++]!;
        controller.enqueue(enc.encode(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
      } else controller.close();
    },
  });
};
const streamEvents = (): Anthropic.RawMessageStreamEvent[] => [
  { type: 'message_start', message: message([], null as never, usage(472, 2)) },
  { type: 'content_block_start', index: 0, content_block: textBlock('') },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Okay, let me check' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' the weather.' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', input: {} } as Anthropic.ToolUseBlock },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"location":' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: ' "San Francisco, CA"}' } },
  { type: 'content_block_stop', index: 1 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null, stop_details: null, container: null } as never, usage: { output_tokens: 89 } as Anthropic.MessageDeltaUsage },
  { type: 'message_stop' },
];

describe('Anthropic provider', () => {
  it('maps system, images, tool turns and the reply; max_tokens defaults to the model maximum; cost from the table', async () => {
    let body: any;
    let key: string | null = null;
    server.use(http.post(`${API}/v1/messages`, async ({ request }) => {
      body = await request.json();
      key = request.headers.get('x-api-key') ?? request.headers.get('authorization')?.replace(/^Bearer /, '') ?? null;
      return HttpResponse.json(message([textBlock('It is sunny.')], 'end_turn', usage(100, 20, 40)));
    }));
    const r = await createAnthropic({ token: TOKEN }).chat(chat({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Look:' }, { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' }] },
        { role: 'assistant', toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: '{"location":"Paris"}' }] },
        { role: 'tool', toolCallId: 'toolu_1', content: 'sunny' },
      ],
      tools: [{ name: 'get_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } }],
      toolChoice: 'required',
    }), {});
    expect(key).toBe(TOKEN);
    expect(body.system).toBe('Be brief.');
    expect(body.max_tokens).toBe(64_000);
    expect(body.model).toBe('claude-haiku-4-5');
    expect(body.messages[0].content[1]).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } });
    expect(body.messages[1].content[0]).toEqual({ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'Paris' } });
    expect(body.messages[2]).toEqual({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] });
    expect(body.tools[0].input_schema.properties.location.type).toBe('string');
    expect(body.tool_choice).toEqual({ type: 'any' });
    chatResultSchema.parse(r);
    expect(r).toMatchObject({ message: { content: 'It is sunny.' }, finishReason: 'stop', usage: { inputTokens: 140, outputTokens: 20, cachedInputTokens: 40 } });
    expect(r.costUsd).toBeCloseTo((100 * 3 + 40 * 0.3 + 20 * 15) / 1e6, 12);
  });

  it('returns tool_use blocks as tool calls', async () => {
    server.use(http.post(`${API}/v1/messages`, () => HttpResponse.json(message([{ type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: { location: 'SF' }, caller: null } as unknown as Anthropic.ToolUseBlock], 'tool_use'))));
    const r = await createAnthropic({ token: TOKEN }).chat(chat({ messages: [{ role: 'user', content: 'weather?' }], tools: [{ name: 'get_weather', parameters: { type: 'object' } }] }), {});
    expect(r.finishReason).toBe('tool-calls');
    expect(r.message.toolCalls).toEqual([{ id: 'toolu_9', name: 'get_weather', arguments: '{"location":"SF"}' }]);
  });

  it('asks for JSON in the system prompt with a warning and clamps temperature', async () => {
    let body: any;
    server.use(http.post(`${API}/v1/messages`, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json(message([textBlock('{"a":1}')], 'end_turn'));
    }));
    const r = await createAnthropic({ token: TOKEN }).chat(chat({ messages: [{ role: 'user', content: 'json please' }], responseFormat: { type: 'json' }, temperature: 1.5, maxTokens: 50 }), {});
    expect(body.system).toMatch(/JSON/);
    expect(body.temperature).toBe(1);
    expect(r.warnings?.map((w) => w.feature).sort()).toEqual(['responseFormat', 'temperature']);
  });

  it('streams text and tool-call deltas, then finish with usage and cost', async () => {
    server.use(http.post(`${API}/v1/messages`, () => new HttpResponse(sse(streamEvents()), { headers: { 'content-type': 'text/event-stream' } })));
    const out: ChatStreamChunk[] = [];
    for await (const c of createAnthropic({ token: TOKEN }).streamChat(chat({ messages: [{ role: 'user', content: 'weather in SF?' }], tools: [{ name: 'get_weather', parameters: { type: 'object' } }] }), {})) out.push(c);
    out.forEach((c) => chatStreamChunkSchema.parse(c));
    expect(out[0]).toMatchObject({ type: 'start', id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF', provider: 'anthropic' });
    expect(out.filter((c) => c.type === 'text-delta').map((c) => (c as { delta: string }).delta).join('')).toBe('Okay, let me check the weather.');
    const tool = out.filter((c) => c.type === 'tool-call-delta') as Array<{ index: number; id?: string | null; name?: string | null; argumentsDelta: string }>;
    expect(tool[0]).toMatchObject({ index: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' });
    expect(tool.map((t) => t.argumentsDelta).join('')).toBe('{"location": "San Francisco, CA"}');
    expect(out.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 472, outputTokens: 89 } });
    expect((out.at(-1) as { costUsd: number }).costUsd).toBeCloseTo((472 * 3 + 89 * 15) / 1e6, 12);
  });

  it('an overloaded_error event mid-stream is a retryable RateLimitedError (overloaded), after the chunks yielded', async () => {
    const events = [...streamEvents().slice(0, 3), { type: 'error' as const, error: { type: 'overloaded_error', message: 'Overloaded' } }];
    server.use(http.post(`${API}/v1/messages`, () => new HttpResponse(sse(events), { headers: { 'content-type': 'text/event-stream' } })));
    const got: string[] = [];
    const e = await (async () => {
      for await (const c of createAnthropic({ token: TOKEN }).streamChat(chat({ messages: [{ role: 'user', content: 'hi' }] }), {})) got.push(c.type);
    })().catch((x) => x);
    expect(got).toEqual(['start', 'text-delta']);
    expect(RateLimitedError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ reason: 'overloaded', isRetryable: true });
  });

  it('a connection cut mid-stream is a network error', async () => {
    server.use(http.post(`${API}/v1/messages`, () => new HttpResponse(sse(streamEvents(), { cutAfter: 4 }), { headers: { 'content-type': 'text/event-stream' } })));
    const got: string[] = [];
    const e = await (async () => {
      for await (const c of createAnthropic({ token: TOKEN }).streamChat(chat({ messages: [{ role: 'user', content: 'hi' }] }), {})) got.push(c.type);
    })().catch((x) => x);
    expect(got).toEqual(['start', 'text-delta', 'text-delta']);
    expect(ProviderCallError.isInstance(e)).toBe(true);
    expect(e.category).toBe('network');
  });

  it('classifies 400 (prompt too long), 401, 429 with headers, 529 and 500; one request each (SDK retries off)', async () => {
    let calls = 0;
    const reported: RateLimitState[] = [];
    const respond = (status: number, type: string, msg: string, headers: Record<string, string> = {}) =>
      server.use(http.post(`${API}/v1/messages`, () => {
        calls++;
        return HttpResponse.json(errorBody(type, msg), { status, headers });
      }));
    const p = createAnthropic({ token: TOKEN });
    p.initialize({ reportRateLimit: (s) => reported.push(s) });
    const run = () => p.chat(chat({ messages: [{ role: 'user', content: 'x' }] }), {}).catch((x) => x);

    respond(400, 'invalid_request_error', 'prompt is too long: 250000 tokens > 200000 maximum');
    expect(await run()).toMatchObject({ category: 'validation', status: 400, vendorCode: 'invalid_request_error', isRetryable: false });
    respond(401, 'authentication_error', `invalid x-api-key ${TOKEN}`);
    const auth = await run();
    expect(auth).toMatchObject({ category: 'auth', status: 401 });
    expect(JSON.stringify(auth.toJSON())).not.toContain(TOKEN);
    const reset = new Date(Date.now() + 30_000).toISOString();
    respond(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', {
      'retry-after': '30', 'anthropic-ratelimit-requests-limit': '50', 'anthropic-ratelimit-requests-remaining': '12', 'anthropic-ratelimit-requests-reset': reset,
      'anthropic-ratelimit-input-tokens-limit': '40000', 'anthropic-ratelimit-input-tokens-remaining': '0', 'anthropic-ratelimit-input-tokens-reset': reset,
    });
    const limited = await run();
    expect(RateLimitedError.isInstance(limited)).toBe(true);
    expect(limited).toMatchObject({ reason: 'rate-limit', retryAfterMs: 30_000 });
    // The headers' budget, then the cooldown from retry-after (30 s from the refusal).
    expect(reported.at(-2)).toMatchObject({ resource: 'input-tokens', remaining: 0, limit: 40_000, resetAt: Date.parse(reset) });
    expect(reported.at(-1)).toMatchObject({ resource: 'input-tokens', remaining: 0 });
    expect(reported.at(-1)!.resetAt!).toBeGreaterThanOrEqual(Date.parse(reset) - 1000);
    respond(529, 'overloaded_error', 'Overloaded');
    expect(await run()).toMatchObject({ reason: 'overloaded', category: 'unavailable', status: 529, isRetryable: true });
    respond(500, 'api_error', 'Internal server error');
    expect(await run()).toMatchObject({ category: 'unavailable', status: 500 });
    expect(calls).toBe(5);
  });

  it('declares embeddings and completion unsupported, and a model table with prices', () => {
    const p = createAnthropic({ token: TOKEN, models: { 'claude-3-5-haiku-latest': { contextWindow: 200_000, maxOutputTokens: 8192, tools: true } } });
    expect(p.capabilities.operations).not.toContain('ai.embed');
    expect(p.capabilities.operations).not.toContain('ai.complete');
    expect(ANTHROPIC_AI_OPERATIONS).toContain('ai.streamChat');
    expect((p.capabilities.details as { models: Record<string, unknown> }).models['claude-3-5-haiku-latest']).toBeTruthy();
    expect((p as { embed?: unknown }).embed).toBeUndefined();
  });

  it('VERSION matches package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });
});
