import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatInputSchema, chatResultSchema, chatStreamChunkSchema, embedInputSchema, ProviderCallError, readAiDetails, type ChatStreamChunk } from '@mosaic/orchestrator-core';
import { createOllama, VERSION } from './index.js';
import { example, schemaProperties, specAvailable } from '../test/spec-examples.js';

const HOST = 'http://127.0.0.1:11434';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const chat = (input: unknown) => chatInputSchema.parse(input);
const ndjson = (lines: unknown[], opts: { cutAfter?: number } = {}) => {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    async pull(controller) {
      if (opts.cutAfter !== undefined && i >= opts.cutAfter) {
        await new Promise((r) => setTimeout(r, 30));
        return controller.error(new Error('socket hang up'));
      }
      if (i < lines.length) controller.enqueue(enc.encode(`${JSON.stringify(lines[i++])}\n`));
      else controller.close();
    },
  });
};
/** Stream events built from the spec's ChatResponse example, with only ChatStreamEvent properties. */
const streamLines = () => {
  const final = example('/api/chat');
  const part = (content: string) => ({ model: final.model, created_at: final.created_at, message: { role: 'assistant', content }, done: false });
  return [part('Hello!'), part(' How can I'), part(' help you today?'), { ...final, message: { role: 'assistant', content: '' } }];
};

describe.skipIf(!specAvailable)('Ollama provider against the official spec examples', () => {
  beforeAll(() => void example('/api/chat'), 30_000);

  it('maps chat input (inline image, tools, JSON format, num_predict) and the spec’s response; local and free', async () => {
    let body: any;
    server.use(http.post(`${HOST}/api/chat`, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json(example('/api/chat'));
    }));
    const p = createOllama();
    const r = await p.chat(chat({
      model: 'llama3.2-vision',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' }] }],
      responseFormat: { type: 'json' },
      maxTokens: 64,
      temperature: 0,
    }), {});
    expect(body).toMatchObject({ model: 'llama3.2-vision', stream: false, format: 'json', options: { num_predict: 64, temperature: 0 } });
    expect(body.messages[0]).toEqual({ role: 'user', content: 'What is this?', images: ['iVBORw0KGgo='] });
    chatResultSchema.parse(r);
    expect(r).toMatchObject({ message: { content: 'Hello! How can I help you today?' }, usage: { inputTokens: 11, outputTokens: 18, totalTokens: 29 }, costUsd: 0, finishReason: 'stop' });
    expect(readAiDetails(p.capabilities)?.local).toBe(true);
  });

  it('returns tool calls with generated ids and sends tool results with the tool name', async () => {
    let body: any;
    const res = { ...example('/api/chat'), message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] } };
    server.use(http.post(`${HOST}/api/chat`, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json(res);
    }));
    const r = await createOllama().chat(chat({
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":"Rome"}' }] },
        { role: 'tool', toolCallId: 'c1', content: 'sunny' },
      ],
      tools: [{ name: 'get_weather', parameters: { type: 'object' } }],
    }), {});
    expect(body.messages[2]).toEqual({ role: 'tool', content: 'sunny', tool_name: 'get_weather' });
    expect(body.messages[1].tool_calls).toEqual([{ function: { name: 'get_weather', arguments: { city: 'Rome' } } }]);
    expect(r.finishReason).toBe('tool-calls');
    expect(r.message.toolCalls).toEqual([{ id: 'call_0', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
  });

  it('streams NDJSON events and finishes with usage', async () => {
    const lines = streamLines();
    for (const l of lines) expect(Object.keys(l).every((k) => schemaProperties('ChatStreamEvent').includes(k) || schemaProperties('ChatResponse').includes(k))).toBe(true);
    server.use(http.post(`${HOST}/api/chat`, () => new HttpResponse(ndjson(lines), { headers: { 'content-type': 'application/x-ndjson' } })));
    const out: ChatStreamChunk[] = [];
    for await (const c of createOllama().streamChat(chat({ messages: [{ role: 'user', content: 'hi' }] }), {})) out.push(c);
    out.forEach((c) => chatStreamChunkSchema.parse(c));
    expect(out[0]).toMatchObject({ type: 'start', provider: 'ollama' });
    expect(out.filter((c) => c.type === 'text-delta').map((c) => (c as { delta: string }).delta).join('')).toBe('Hello! How can I help you today?');
    expect(out.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 11, outputTokens: 18 }, costUsd: 0 });
  });

  it('a stream cut mid-way is a network error after the chunks yielded', async () => {
    server.use(http.post(`${HOST}/api/chat`, () => new HttpResponse(ndjson(streamLines(), { cutAfter: 2 }), { headers: { 'content-type': 'application/x-ndjson' } })));
    const got: string[] = [];
    const e = await (async () => {
      for await (const c of createOllama().streamChat(chat({ messages: [{ role: 'user', content: 'hi' }] }), {})) got.push(c.type);
    })().catch((x) => x);
    expect(got).toEqual(['start', 'text-delta', 'text-delta']);
    expect(ProviderCallError.isInstance(e)).toBe(true);
    expect(e.category).toBe('network');
  });

  it('embeds, completes and lists/gets models (spec examples)', async () => {
    server.use(
      http.post(`${HOST}/api/embed`, () => HttpResponse.json(example('/api/embed'))),
      http.post(`${HOST}/api/generate`, () => HttpResponse.json(example('/api/generate'))),
      http.get(`${HOST}/api/tags`, () => HttpResponse.json(example('/api/tags', 'get'))),
      http.post(`${HOST}/api/show`, () => HttpResponse.json(example('/api/show'))),
    );
    const p = createOllama();
    const e = await p.embed(embedInputSchema.parse({ input: 'Why is the sky blue?' }), {});
    expect(e).toMatchObject({ model: 'embeddinggemma', usage: { inputTokens: 8 }, costUsd: 0 });
    expect(e.embeddings[0]).toHaveLength(10);
    const c = await p.complete({ prompt: 'Hi', privacy: 'local' }, {});
    expect(c).toMatchObject({ text: 'Hello! How can I help you today?', usage: { inputTokens: 11, outputTokens: 18 } });
    const page = await p.listModels({}, {});
    expect(page.items[0]).toMatchObject({ id: 'gemma4', local: true });
    expect(page.warnings?.[0]?.type).toBe('partial');
    const m = await p.getModel({ model: 'gemma4' }, {});
    expect(m.capabilities).toMatchObject({ vision: true, tools: false, embeddings: false });
    expect(m.local).toBe(true);
  });
});

