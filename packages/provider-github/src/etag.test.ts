import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { API, callOp, testProvider } from '../test/support.js';
import { createGitHub } from './index.js';

// Conditional requests: https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
const recorded = fixture('get-repository')[0]!;
const body = recorded.response as Record<string, unknown>;
const ETAG = '"644b5b0155e6404a9cc4bd9d8b1ae730"';

interface Seen {
  path: string;
  ifNoneMatch: string | null;
  authorization: string | null;
}
let seen: Seen[] = [];

const server = setupServer(
  http.get(`${API}/repos/:owner/:repo`, ({ request, params }) => {
    const ifNoneMatch = request.headers.get('if-none-match');
    seen.push({ path: `${params.owner}/${params.repo}`, ifNoneMatch, authorization: request.headers.get('authorization') });
    const rate = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4990', 'x-ratelimit-reset': '1767225600', 'x-ratelimit-resource': 'core' };
    const etag = `"${params.owner}-${params.repo}"`;
    if (ifNoneMatch === etag || ifNoneMatch === ETAG) return new HttpResponse(null, { status: 304, headers: { etag: ifNoneMatch, ...rate } });
    return HttpResponse.json({ ...body, name: params.repo, full_name: `${params.owner}/${params.repo}` }, { headers: { etag: params.repo === 'hello-world' ? ETAG : etag, ...rate } });
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  seen = [];
  server.resetHandlers();
});
afterAll(() => server.close());

const target = { owner: 'octokit-fixture-org', repo: 'hello-world' };

describe('ETag revalidation', () => {
  it('the second GET sends If-None-Match; the 304 answers from the cache with equal data', async () => {
    const provider = testProvider();
    const first = await callOp(provider, 'git.getRepository', target);
    const second = await callOp(provider, 'git.getRepository', target);
    expect(seen.map((s) => s.ifNoneMatch)).toEqual([null, ETAG]);
    expect(second).toEqual(first);
    expect(second.fullName).toBe('octokit-fixture-org/hello-world');
    expect(provider.metrics()).toMatchObject({ etag: { hits: 1, entries: 1 }, rateLimit: { remaining: 4990 } });
    expect(provider.capabilities.features?.etag).toBe(true);
  });

  it('changing returned data does not corrupt the cache', async () => {
    const provider = testProvider();
    const first = await callOp(provider, 'git.getRepository', target);
    (first.raw as Record<string, unknown>).name = 'mutated';
    const second = await callOp(provider, 'git.getRepository', target);
    expect((second.raw as Record<string, unknown>).name).toBe('hello-world');
    expect(second.name).toBe('hello-world');
  });

  it('the cache is scoped by credential: after a token change no If-None-Match is sent', async () => {
    let token = 'ghp_firsttoken0000000000000000000000000001';
    const provider = createGitHub({ getToken: () => token });
    await provider.initialize({});
    const fp1 = provider.credentialFingerprint();
    await callOp(provider, 'git.getRepository', target);
    token = 'ghp_secondtoken000000000000000000000000002';
    expect(await provider.refreshCredentials()).toBe(true);
    expect(provider.credentialFingerprint()).not.toBe(fp1);
    await callOp(provider, 'git.getRepository', target);
    expect(seen.map((s) => [s.authorization, s.ifNoneMatch])).toEqual([
      ['token ghp_firsttoken0000000000000000000000000001', null],
      ['token ghp_secondtoken000000000000000000000000002', null],
    ]);
    expect(await provider.refreshCredentials()).toBe(false);
  });

  it('is bounded: the least recently used entry is evicted', async () => {
    const provider = testProvider({ etagCacheSize: 2 });
    for (const repo of ['a', 'b', 'c', 'a']) await callOp(provider, 'git.getRepository', { owner: 'o', repo });
    expect(seen.map((s) => `${s.path}:${s.ifNoneMatch ?? '-'}`)).toEqual(['o/a:-', 'o/b:-', 'o/c:-', 'o/a:-']);
    await callOp(provider, 'git.getRepository', { owner: 'o', repo: 'c' });
    expect(seen.at(-1)).toMatchObject({ path: 'o/c', ifNoneMatch: '"o-c"' });
    expect(provider.metrics()).toMatchObject({ etag: { entries: 2, hits: 1 } });
  });

  it('etagCacheSize 0 disables conditional requests and the etag feature', async () => {
    const provider = testProvider({ etagCacheSize: 0 });
    await callOp(provider, 'git.getRepository', target);
    await callOp(provider, 'git.getRepository', target);
    expect(seen.map((s) => s.ifNoneMatch)).toEqual([null, null]);
    expect(provider.capabilities.features?.etag).toBe(false);
  });

  it('writes are never conditional', async () => {
    let ifNoneMatch: string | null = 'unset';
    server.use(http.patch(`${API}/repos/:owner/:repo`, ({ request }) => {
      ifNoneMatch = request.headers.get('if-none-match');
      return HttpResponse.json(body, { headers: { etag: ETAG } });
    }));
    const provider = testProvider();
    await callOp(provider, 'git.getRepository', target);
    await callOp(provider, 'git.updateRepository', { ...target, patch: { description: 'x' } });
    expect(ifNoneMatch).toBeNull();
  });
});
