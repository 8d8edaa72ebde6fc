import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractHandler, createContractRecorder, monitorContract } from './msw.js';
import { createContractValidator } from './validator.js';

const doc = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'items/get',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { example: { id: 7, name: 'seven' } } } } },
      },
    },
    '/items': {
      post: {
        operationId: 'items/create',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } } },
        responses: { '201': { description: 'created' } },
      },
    },
  },
};

const base = 'https://contract.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

describe('contractHandler', () => {
  it('answers valid requests with the documented example and records no violation', async () => {
    const recorder = createContractRecorder(createContractValidator(doc));
    server.resetHandlers(contractHandler(recorder, { baseUrl: base }));
    const res = await fetch(`${base}/items/7`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 7, name: 'seven' });
    await expect(recorder.expectNoViolations()).resolves.toBeUndefined();
    expect(recorder.results.map((r) => r.operationId)).toEqual(['items/get']);
  });

  it('answers a violating request with 599 and expectNoViolations fails listing it', async () => {
    const recorder = createContractRecorder(createContractValidator(doc));
    server.resetHandlers(contractHandler(recorder, { baseUrl: base, respond: () => HttpResponse.json({}, { status: 201 }) }));
    const res = await fetch(`${base}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 5 }) });
    expect(res.status).toBe(599);
    expect(((await res.json()) as { errors: string[] }).errors).toEqual(['body at /name must be string']);
    await expect(recorder.expectNoViolations()).rejects.toThrow(/POST https:\/\/contract.example.test\/items \(items\/create\):\n\s+body at \/name must be string/);
    recorder.reset();
    await expect(recorder.expectNoViolations()).resolves.toBeUndefined();
  });
});

describe('monitorContract', () => {
  it('checks requests answered by ordinary handlers', async () => {
    const recorder = createContractRecorder(createContractValidator(doc));
    server.resetHandlers(http.all(`${base}/*`, () => HttpResponse.json({ id: 1 })));
    const stop = monitorContract(server, recorder, base);
    try {
      await fetch(`${base}/items/1`);
      await fetch(`${base}/items/one`, { method: 'DELETE' });
      await recorder.settled();
      expect(recorder.results).toHaveLength(2);
      expect(recorder.violations).toHaveLength(1);
      expect(recorder.violations[0]!.errors[0]).toContain('method DELETE is not defined for /items/{id}');
    } finally {
      stop();
    }
    await fetch(`${base}/items/x`);
    expect(recorder.results).toHaveLength(2);
  });
});
