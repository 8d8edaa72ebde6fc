import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../errors/index.js';
import { fetchFollowingRedirects } from './redirects.js';

type Seen = { url: string; method: string; headers: Record<string, string>; body: unknown };

/** A fake `fetch` answering from a route table (URL → response factory) and recording what was sent. */
function fakeFetch(routes: Record<string, () => Response>) {
  const seen: Seen[] = [];
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    seen.push({ url, method: String(init?.method), headers: { ...(init?.headers as Record<string, string>) }, body: init?.body });
    expect(init?.redirect).toBe('manual');
    const route = routes[url];
    if (!route) throw new TypeError(`fetch failed: ${url}`);
    return route();
  };
  return { seen, fetch: impl as typeof fetch };
}

const redirect = (status: number, location?: string) => () => new Response(null, { status, headers: location ? { location } : {} });
const ok = () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
const base = {
  provider: 'p',
  operation: 'git.op',
  origin: 'https://api.example',
  credentialHeaders: ['Authorization', 'private-token'],
  headers: { authorization: 'token T', 'PRIVATE-TOKEN': 'T2', 'content-type': 'application/json', accept: 'application/json' },
};

describe('fetchFollowingRedirects', () => {
  it('keeps credentials and body on a same-origin 307 and returns the final response', async () => {
    const f = fakeFetch({ 'https://api.example/a': redirect(307, '/b'), 'https://api.example/b': ok });
    const result = await fetchFollowingRedirects({ ...base, fetch: f.fetch, url: 'https://api.example/a', method: 'POST', body: '{"x":1}' });
    expect(result).toMatchObject({ url: 'https://api.example/b', method: 'POST' });
    expect(result.response.status).toBe(200);
    expect(f.seen[1]).toMatchObject({ method: 'POST', body: '{"x":1}', headers: base.headers });
  });

  it('drops credential headers and the body for good once a redirect leaves the origin', async () => {
    const f = fakeFetch({
      'https://api.example/a': redirect(308, 'https://cdn.example/b'),
      'https://cdn.example/b': redirect(307, 'https://api.example/c'),
      'https://api.example/c': ok,
    });
    await fetchFollowingRedirects({ ...base, fetch: f.fetch, url: 'https://api.example/a', method: 'PUT', body: 'data' });
    for (const hop of f.seen.slice(1)) {
      expect(Object.keys(hop.headers).map((k) => k.toLowerCase())).toEqual(['accept']);
      expect(hop.body).toBeUndefined();
      expect(hop.method).toBe('PUT');
    }
  });

  it('turns a 303, and a 301/302 of a POST, into a GET without body', async () => {
    for (const status of [301, 302, 303]) {
      const f = fakeFetch({ 'https://api.example/a': redirect(status, '/b'), 'https://api.example/b': ok });
      const result = await fetchFollowingRedirects({ ...base, fetch: f.fetch, url: 'https://api.example/a', method: 'POST', body: 'x' });
      expect(result.method).toBe('GET');
      expect(f.seen[1]?.body).toBeUndefined();
      expect(f.seen[1]?.headers).not.toHaveProperty('content-type');
      expect(f.seen[1]?.headers).toHaveProperty('authorization');
    }
  });

  it('fails on a redirect without Location and after maxRedirects, calling onResponse for every hop', async () => {
    const statuses: number[] = [];
    const noLocation = fakeFetch({ 'https://api.example/a': redirect(302) });
    await expect(fetchFollowingRedirects({ ...base, fetch: noLocation.fetch, url: 'https://api.example/a', method: 'GET', onResponse: (r) => statuses.push(r.status) })).rejects.toMatchObject({
      category: 'unknown',
      message: 'p git.op: redirect without Location',
    });
    expect(statuses).toEqual([302]);
    const loop = fakeFetch({ 'https://api.example/a': redirect(302, '/a') });
    const error = await fetchFollowingRedirects({ ...base, fetch: loop.fetch, url: 'https://api.example/a', method: 'GET', maxRedirects: 2 }).catch((e: unknown) => e);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('p git.op: too many redirects');
    expect(loop.seen).toHaveLength(3);
  });

  it('maps network failures to provider errors and rethrows the abort reason when aborted', async () => {
    const f = fakeFetch({});
    const error = await fetchFollowingRedirects({ ...base, fetch: f.fetch, url: 'https://api.example/none', method: 'GET' }).catch((e: unknown) => e);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(fetchFollowingRedirects({ ...base, fetch: f.fetch, url: 'https://api.example/a', method: 'GET', signal: controller.signal })).rejects.toBe(reason);
    expect(f.seen).toHaveLength(1);
  });
});
