import type Anthropic from '@anthropic-ai/sdk';
import type { ServiceFixture } from '@mosaic/provider-testkit';
import { providerConformanceSuite } from '@mosaic/provider-testkit/vitest';
import { http, HttpResponse } from 'msw';
import { createAnthropic } from './index.js';

// The @mosaic/provider-testkit conformance suite. Anthropic publishes no OpenAPI file: bodies are
// typed with the official SDK's response types (as in anthropic-provider.test.ts).
const usage = (input: number, output: number): Anthropic.Usage =>
  ({ cache_creation: null, cache_creation_input_tokens: null, cache_read_input_tokens: null, inference_geo: null, input_tokens: input, output_tokens: output, output_tokens_details: null, server_tool_use: null, service_tier: 'standard', speed: null }) as Anthropic.Usage;
const message = (content: Anthropic.ContentBlock[], stop: Anthropic.StopReason | null): Anthropic.Message =>
  ({ id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', container: null, content, stop_reason: stop, stop_sequence: null, stop_details: null, usage: usage(25, 10), diagnostics: null }) as Anthropic.Message;
const text = (t: string) => ({ type: 'text', text: t, citations: null }) as Anthropic.TextBlock;
const model = (id: string): Anthropic.ModelInfo => ({ id, type: 'model', display_name: id, created_at: '2025-09-29T00:00:00Z' }) as Anthropic.ModelInfo;
const events: Anthropic.RawMessageStreamEvent[] = [
  { type: 'message_start', message: message([], null) },
  { type: 'content_block_start', index: 0, content_block: text('') },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null, container: null } as never, usage: { output_tokens: 12 } as Anthropic.MessageDeltaUsage },
  { type: 'message_stop' },
];

const ai: ServiceFixture = {
  probe: 'ai.getModel',
  inputs: {
    'ai.getModel': { model: 'claude-sonnet-4-5' },
    'ai.chat': { model: 'claude-sonnet-4-5', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }], maxTokens: 100 },
    'ai.streamChat': { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello' }] },
    'ai.listModels': {},
  },
  handlers: ({ baseUrl }) => [
    http.post(`${baseUrl}/v1/messages`, async ({ request }) => {
      const body = (await request.json()) as { stream?: boolean };
      if (!body.stream) return HttpResponse.json(message([text('Hello!')], 'end_turn'));
      return new HttpResponse(events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''), { headers: { 'content-type': 'text/event-stream' } });
    }),
    http.get(`${baseUrl}/v1/models`, () => HttpResponse.json({ data: [model('claude-sonnet-4-5-20250929')], has_more: false, first_id: 'claude-sonnet-4-5-20250929', last_id: 'claude-sonnet-4-5-20250929' })),
    http.get(`${baseUrl}/v1/models/:id`, ({ params }) => HttpResponse.json(model(String(params.id)))),
  ],
  errorBody: (status) => ({ type: 'error', error: { type: status === 429 ? 'rate_limit_error' : 'api_error', message: `fixture error ${status}` }, request_id: 'req_fixture' }),
  // https://docs.anthropic.com/en/api/models-list: `has_more` and `last_id`, next page with `after_id`.
  pagination: {
    operation: 'ai.listModels',
    input: {},
    path: '/v1/models',
    pageOf: (request) => {
      const after = new URL(request.url).searchParams.get('after_id');
      return after ? Number(after.split('-')[1]) + 1 : 1;
    },
    respond: ({ keys, next }) =>
      HttpResponse.json({
        data: keys.map(model),
        has_more: next !== null,
        first_id: keys[0],
        last_id: next === 'malformed' ? null : next === null ? keys.at(-1) : `pgkey-${next - 1}-1`,
      }),
  },
};

// The Anthropic provider has no separate health-check timeout: every request, the health check's
// included, is bounded by `timeoutMs` (default 600 s), so that is where the kit's budget goes.
providerConformanceSuite(({ baseUrl, token, logger, healthTimeoutMs }) => createAnthropic({ baseUrl, token, logger, timeoutMs: healthTimeoutMs }), {
  services: { ai },
  skip: {
    'ai.pagination.every-item': 'listModels returns the provider model table’s models that the vendor serves, not every vendor model (the kit’s generated ids are not in the table)',
  },
});
