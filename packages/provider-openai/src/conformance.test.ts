import type { ServiceFixture } from '@mosaic/provider-testkit';
import { providerConformanceSuite } from '@mosaic/provider-testkit/vitest';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe } from 'vitest';
import { exampleChunks, exampleJson, specAvailable } from '../test/spec-examples.js';
import { createOpenAI } from './index.js';

// The @mosaic/provider-testkit conformance suite, against fixtures built from the response
// examples of OpenAI's official OpenAPI description (read at test time; skipped when absent).
describe.skipIf(!specAvailable)('OpenAI provider conformance (@mosaic/provider-testkit)', () => {
  beforeAll(() => void exampleJson('/models', 'get'), 60_000); // parses the 3 MB spec once, before any timed check
  const sse = (events: unknown[]) =>
    new HttpResponse(`${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`, { headers: { 'content-type': 'text/event-stream' } });

  const ai: ServiceFixture = {
    probe: 'ai.getModel',
    inputs: {
      'ai.getModel': { model: 'gpt-4o-mini' },
      'ai.listModels': {},
      'ai.streamChat': { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] },
      'ai.complete': { model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test', maxTokens: 7 },
    },
    handlers: ({ baseUrl: origin }) => {
      const baseUrl = `${origin}/v1`;
      return [
      http.post(`${baseUrl}/chat/completions`, async ({ request }) => {
        const body = (await request.json()) as { stream?: boolean; model?: string };
        if (body.stream) {
          const chunks = exampleChunks('/chat/completions', 'Streaming');
          return sse([...chunks, { ...chunks[0], choices: [], usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 } }]);
        }
        return HttpResponse.json({ ...exampleJson<Record<string, unknown>>('/chat/completions', 'post', 'Default'), model: body.model ?? 'gpt-4.1-mini' });
      }),
      http.post(`${baseUrl}/completions`, () => HttpResponse.json({ ...exampleJson<Record<string, unknown>>('/completions', 'post', 'No streaming'), model: 'gpt-3.5-turbo-instruct' })),
      http.post(`${baseUrl}/embeddings`, () => HttpResponse.json({ ...exampleJson<Record<string, unknown>>('/embeddings', 'post'), model: 'text-embedding-3-small' })),
      http.get(`${baseUrl}/models`, () => {
        const list = exampleJson('/models', 'get');
        list.data.push({ id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'system' });
        return HttpResponse.json(list);
      }),
      http.get(`${baseUrl}/models/:id`, ({ params }) => HttpResponse.json({ ...exampleJson<Record<string, unknown>>('/models/{model}', 'get'), id: params.id })),
      ];
    },
    errorBody: (status) => ({ error: { message: `fixture error ${status}`, type: 'invalid_request_error', param: null, code: null } }),
    // OpenAI's list endpoints used here (/models) are not paginated by the vendor.
    pagination: false,
  };

  // The OpenAI provider has no separate health-check timeout: every request, the health check's
  // included, is bounded by `timeoutMs` (default 600 s), so that is where the kit's budget goes.
  providerConformanceSuite(
    ({ baseUrl, token, logger, healthTimeoutMs }) => createOpenAI({ baseUrl: `${baseUrl}/v1`, token, logger, timeoutMs: healthTimeoutMs }),
    { services: { ai } },
  );
});
