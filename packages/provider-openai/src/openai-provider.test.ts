import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  chatInputSchema,
  chatResultSchema,
  chatStreamChunkSchema,
  embedInputSchema,
  embeddingResultSchema,
  ProviderCallError,
  RateLimitedError,
  readAiDetails,
  type ChatStreamChunk,
  type RateLimitState,
} from '@mosaic/orchestrator-core';
import { createOpenAI, OPENAI_DEFAULT_MODELS, parseOpenAIDuration, VERSION } from '../src/index.js';
import { exampleChunks, exampleJson, exampleText, schemaRequired, specAvailable } from '../test/spec-examples.js';

const API = 'https://api.openai.com/v1';
const TOKEN = 'sk-canary-0123456789abcdefCANARY';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const chat = (input: unknown) => chatInputSchema.parse(input);
const sse = (events: unknown[], opts: { cutAfter?: number } = {}) => {
  const enc = new TextEncoder();
  let i = 0;
  // One event per pull, so a cut comes after the earlier events were delivered.
  return new ReadableStream({
    async pull(controller) {
      if (opts.cutAfter !== undefined && i >= opts.cutAfter) {
        await new Promise((r) => setTimeout(r, 30)); // let the reader take what was sent
        return controller.error(new Error('socket hang up'));
      }
      if (i < events.length) controller.enqueue(enc.encode(`data: ${JSON.stringify(events[i++])}\n\n`));
      else {
        controller.enqueue(enc.encode('data: [DONE]\n\n'));
        controller.close();
      }
    },
  });
};
/** An error body shaped by the spec's `ErrorResponse` / `Error` schemas. */
const errorBody = (message: string, type: string, code: string | null, param: string | null = null) => ({ error: { message, type, param, code } });

