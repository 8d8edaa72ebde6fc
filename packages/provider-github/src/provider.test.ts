import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, InvalidArgumentError, RateLimitedError, type RateLimitState } from '@mosaic/orchestrator-core';
import { contractHandler, createContractRecorder, createContractValidator, loadGitHubSpec } from '@mosaic/tools-contract';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { API, callOp, testProvider } from '../test/support.js';
import { createGitHub, GitHubProvider, VERSION } from './index.js';

const validator = createContractValidator(loadGitHubSpec());
const rateLimitExample = validator.responseExample('rate-limit/get') as { resources: { core: Record<string, number> } };
const repoBody = fixture('get-repository')[0]!;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const target = { owner: 'octokit-fixture-org', repo: 'hello-world' };

describe('package', () => {
  it('VERSION equals package.json version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('createGitHub returns a v1 git provider with defaults', () => {
    const p = createGitHub();
    expect(p).toBeInstanceOf(GitHubProvider);
    expect(p).toMatchObject({ specificationVersion: 'v1', id: 'github', vendor: 'github', serviceType: 'git' });
    expect(p.capabilities.features).toEqual({ pagination: true, webhooks: true, streaming: false, etag: true, idempotencyKeys: false, credentialRefresh: false });
    expect(p.capabilities.operations).toHaveLength(36);
    expect(p.credentialFingerprint()).toBe('anonymous');
    expect(createGitHub({ getToken: () => 't' }).capabilities.features?.credentialRefresh).toBe(true);
  });
});

describe('settings', () => {
  it.each([
    [{ bogus: 1 }, /bogus|Unrecognized/i],
    [{ token: 'ghp_secretvalue0000000000000000000000000', getToken: () => 'x' }, /token or getToken/],
    [{ baseUrl: 'ftp://example.com' }, /baseUrl/],
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ etagCacheSize: -1 }, /etagCacheSize/],
  ])('rejects %o with a ConfigError naming the path', (settings, pattern) => {
    let error: unknown;
    try {
      createGitHub(settings as never);
    } catch (e) {
      error = e;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(pattern);
    expect((error as Error).message).not.toContain('ghp_secretvalue');
  });

  it('credentialFingerprint is a short sha256 of the token, never the token', () => {
    const token = 'ghp_fingerprint00000000000000000000000000';
    const fp = createGitHub({ token }).credentialFingerprint();
    expect(fp).toBe(createHash('sha256').update(token).digest('hex').slice(0, 16));
    expect(fp).not.toContain(token.slice(4, 12));
  });

  it('getToken is read lazily: not at construction, once at initialize, again on refresh', async () => {
    const getToken = vi.fn(async () => 'ghp_lazy000000000000000000000000000000000');
    const p = createGitHub({ getToken });
    expect(getToken).not.toHaveBeenCalled();
    await p.initialize({});
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(await p.refreshCredentials()).toBe(false);
    expect(getToken).toHaveBeenCalledTimes(2);
  });
});

