import type { ServiceFixture } from '@mosaic/provider-testkit';
import { providerConformanceSuite } from '@mosaic/provider-testkit/vitest';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe } from 'vitest';
import { example, specAvailable } from '../test/spec-examples.js';
import { createOllama } from './index.js';

// The @mosaic/provider-testkit conformance suite, against fixtures built from the examples of
// Ollama's official OpenAPI description (read at test time; skipped when absent).
describe.skipIf(!specAvailable)('Ollama provider conformance (@mosaic/provider-testkit)', () => {
  beforeAll(() => void example('/api/chat'), 30_000); // parses the spec once, before any timed check
  const ndjson = (lines: unknown[]) => new HttpResponse(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), { headers: { 'content-type': 'application/x-ndjson' } });
  const streamLines = () => {
    const final = example('/api/chat');
    const part = (content: string) => ({ model: final.model, created_at: final.created_at, message: { role: 'assistant', content }, done: false });
    return [part('Hello!'), part(' How can I'), part(' help you today?'), { ...final, message: { role: 'assistant', content: '' } }];
  };

  const ai: ServiceFixture = {
    probe: 'ai.getModel',
    inputs: {
      'ai.getModel': { model: 'gemma4' },
      'ai.chat': { model: 'llama3.2', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }], maxTokens: 64 },
      'ai.streamChat': { model: 'llama3.2', messages: [{ role: 'user', content: 'Hello' }] },
      'ai.complete': { model: 'llama3.2', prompt: 'Hi', maxTokens: 16 },
      'ai.embed': { model: 'embeddinggemma', input: 'Why is the sky blue?' },
      'ai.listModels': {},
    },
    handlers: ({ baseUrl }) => [
      http.post(`${baseUrl}/api/chat`, async ({ request }) => {
        const body = (await request.json()) as { stream?: boolean };
        return body.stream === false ? HttpResponse.json(example('/api/chat')) : ndjson(streamLines());
      }),
      http.post(`${baseUrl}/api/generate`, () => HttpResponse.json(example('/api/generate'))),
      http.post(`${baseUrl}/api/embed`, () => HttpResponse.json(example('/api/embed'))),
      http.get(`${baseUrl}/api/tags`, () => HttpResponse.json(example('/api/tags', 'get'))),
      http.post(`${baseUrl}/api/show`, () => HttpResponse.json(example('/api/show'))),
      http.get(`${baseUrl}/api/version`, () => HttpResponse.json(example('/api/version', 'get'))),
    ],
    errorBody: (status) => ({ error: `fixture error ${status}` }),
    // Ollama's /api/tags answers every installed model at once: there are no vendor pages.
    pagination: false,
  };

  // Ollama has no separate health-check timeout: every request, the health check's included, is
  // bounded by `timeoutMs` (default 600 s), so that is where the kit's budget goes.
  providerConformanceSuite(
    ({ baseUrl, token, logger, healthTimeoutMs }) => createOllama({ baseUrl, token, logger, timeoutMs: healthTimeoutMs }),
    { services: { ai } },
  );
});