describe.skipIf(!specAvailable)('OpenAI provider against the official spec examples', () => {
  beforeAll(() => void exampleText('/chat/completions', 'post', 'Default'), 60_000); // parses the 3 MB spec once
  it('maps a chat request (image, tools) and the spec’s response, with cost from the model table', async () => {
    let body: any;
    let auth: string | null = null;
    const example = exampleJson('/chat/completions', 'post', 'Default');
    server.use(http.post(`${API}/chat/completions`, async ({ request }) => {
      body = await request.json();
      auth = request.headers.get('authorization');
      return HttpResponse.json({ ...example, model: 'gpt-4.1-mini' });
    }));
    const p = createOpenAI({ token: TOKEN });
    const result = await p.chat(chat({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is in this image?' }, { type: 'image', url: 'https://example.com/a.png', detail: 'low' }] },
      ],
      tools: [{ name: 'lookup', parameters: { type: 'object', properties: {} } }],
      maxTokens: 100,
      temperature: 0,
    }), {});
    expect(auth).toBe(`Bearer ${TOKEN}`);
    expect(body.model).toBe('gpt-4.1-mini');
    expect(body.max_completion_tokens).toBe(100);
    expect(body.messages[1].content[1]).toEqual({ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } });
    expect(body.tools[0]).toEqual({ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } });
    expect(chatResultSchema.parse(result)).toBeTruthy();
    expect(result.message.content).toBe(example.choices[0].message.content);
    expect(result.usage).toMatchObject({ inputTokens: example.usage.prompt_tokens, outputTokens: example.usage.completion_tokens, cachedInputTokens: 0 });
    const price = OPENAI_DEFAULT_MODELS['gpt-4.1-mini']!.pricing!;
    expect(result.costUsd).toBeCloseTo((example.usage.prompt_tokens * price.inputPerMillionUsd + example.usage.completion_tokens * price.outputPerMillionUsd) / 1e6, 12);
  });

  it('returns tool calls (spec “Functions” example)', async () => {
    const example = exampleJson('/chat/completions', 'post', 'Functions');
    server.use(http.post(`${API}/chat/completions`, () => HttpResponse.json(example)));
    const result = await createOpenAI({ token: TOKEN }).chat(chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Weather in Boston?' }], tools: [{ name: 'get_current_weather', parameters: { type: 'object' } }] }), {});
    expect(result.finishReason).toBe('tool-calls');
    expect(result.message.toolCalls).toEqual([{ id: 'call_abc123', name: 'get_current_weather', arguments: example.choices[0].message.tool_calls[0].function.arguments }]);
  });

  it('streams the spec’s SSE chunks, then a finish chunk with usage and cost', async () => {
    const chunks = exampleChunks('/chat/completions', 'Streaming');
    const usageChunk = { ...chunks[0], choices: [], usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 } };
    let body: any;
    server.use(http.post(`${API}/chat/completions`, async ({ request }) => {
      body = await request.json();
      return new HttpResponse(sse([...chunks, usageChunk]), { headers: { 'content-type': 'text/event-stream' } });
    }));
    const out: ChatStreamChunk[] = [];
    for await (const c of createOpenAI({ token: TOKEN }).streamChat(chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] }), {})) out.push(c);
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    out.forEach((c) => chatStreamChunkSchema.parse(c));
    expect(out[0]).toMatchObject({ type: 'start', id: 'chatcmpl-123', model: 'gpt-4o-mini', provider: 'openai' });
    expect(out.filter((c) => c.type === 'text-delta').map((c) => (c as { delta: string }).delta).join('')).toBe('Hello');
    const finish = out.at(-1)!;
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 9, outputTokens: 12, totalTokens: 21 } });
    expect((finish as { costUsd: number }).costUsd).toBeCloseTo((9 * 0.15 + 12 * 0.6) / 1e6, 12);
  });

  it('throws a classified error from the iterator when the stream is cut mid-way, after the chunks received', async () => {
    const chunks = exampleChunks('/chat/completions', 'Streaming');
    server.use(http.post(`${API}/chat/completions`, () => new HttpResponse(sse(chunks, { cutAfter: 2 }), { headers: { 'content-type': 'text/event-stream' } })));
    const got: ChatStreamChunk[] = [];
    let error: unknown;
    try {
      for await (const c of createOpenAI({ token: TOKEN }).streamChat(chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] }), {})) got.push(c);
    } catch (e) {
      error = e;
    }
    expect(got.map((c) => c.type)).toEqual(['start', 'text-delta']);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect((error as ProviderCallError).category).toBe('network');
    expect((error as ProviderCallError).isRetryable).toBe(true);
  });

  it('embeds with float encoding (spec example) and prices the input tokens', async () => {
    const example = exampleJson('/embeddings', 'post');
    let body: any;
    server.use(http.post(`${API}/embeddings`, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json({ ...example, model: 'text-embedding-3-small' });
    }));
    const result = await createOpenAI({ token: TOKEN }).embed(embedInputSchema.parse({ input: 'The food was delicious' }), {});
    expect(body).toMatchObject({ model: 'text-embedding-3-small', input: 'The food was delicious', encoding_format: 'float' });
    expect(embeddingResultSchema.parse(result).embeddings[0]).toEqual(example.data[0].embedding);
    expect(result.usage.inputTokens).toBe(8);
    expect(result.costUsd).toBeCloseTo((8 * 0.02) / 1e6, 15);
  });

  it('completes text through /completions (spec example)', async () => {
    const example = exampleJson('/completions', 'post', 'No streaming');
    server.use(http.post(`${API}/completions`, () => HttpResponse.json({ ...example, model: 'gpt-3.5-turbo-instruct' })));
    const r = await createOpenAI({ token: TOKEN }).complete({ prompt: 'Say this is a test', privacy: 'standard' }, {});
    expect(r).toMatchObject({ text: example.choices[0].text, finishReason: 'length', usage: { inputTokens: 5, outputTokens: 7 } });
  });

  it('lists the table’s models the vendor serves and gets one', async () => {
    const list = exampleJson('/models', 'get');
    list.data.push({ id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'system' });
    server.use(
      http.get(`${API}/models`, () => HttpResponse.json(list)),
      http.get(`${API}/models/:id`, ({ params }) => HttpResponse.json({ ...exampleJson<Record<string, unknown>>('/models/{model}', 'get'), id: params.id })),
    );
    const p = createOpenAI({ token: TOKEN });
    const page = await p.listModels({}, {});
    expect(page.items.map((m) => m.id)).toEqual(['gpt-4o-mini']);
    expect(page.items[0]).toMatchObject({ contextWindow: 128_000, capabilities: { vision: true, tools: true }, local: false });
    const unknown = await p.getModel({ model: 'model-id-0' }, {});
    expect(unknown.warnings?.[0]?.feature).toBe('capabilities');
  });
});