describe('requests', () => {
  it('send the token, the user agent, and report x-ratelimit-* to the core on every response', async () => {
    const headers: Headers[] = [];
    server.use(http.get(`${API}/repos/:owner/:repo`, ({ request }) => {
      headers.push(request.headers);
      return HttpResponse.json(repoBody.response as never, {
        headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': String(4999 - headers.length), 'x-ratelimit-reset': '1767225600', 'x-ratelimit-resource': 'core' },
      });
    }));
    const reports: RateLimitState[] = [];
    const p = testProvider({ etagCacheSize: 0 });
    await p.initialize({ reportRateLimit: (s) => reports.push(s) });
    await callOp(p, 'git.getRepository', target);
    await callOp(p, 'git.getRepository', target);
    expect(headers[0]!.get('authorization')).toBe('token ghp_testtoken000000000000000000000000000');
    expect(headers[0]!.get('user-agent')).toContain(`mosaic-provider-github/${VERSION}`);
    expect(reports).toEqual([
      { limit: 5000, remaining: 4998, resetAt: 1767225600_000, resource: 'core' },
      { limit: 5000, remaining: 4997, resetAt: 1767225600_000, resource: 'core' },
    ]);
    expect(p.metrics().rateLimit).toEqual(reports[1]);
    expect(p.metrics().requests).toBe(2);
  });

  it('an injected fetch is used for every request', async () => {
    server.use(http.get(`${API}/repos/:owner/:repo`, () => HttpResponse.json(repoBody.response as never)));
    const fetchSpy = vi.fn((input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, init));
    const p = testProvider({ fetch: fetchSpy as typeof fetch });
    await callOp(p, 'git.getRepository', target);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(String(fetchSpy.mock.calls[0]![0])).toBe(`${API}/repos/octokit-fixture-org/hello-world`);
  });

  it('GitHub Enterprise Server: requests go to baseUrl /api/v3 and conform to the spec under that prefix', async () => {
    const ghes = createContractRecorder(createContractValidator(loadGitHubSpec(), { basePath: '/api/v3' }));
    server.use(contractHandler(ghes, { baseUrl: 'https://ghe.example.test/api/v3' }));
    const p = createGitHub({ id: 'ghes', token: 'ghp_ghes0000000000000000000000000000000000', baseUrl: 'https://ghe.example.test/api/v3/' });
    const r = await callOp(p, 'git.getRepository', target);
    await ghes.expectNoViolations();
    expect(ghes.results.map((x) => x.url)).toEqual(['https://ghe.example.test/api/v3/repos/octokit-fixture-org/hello-world']);
    expect(r.provider).toBe('ghes');
    expect(p.capabilities.details).toMatchObject({ enterprise: true });
  });

  it('octokit log output goes to the logger, never the console', async () => {
    server.use(http.get(`${API}/repos/:owner/:repo`, () =>
      HttpResponse.json(repoBody.response as never, { headers: { deprecation: 'true', sunset: 'Tue, 01 Dec 2026 00:00:00 GMT' } }),
    ));
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => undefined));
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    try {
      await callOp(testProvider({ logger }), 'git.getRepository', target);
      expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('is deprecated'), { provider: 'github' });
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('input GitHub cannot express', () => {
  it('createRepository: user + internal → private with warnings; defaultBranch → warning', async () => {
    let sent: Record<string, unknown> = {};
    server.use(http.post(`${API}/user/repos`, async ({ request }) => {
      sent = (await request.json()) as Record<string, unknown>;
      return HttpResponse.json(repoBody.response as never, { status: 201 });
    }));
    const r = await callOp(testProvider(), 'git.createRepository', { owner: 'me', ownerType: 'user', name: 'svc', visibility: 'internal', defaultBranch: 'trunk' });
    expect(sent).toMatchObject({ name: 'svc', private: true });
    expect(sent).not.toHaveProperty('visibility');
    expect(r.warnings?.map((w) => w.feature).sort()).toEqual(['defaultBranch', 'visibility:internal']);
  });

  it('a webhook id that is not numeric is an InvalidArgumentError before any request', async () => {
    let requests = 0;
    server.use(http.all(`${API}/*`, () => {
      requests++;
      return HttpResponse.json({});
    }));
    const error = await callOp(testProvider(), 'git.deleteWebhook', { owner: 'o', repo: 'r', id: 'abc' }).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(requests).toBe(0);
  });

  it('a 429 naming a secondary rate limit is one, with the 60 s default wait', async () => {
    server.use(http.get(`${API}/repos/:owner/:repo`, () => HttpResponse.json({ message: 'You have exceeded a secondary rate limit.' }, { status: 429 })));
    const error = await callOp(testProvider(), 'git.getRepository', target).catch((e: unknown) => e);
    expect(RateLimitedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'secondary-rate-limit', retryAfterMs: 60_000, status: 429 });
  });
});

describe('healthCheck', () => {
  it('GET /rate_limit → healthy with latency; the spec example has budget left', async () => {
    let path = '';
    server.use(http.get(`${API}/rate_limit`, ({ request }) => {
      path = new URL(request.url).pathname;
      return HttpResponse.json(rateLimitExample as never);
    }));
    const r = await testProvider().healthCheck(AbortSignal.timeout(5000));
    expect(path).toBe('/rate_limit');
    expect(r.status).toBe('healthy');
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r.checkedAt).toBeTypeOf('number');
  });

  it('degraded when the core budget is exhausted; unhealthy on errors (no token in detail)', async () => {
    const exhausted = structuredClone(rateLimitExample);
    exhausted.resources.core.remaining = 0;
    server.use(http.get(`${API}/rate_limit`, () => HttpResponse.json(exhausted as never)));
    expect((await testProvider().healthCheck(AbortSignal.timeout(5000))).status).toBe('degraded');
    server.use(http.get(`${API}/rate_limit`, () => HttpResponse.json({ message: 'Bad credentials' }, { status: 401 })));
    const bad = await createGitHub({ token: 'ghp_healthcanary000000000000000000000000' }).healthCheck(AbortSignal.timeout(5000));
    expect(bad.status).toBe('unhealthy');
    expect(bad.detail).toContain('401');
    expect(bad.detail).not.toContain('ghp_healthcanary');
  });

  it('honours an aborted signal', async () => {
    server.use(http.get(`${API}/rate_limit`, () => HttpResponse.json(rateLimitExample as never)));
    await expect(testProvider().healthCheck(AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});
