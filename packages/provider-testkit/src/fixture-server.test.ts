import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureServer, type FixtureServer } from './index.js';

describe('createFixtureServer', () => {
  let fixture: FixtureServer | undefined;
  afterEach(() => fixture?.close());

  const start = () => {
    fixture = createFixtureServer({ handlers: [http.get('https://vendor.mosaic-fixture.test/api/items/:id', ({ params }) => HttpResponse.json({ id: params.id }))] });
    fixture.listen();
    return fixture;
  };

  it('serves its handlers and captures every request with headers and body', async () => {
    const f = start();
    const res = await fetch(`${f.baseUrl}/api/items/7`, { headers: { authorization: 'Bearer t0ken-abc' } });
    expect(await res.json()).toEqual({ id: '7' });
    await fetch(`${f.baseUrl}/api/items/8`, { method: 'GET' });
    expect(f.requests.map((r) => [r.method, r.pathname, r.answeredBy])).toEqual([
      ['GET', '/api/items/7', 'handler'],
      ['GET', '/api/items/8', 'handler'],
    ]);
    expect(f.requests[0]!.headers.authorization).toBe('Bearer t0ken-abc');
    expect(f.responses.map((r) => [r.status, r.hasBody])).toEqual([
      [200, true],
      [200, true],
    ]);
  });

  it('answers unmatched fixture-origin requests 404 and fails every other origin as a network error', async () => {
    const f = start();
    const res = await fetch(`${f.baseUrl}/nothing/here`, { method: 'POST', body: 'payload' });
    expect(res.status).toBe(404);
    expect(f.requests[0]).toMatchObject({ method: 'POST', body: 'payload', answeredBy: 'unmatched' });
    await expect(fetch('https://api.example.com/real-network')).rejects.toThrow(TypeError);
    expect(f.requests[1]!.origin).toBe('https://api.example.com');
  });

  it('injects a status with Retry-After (seconds or HTTP-date) for a number of matching requests, then serves normally', async () => {
    const f = start();
    f.inject({ status: 429, retryAfter: 7, times: 1, match: { method: 'GET', path: '/api/items/:id' } });
    const first = await fetch(`${f.baseUrl}/api/items/1`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(await first.json()).toEqual({ message: 'fixture fault: HTTP 429' });
    expect((await fetch(`${f.baseUrl}/api/items/1`)).status).toBe(200);
    f.inject({ status: 503, retryAfter: new Date('2026-01-01T00:00:30Z'), body: (r) => ({ echoed: r.pathname }) });
    const third = await fetch(`${f.baseUrl}/api/items/2`);
    expect(third.headers.get('retry-after')).toBe('Thu, 01 Jan 2026 00:00:30 GMT');
    expect(await third.json()).toEqual({ echoed: '/api/items/2' });
    expect(f.requests.map((r) => r.answeredBy)).toEqual(['fault', 'handler', 'fault']);
  });

  it('does not apply a fault to requests it does not match, and removes it on request', async () => {
    const f = start();
    const remove = f.inject({ status: 500, match: { method: 'POST' } });
    expect((await fetch(`${f.baseUrl}/api/items/1`)).status).toBe(200);
    remove();
    f.inject({ status: 500, match: { path: /\/other$/ } });
    expect((await fetch(`${f.baseUrl}/api/items/1`)).status).toBe(200);
  });

  it('resets (fetch rejects) and hangs until the client aborts', async () => {
    const f = start();
    f.inject({ reset: true, times: 1 });
    await expect(fetch(`${f.baseUrl}/api/items/1`)).rejects.toThrow(TypeError);
    f.inject({ hang: true });
    const controller = new AbortController();
    const pending = fetch(`${f.baseUrl}/api/items/1`, { signal: controller.signal });
    const seen = await f.waitForRequest((r) => r.index === 1);
    expect(seen.pathname).toBe('/api/items/1');
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('delays by latencyMs and then serves normally', async () => {
    const f = start();
    f.inject({ latencyMs: 5, times: 1 });
    const res = await fetch(`${f.baseUrl}/api/items/3`);
    expect(await res.json()).toEqual({ id: '3' });
    expect(f.requests[0]!.answeredBy).toBe('handler');
  });
});