describe('OpenAI provider errors and rate limits', () => {
  it('error fixtures follow the spec’s Error schema', () => {
    if (!specAvailable) return expect(specAvailable).toBe(false);
    expect(Object.keys(errorBody('m', 't', null).error).sort()).toEqual(schemaRequired('Error').slice().sort());
  });

  it('400 context_length_exceeded is a non-retryable validation error with the vendor code', async () => {
    server.use(http.post(`${API}/chat/completions`, () => HttpResponse.json(errorBody("This model's maximum context length is 128000 tokens.", 'invalid_request_error', 'context_length_exceeded', 'messages'), { status: 400 })));
    const e = await createOpenAI({ token: TOKEN }).chat(chat({ messages: [{ role: 'user', content: 'x' }] }), {}).catch((x) => x);
    expect(ProviderCallError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ category: 'validation', status: 400, vendorCode: 'context_length_exceeded', isRetryable: false });
  });

  it('401 is auth and never shows the token', async () => {
    server.use(http.post(`${API}/chat/completions`, () => HttpResponse.json(errorBody(`Incorrect API key provided: ${TOKEN}.`, 'invalid_request_error', 'invalid_api_key'), { status: 401 })));
    const e = await createOpenAI({ token: TOKEN }).chat(chat({ messages: [{ role: 'user', content: 'x' }] }), {}).catch((x) => x);
    expect(e).toMatchObject({ category: 'auth', status: 401 });
    expect(JSON.stringify(e.toJSON())).not.toContain(TOKEN);
    expect(e.message).not.toContain(TOKEN);
  });

  it('429 rate limit: retry-after-ms wins, x-ratelimit headers are reported', async () => {
    const reported: RateLimitState[] = [];
    server.use(http.post(`${API}/chat/completions`, () => HttpResponse.json(errorBody('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'), {
      status: 429,
      headers: { 'retry-after-ms': '1500', 'retry-after': '2', 'x-ratelimit-limit-requests': '500', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1.5s', 'x-ratelimit-remaining-tokens': '9000', 'x-ratelimit-limit-tokens': '10000' },
    })));
    const p = createOpenAI({ token: TOKEN });
    p.initialize({ reportRateLimit: (s) => reported.push(s) });
    const e = await p.chat(chat({ messages: [{ role: 'user', content: 'x' }] }), {}).catch((x) => x);
    expect(RateLimitedError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ reason: 'rate-limit', retryAfterMs: 1500, isRetryable: true });
    expect(reported.at(-1)).toMatchObject({ resource: 'requests', remaining: 0, limit: 500 });
  });

  it('a 429 with only retry-after puts the provider in a cooldown the router sees (budget reported spent until then)', async () => {
    const reported: RateLimitState[] = [];
    server.use(http.post(`${API}/chat/completions`, () => HttpResponse.json(errorBody('Rate limit reached', 'requests', 'rate_limit_exceeded'), { status: 429, headers: { 'retry-after': '2' } })));
    const p = createOpenAI({ token: TOKEN });
    p.initialize({ reportRateLimit: (s) => reported.push(s) });
    const before = Date.now();
    await p.chat(chat({ messages: [{ role: 'user', content: 'x' }] }), {}).catch(() => undefined);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ remaining: 0, resource: 'rate-limit' });
    expect(reported[0]!.resetAt!).toBeGreaterThanOrEqual(before + 2000);
    expect(p.metrics().rateLimit?.remaining).toBe(0);
  });

  it('429 insufficient_quota is quota-exhausted and not retryable', async () => {
    server.use(http.post(`${API}/chat/completions`, () => HttpResponse.json(errorBody('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'), { status: 429 })));
    const e = await createOpenAI({ token: TOKEN }).chat(chat({ messages: [{ role: 'user', content: 'x' }] }), {}).catch((x) => x);
    expect(e).toMatchObject({ reason: 'quota-exhausted', isRetryable: false });
  });

  it('500 is unavailable and sent exactly once (SDK retries off)', async () => {
    let calls = 0;
    server.use(http.post(`${API}/chat/completions`, () => {
      calls++;
      return HttpResponse.json(errorBody('The server had an error', 'server_error', null), { status: 500 });
    }));
    const e = await createOpenAI({ token: TOKEN }).chat(chat({ messages: [{ role: 'user', content: 'x' }] }), {}).catch((x) => x);
    expect(e).toMatchObject({ category: 'unavailable', status: 500, isRetryable: true });
    expect(calls).toBe(1);
  });

  it('works against an OpenAI-compatible server through baseUrl, with its own model table', async () => {
    let url = '';
    server.use(http.post('http://127.0.0.1:8000/v1/chat/completions', ({ request }) => {
      url = request.url;
      return HttpResponse.json({ id: 'cmpl-1', object: 'chat.completion', created: 1, model: 'meta-llama/Llama-3.1-8B-Instruct', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } });
    }));
    const p = createOpenAI({ id: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1/', includeDefaultModels: false, local: true, models: { 'meta-llama/Llama-3.1-8B-Instruct': { contextWindow: 131_072, tools: true } } });
    const r = await p.chat(chat({ messages: [{ role: 'user', content: 'hello' }] }), {});
    expect(url).toBe('http://127.0.0.1:8000/v1/chat/completions');
    expect(r).toMatchObject({ provider: 'vllm', model: 'meta-llama/Llama-3.1-8B-Instruct', costUsd: 0 });
    expect(readAiDetails(p.capabilities)).toMatchObject({ defaultModel: 'meta-llama/Llama-3.1-8B-Instruct', local: true });
  });

  it('works behind an Azure-style gateway: api-key header and api-version query on every request', async () => {
    let seen: { url: string; key: string | null } | undefined;
    server.use(http.post('https://gw.example.com/openai/deployments/gpt-4o-mini/chat/completions', ({ request }) => {
      seen = { url: request.url, key: request.headers.get('api-key') };
      return HttpResponse.json({ id: 'c', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } });
    }));
    const p = createOpenAI({ id: 'azure', baseUrl: 'https://gw.example.com/openai/deployments/gpt-4o-mini', headers: { 'api-key': 'gw-key' }, query: { 'api-version': '2024-10-21' } });
    await p.chat(chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }), {});
    expect(seen).toEqual({ url: 'https://gw.example.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21', key: 'gw-key' });
  });

  it('rejects unknown settings and parses OpenAI reset durations', () => {
    expect(() => createOpenAI({ apiKey: 'x' } as never)).toThrow(/apiKey/);
    expect(parseOpenAIDuration('6m0s')).toBe(360_000);
    expect(parseOpenAIDuration('20ms')).toBe(20);
    expect(parseOpenAIDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseOpenAIDuration('soon')).toBeUndefined();
  });

  it('VERSION matches package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });
});
