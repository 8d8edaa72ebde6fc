import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { MosaicError, ProviderCallError, RateLimitedError, TimeoutError, operations } from '@mosaic/orchestrator-core';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { API, inputOf, testProvider } from '../test/support.js';
import { createGitHub } from './index.js';

const server = setupServer();
// Requests without a handler go to the network: only the connection-refused test does that, to 127.0.0.1.
beforeAll(() => server.listen({ onUnhandledFrame: 'bypass' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

const repo = { owner: 'octocat', repo: 'Hello-World' };
const NOW = Date.parse('2026-01-01T00:00:00Z');

/** GitHub's error body shape (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api). */
function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  server.use(http.get(`${API}/repos/octocat/Hello-World`, () => HttpResponse.json(body as never, { status, headers })));
}

async function failure(provider = testProvider()): Promise<ProviderCallError> {
  const error = await provider.getRepository(inputOf('git.getRepository', repo), {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ProviderCallError.isInstance(error)) throw new Error(`expected a ProviderCallError, got ${String(error)}`);
  return error;
}

describe('HTTP error mapping', () => {
  it('401 → auth, not retryable, nothing applied', async () => {
    answer(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    const e = await failure();
    expect(e).toMatchObject({ category: 'auth', status: 401, isRetryable: false, outcome: 'not-applied', provider: 'github', operation: 'git.getRepository' });
    expect(e.message).toContain('Bad credentials');
  });

  it('403 with x-ratelimit-remaining: 0 → primary rate limit, wait until x-ratelimit-reset', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const reset = NOW / 1000 + 120;
    answer(403, { message: 'API rate limit exceeded for user ID 1.' }, { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' });
    const provider = testProvider();
    const e = await failure(provider);
    expect(RateLimitedError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ category: 'rate-limited', reason: 'rate-limit', retryAfterMs: 120_000, isRetryable: true, outcome: 'not-applied' });
    expect(provider.metrics().rateLimit).toEqual({ limit: 5000, remaining: 0, resetAt: reset * 1000, resource: 'core' });
  });

  it('403 with retry-after → secondary rate limit, wait retry-after seconds', async () => {
    answer(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '30' });
    const e = await failure();
    expect(e).toMatchObject({ category: 'rate-limited', reason: 'secondary-rate-limit', retryAfterMs: 30_000 });
  });

  it('403 naming a secondary rate limit without retry-after → wait at least 60 s', async () => {
    answer(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'x-ratelimit-remaining': '4000' });
    const e = await failure();
    expect(e).toMatchObject({ category: 'rate-limited', reason: 'secondary-rate-limit', retryAfterMs: 60_000 });
  });

  it('403 without rate-limit signs → auth (permission), not retryable', async () => {
    answer(403, { message: 'Resource not accessible by integration' }, { 'x-ratelimit-remaining': '4999' });
    const e = await failure();
    expect(RateLimitedError.isInstance(e)).toBe(false);
    expect(e).toMatchObject({ category: 'auth', status: 403, isRetryable: false });
  });

  it('404 → not-found, 409 → conflict', async () => {
    answer(404, { message: 'Not Found' });
    expect(await failure()).toMatchObject({ category: 'not-found', status: 404, isRetryable: false });
    answer(409, { message: 'Git Repository is empty.' });
    expect(await failure()).toMatchObject({ category: 'conflict', status: 409 });
  });

  it('422 → validation with GitHub errors[] as fieldErrors (objects and strings)', async () => {
    server.use(
      http.post(`${API}/repos/octocat/Hello-World/pulls`, () =>
        HttpResponse.json(
          { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for octocat:feature.' }, { resource: 'PullRequest', field: 'base', code: 'invalid' }, 'plain text error'] },
          { status: 422 },
        ),
      ),
    );
    const e = (await testProvider()
      .createPullRequest(inputOf('git.createPullRequest', { ...repo, title: 't', head: 'feature', base: 'main' }), {})
      .catch((x: unknown) => x)) as ProviderCallError;
    expect(e).toMatchObject({ category: 'validation', status: 422, isRetryable: false, outcome: 'not-applied' });
    expect(e.fieldErrors).toEqual([
      { code: 'custom', message: 'A pull request already exists for octocat:feature.' },
      { field: 'base', code: 'invalid', message: 'PullRequest base invalid' },
      { message: 'plain text error' },
    ]);
  });

  it('429 with Retry-After seconds and HTTP-date', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    answer(429, { message: 'Too Many Requests' }, { 'retry-after': '7' });
    expect(await failure()).toMatchObject({ category: 'rate-limited', status: 429, retryAfterMs: 7000 });
    answer(429, { message: 'Too Many Requests' }, { 'retry-after': new Date(NOW + 90_000).toUTCString() });
    expect(await failure()).toMatchObject({ category: 'rate-limited', status: 429, retryAfterMs: 90_000 });
  });

  it.each([500, 502, 503])('%i → unavailable, retryable, outcome unknown', async (status) => {
    answer(status, { message: 'Server Error' });
    expect(await failure()).toMatchObject({ category: 'unavailable', status, isRetryable: true, outcome: 'unknown' });
  });

  it('a write failing with 5xx keeps outcome unknown (it may have been applied)', async () => {
    server.use(http.post(`${API}/orgs/octo-org/repos`, () => HttpResponse.json({ message: 'Server Error' }, { status: 502 })));
    const e = await testProvider()
      .createRepository(inputOf('git.createRepository', { owner: 'octo-org', name: 'x' }), {})
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ category: 'unavailable', outcome: 'unknown', operation: 'git.createRepository' });
  });
});