describe('Ollama provider errors', () => {
  it('404 model not found is not-found; 500 unavailable; connection failure is a network error', async () => {
    const p = createOllama();
    const run = () => p.chat(chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'x' }] }), {}).catch((x) => x);
    server.use(http.post(`${HOST}/api/chat`, () => HttpResponse.json({ error: "model 'llama3.2' not found, try pulling it first" }, { status: 404 })));
    expect(await run()).toMatchObject({ category: 'not-found', status: 404 });
    server.use(http.post(`${HOST}/api/chat`, () => HttpResponse.json({ error: 'llama runner process has terminated' }, { status: 500 })));
    expect(await run()).toMatchObject({ category: 'unavailable', status: 500, isRetryable: true });
    server.use(http.post(`${HOST}/api/chat`, () => HttpResponse.error()));
    expect(await run()).toMatchObject({ category: 'network' });
  });

  it('refuses remote image URLs before sending anything', async () => {
    let calls = 0;
    server.use(http.post(`${HOST}/api/chat`, () => {
      calls++;
      return HttpResponse.json({});
    }));
    const e = await createOllama().chat(chat({ messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/a.png' }] }] }), {}).catch((x) => x);
    expect(e).toMatchObject({ category: 'validation', outcome: 'not-applied' });
    expect(calls).toBe(0);
  });

  it('honours the caller’s abort signal', async () => {
    server.use(http.post(`${HOST}/api/chat`, async () => {
      await new Promise((r) => setTimeout(r, 5_000));
      return HttpResponse.json({});
    }));
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 20);
    const e = await createOllama().chat(chat({ messages: [{ role: 'user', content: 'x' }] }), { signal: controller.signal }).catch((x) => x);
    expect(e).toBe(reason);
  });

  it('VERSION matches package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });
});