describe('failures without a response', () => {
  it('connection refused → network, not-applied, ECONNREFUSED', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const provider = createGitHub({ token: 'ghp_testtoken000000000000000000000000000', baseUrl: `http://127.0.0.1:${port}/api/v3` });
    const e = await failure(provider);
    expect(e).toMatchObject({ category: 'network', outcome: 'not-applied', vendorCode: 'ECONNREFUSED', isRetryable: true });
  });

  it('the per-request timeoutMs → TimeoutError', async () => {
    server.use(http.get(`${API}/repos/octocat/Hello-World`, async () => {
      await delay(5_000);
      return HttpResponse.json({});
    }));
    const e = await failure(testProvider({ timeoutMs: 30 }));
    expect(TimeoutError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ category: 'timeout', outcome: 'unknown' });
  });

  it('a caller abort rejects with the signal reason, unmapped; an aborted signal sends nothing', async () => {
    let requests = 0;
    let reached!: () => void;
    const inFlight = new Promise<void>((resolve) => (reached = resolve));
    server.use(http.get(`${API}/repos/octocat/Hello-World`, async () => {
      requests++;
      reached();
      await delay(5_000);
      return HttpResponse.json({});
    }));
    const provider = testProvider();
    const controller = new AbortController();
    const pending = provider.getRepository(inputOf('git.getRepository', repo), { signal: controller.signal });
    await inFlight;
    controller.abort(new DOMException('caller gave up', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: 'caller gave up' });
    expect(requests).toBe(1);
    await expect(provider.getRepository(inputOf('git.getRepository', repo), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests).toBe(1);
  });
});

describe('canary token never leaks', () => {
  const canary = 'ghp_CANARYcanaryCANARYcanary0123456789AB';
  const getCanary = 'gho_GETTOKENcanaryGETTOKEN0123456789ABCD';

  function serialized(error: unknown): string {
    const parts: string[] = [];
    let current: unknown = error;
    for (let depth = 0; current != null && depth < 10; depth++) {
      if (current instanceof Error) parts.push(current.message, current.stack ?? '');
      parts.push(JSON.stringify(current) ?? '', inspect(current, { depth: 10, showHidden: false }), String(current));
      current = (current as { cause?: unknown }).cause;
    }
    return parts.join('\n');
  }

  it.each([
    ['401', () => answer(401, { message: 'Bad credentials' })],
    ['403 rate limit', () => answer(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600' })],
    ['422 echoing the request', () => answer(422, { message: `Validation Failed for token ${canary}`, errors: [{ message: `bad ${canary}` }] })],
    ['500', () => answer(500, { message: 'boom' })],
    ['network error', () => server.use(http.get(`${API}/repos/octocat/Hello-World`, () => HttpResponse.error()))],
  ])('%s: not in message, stack, cause chain, JSON or inspect output', async (_label, arrange) => {
    arrange();
    for (const provider of [createGitHub({ token: canary }), createGitHub({ getToken: async () => getCanary })]) {
      const error = await provider.getRepository(inputOf('git.getRepository', repo), {}).catch((e: unknown) => e);
      expect(MosaicError.isInstance(error)).toBe(true);
      const text = serialized(error);
      expect(text).not.toContain(canary);
      expect(text).not.toContain(getCanary);
      expect(text).not.toContain(canary.slice(4));
    }
  });

  it('the canary was really sent (the test can fail)', async () => {
    let seen = '';
    server.use(http.get(`${API}/repos/octocat/Hello-World`, ({ request }) => {
      seen = request.headers.get('authorization') ?? '';
      return HttpResponse.json({ message: 'Bad credentials' }, { status: 401 });
    }));
    await createGitHub({ token: canary }).getRepository(operations['git.getRepository'].input.parse(repo), {}).catch(() => undefined);
    expect(seen).toBe(`token ${canary}`);
  });
});
