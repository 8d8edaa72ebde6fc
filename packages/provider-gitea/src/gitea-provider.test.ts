import { createServer, type Server } from 'node:net';
import {
  ConfigError,
  InvalidArgumentError,
  ProviderCallError,
  RateLimitedError,
  gitOperations,
  type RateLimitState,
} from '@mosaic/orchestrator-core';
import { http, HttpResponse, delay, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { branchBody, commitBody, giteaSpecPath, issueBody, pullBody, repoBody } from '../test/fixtures.js';
import { createGitea } from './index.js';

const BASE = 'https://gitea.test';
const API = `${BASE}/api/v1`;
const CANARY = 'canary-gitea-TOKEN-7f3a9c2e51';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const repo = { owner: 'acme', repo: 'svc' };

describe.skipIf(!giteaSpecPath)('GiteaProvider', () => {
  describe('settings', () => {
    it('rejects unknown keys, a missing baseUrl and both token and getToken, without echoing the token', () => {
      const cases: Array<Record<string, unknown>> = [
        { token: CANARY },
        { baseUrl: 'not a url', token: CANARY },
        { baseUrl: 'ftp://gitea.test', token: CANARY },
        { baseUrl: BASE, token: CANARY, getToken: () => CANARY },
        { baseUrl: BASE },
        { baseUrl: BASE, token: CANARY, tokne: 'x' },
      ];
      for (const settings of cases) {
        let error: unknown;
        try {
          createGitea(settings as never);
        } catch (e) {
          error = e;
        }
        expect(ConfigError.isInstance(error)).toBe(true);
        expect(JSON.stringify(error)).not.toContain(CANARY);
        expect((error as Error).message).not.toContain(CANARY);
      }
    });

    it('reads a getToken token lazily, per request, and fingerprints it without revealing it', async () => {
      const getToken = vi.fn(async () => CANARY);
      const seen: Array<string | null> = [];
      server.use(
        http.get(`${API}/repos/:owner/:repo`, ({ request }) => {
          seen.push(request.headers.get('authorization'));
          return HttpResponse.json(repoBody());
        }),
      );
      const gitea = createGitea({ baseUrl: BASE, getToken });
      const before = gitea.credentialFingerprint();
      expect(getToken).not.toHaveBeenCalled();
      await gitea.getRepository(repo);
      await gitea.getRepository(repo);
      expect(getToken).toHaveBeenCalledTimes(2);
      expect(seen).toEqual([`token ${CANARY}`, `token ${CANARY}`]);
      const after = gitea.credentialFingerprint();
      expect(after).toMatch(/^[0-9a-f]{16}$/);
      expect(after).not.toBe(before);
      expect(after).not.toContain(CANARY);
    });
  });

  it('a failing getToken becomes an auth error before any request', async () => {
    let calls = 0;
    server.use(http.get(`${API}/repos/:owner/:repo`, () => (calls++, HttpResponse.json(repoBody()))));
    const error = (await createGitea({ baseUrl: BASE, getToken: () => Promise.reject(new Error('vault down')) }).getRepository(repo).catch((e: unknown) => e)) as ProviderCallError;
    expect(error.category).toBe('auth');
    expect(error.outcome).toBe('not-applied');
    expect(calls).toBe(0);
  });

  describe('error mapping', () => {
    const cases: Array<{ status: number; category: string; retryable: boolean; headers?: Record<string, string>; retryAfterMs?: number }> = [
      { status: 401, category: 'auth', retryable: false },
      { status: 403, category: 'auth', retryable: false },
      { status: 404, category: 'not-found', retryable: false },
      { status: 409, category: 'conflict', retryable: true },
      { status: 422, category: 'validation', retryable: false },
      { status: 429, category: 'rate-limited', retryable: true, headers: { 'retry-after': '7' }, retryAfterMs: 7000 },
      { status: 500, category: 'unavailable', retryable: true },
      { status: 502, category: 'unavailable', retryable: true },
      { status: 503, category: 'unavailable', retryable: true, headers: { 'retry-after': '2' }, retryAfterMs: 2000 },
    ];
    it.each(cases)('HTTP $status → $category', async ({ status, category, retryable, headers, retryAfterMs }) => {
      let calls = 0;
      server.use(
        http.get(`${API}/repos/:owner/:repo`, () => {
          calls++;
          return HttpResponse.json({ message: `vendor says ${status}`, url: `${BASE}/api/swagger` }, { status, headers });
        }),
      );
      const gitea = createGitea({ baseUrl: BASE, token: CANARY });
      const error = await gitea.getRepository(repo).catch((e: unknown) => e);
      expect(ProviderCallError.isInstance(error)).toBe(true);
      const e = error as ProviderCallError;
      expect(e.category).toBe(category);
      expect(e.status).toBe(status);
      expect(e.isRetryable).toBe(retryable);
      expect(e.operation).toBe('git.getRepository');
      expect(e.message).toContain(`vendor says ${status}`);
      if (retryAfterMs !== undefined) expect(e.retryAfterMs).toBe(retryAfterMs);
      if (status === 429) expect(RateLimitedError.isInstance(e)).toBe(true);
      expect(calls).toBe(1); // no retries of our own
    });

    it('429 with an HTTP-date Retry-After gives the delay until that date', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
      try {
        server.use(http.get(`${API}/repos/:owner/:repo`, () => HttpResponse.json({ message: 'slow down' }, { status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' } })));
        const error = (await createGitea({ baseUrl: BASE, token: CANARY }).getRepository(repo).catch((e: unknown) => e)) as RateLimitedError;
        expect(RateLimitedError.isInstance(error)).toBe(true);
        expect(error.retryAfterMs).toBe(30_000);
      } finally {
        vi.useRealTimers();
      }
    });

    it('keeps field errors of a 422 validation error', async () => {
      server.use(http.post(`${API}/orgs/:org/repos`, () => HttpResponse.json({ message: 'invalid', errors: ['name is too long'] }, { status: 422 })));
      const error = (await createGitea({ baseUrl: BASE, token: CANARY }).createRepository({ owner: 'acme', name: 'x' }).catch((e: unknown) => e)) as ProviderCallError;
      expect(error.category).toBe('validation');
      expect(error.outcome).toBe('not-applied');
      expect(error.fieldErrors).toEqual([{ message: 'name is too long' }]);
    });

    describe('network failures', () => {
      let tcp: Server | undefined;
      afterEach(async () => {
        await new Promise<void>((resolve) => (tcp ? tcp.close(() => resolve()) : resolve()));
        tcp = undefined;
      });

      it('connection refused is a network error with outcome not-applied', async () => {
        const port = await freePort();
        server.use(http.all(`http://127.0.0.1:${port}/*`, () => passthrough()));
        const gitea = createGitea({ baseUrl: `http://127.0.0.1:${port}`, token: CANARY });
        const error = (await gitea.getRepository(repo).catch((e: unknown) => e)) as ProviderCallError;
        expect(ProviderCallError.isInstance(error)).toBe(true);
        expect(error.category).toBe('network');
        expect(error.outcome).toBe('not-applied');
        expect(error.vendorCode).toBe('ECONNREFUSED');
        expect(error.isRetryable).toBe(true);
        assertNoCanary(error);
      });

      it('connection reset is a network error with outcome unknown', async () => {
        tcp = createServer((socket) => socket.on('data', () => socket.resetAndDestroy()));
        await new Promise<void>((resolve) => tcp!.listen(0, '127.0.0.1', () => resolve()));
        const port = (tcp.address() as { port: number }).port;
        server.use(http.all(`http://127.0.0.1:${port}/*`, () => passthrough()));
        const gitea = createGitea({ baseUrl: `http://127.0.0.1:${port}`, token: CANARY });
        const error = (await gitea.createRepository({ owner: 'acme', name: 'x' }).catch((e: unknown) => e)) as ProviderCallError;
        expect(error.category).toBe('network');
        expect(error.outcome).toBe('unknown');
        assertNoCanary(error);
      });
    });
  });

  describe('canary token never leaks', () => {
    it('not in message, stack, cause chain or JSON of an error whose vendor body echoes it', async () => {
      server.use(
        http.get(`${API}/repos/:owner/:repo`, ({ request }) =>
          HttpResponse.json({ message: `bad credentials: ${request.headers.get('authorization')}`, url: `${BASE}/?token=${CANARY}` }, { status: 401 }),
        ),
      );
      const gitea = createGitea({ baseUrl: BASE, token: CANARY });
      const error = await gitea.getRepository(repo).catch((e: unknown) => e);
      assertNoCanary(error);
    });

    it('not in errors thrown from a network failure with getToken', async () => {
      server.use(http.get(`${API}/repos/:owner/:repo`, () => HttpResponse.error()));
      const gitea = createGitea({ baseUrl: BASE, getToken: () => CANARY });
      const error = await gitea.getRepository(repo).catch((e: unknown) => e);
      expect(ProviderCallError.isInstance(error)).toBe(true);
      assertNoCanary(error);
    });

    it('not in health-check details', async () => {
      server.use(http.get(`${API}/version`, () => HttpResponse.json({ message: `token ${CANARY} rejected` }, { status: 401 })));
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).healthCheck(new AbortController().signal);
      expect(result.status).toBe('unhealthy');
      expect(JSON.stringify(result)).not.toContain(CANARY);
    });
  });

  describe('pagination', () => {
    const page = (n: number, size: number) => Array.from({ length: size }, (_, i) => branchBody({ name: `b${n}-${i}`, commit: { id: `sha${n}${i}` } }));
    const link = (next: number | null, last: number) =>
      [next !== null ? `<${API}/repos/acme/svc/branches?page=${next}&limit=2>; rel="next"` : '', `<${API}/repos/acme/svc/branches?page=${last}&limit=2>; rel="last"`].filter(Boolean).join(', ');

    it('follows Link rel=next across pages, stops at limit and resumes from nextCursor', async () => {
      const requested: string[] = [];
      server.use(
        http.get(`${API}/repos/:owner/:repo/branches`, ({ request }) => {
          const u = new URL(request.url);
          requested.push(`${u.searchParams.get('page')}/${u.searchParams.get('limit')}`);
          const p = Number(u.searchParams.get('page'));
          const items = p <= 2 ? page(p, 2) : page(p, 1);
          return HttpResponse.json(items, { headers: { link: link(p < 3 ? p + 1 : null, 3), 'x-total-count': '5' } });
        }),
      );
      const gitea = createGitea({ baseUrl: BASE, token: CANARY, pageSize: 2 });
      const first = await gitea.listBranches({ ...repo, limit: 3 });
      expect(first.items.map((b) => b.name)).toEqual(['b1-0', 'b1-1', 'b2-0']);
      expect(first.totalCount).toBe(5);
      expect(first.nextCursor).toBeTruthy();
      const rest = await gitea.listBranches({ ...repo, cursor: first.nextCursor! });
      expect(rest.items.map((b) => b.name)).toEqual(['b2-1', 'b3-0']);
      expect(rest.nextCursor).toBeNull();
      expect(requested).toEqual(['1/2', '2/2', '2/2', '3/2']);
      expect(gitOperations['git.listBranches'].output.parse(rest).items).toHaveLength(2);
    });

    it('returns every item by default when the server sends no Link header', async () => {
      server.use(
        http.get(`${API}/repos/:owner/:repo/branches`, ({ request }) => {
          const p = Number(new URL(request.url).searchParams.get('page'));
          return HttpResponse.json(p < 3 ? page(p, 2) : page(p, 1));
        }),
      );
      const result = await createGitea({ baseUrl: BASE, token: CANARY, pageSize: 2 }).listBranches(repo);
      expect(result.items).toHaveLength(5);
      expect(result.nextCursor).toBeNull();
    });

    it('fails on a cyclic Link (next points back to a visited page)', async () => {
      server.use(
        http.get(`${API}/repos/:owner/:repo/branches`, ({ request }) => {
          const p = Number(new URL(request.url).searchParams.get('page'));
          return HttpResponse.json(page(p, 2), { headers: { link: `<${API}/repos/acme/svc/branches?page=${p === 1 ? 2 : 1}&limit=2>; rel="next"` } });
        }),
      );
      const error = (await createGitea({ baseUrl: BASE, token: CANARY, pageSize: 2 }).listBranches(repo).catch((e: unknown) => e)) as ProviderCallError;
      expect(ProviderCallError.isInstance(error)).toBe(true);
      expect(error.message).toMatch(/malformed pagination/);
      expect(error.isRetryable).toBe(false);
    });

    it('fails on a malformed next link and on a server that repeats the same page', async () => {
      server.use(http.get(`${API}/repos/:owner/:repo/branches`, () => HttpResponse.json(page(1, 2), { headers: { link: `<${API}/repos/acme/svc/branches?page=abc>; rel="next"` } })));
      await expect(createGitea({ baseUrl: BASE, token: CANARY, pageSize: 2 }).listBranches(repo)).rejects.toThrow(/malformed pagination/);
      server.resetHandlers();
      server.use(http.get(`${API}/repos/:owner/:repo/branches`, () => HttpResponse.json(page(1, 2))));
      await expect(createGitea({ baseUrl: BASE, token: CANARY, pageSize: 2 }).listBranches(repo)).rejects.toThrow(/repeats the previous page/);
    });

    it('fails on endless empty pages and on more pages than maxPages', async () => {
      let calls = 0;
      server.use(
        http.get(`${API}/repos/:owner/:repo/branches`, ({ request }) => {
          calls++;
          const p = Number(new URL(request.url).searchParams.get('page'));
          return HttpResponse.json([], { headers: { link: `<${API}/repos/acme/svc/branches?page=${p + 1}>; rel="next"` } });
        }),
      );
      await expect(createGitea({ baseUrl: BASE, token: CANARY }).listBranches(repo)).rejects.toThrow(/empty pages/);
      expect(calls).toBeLessThan(10);
      server.resetHandlers();
      server.use(
        http.get(`${API}/repos/:owner/:repo/branches`, ({ request }) => {
          const p = Number(new URL(request.url).searchParams.get('page'));
          return HttpResponse.json(page(p, 2));
        }),
      );
      await expect(createGitea({ baseUrl: BASE, token: CANARY, pageSize: 2, maxPages: 4 }).listBranches(repo)).rejects.toThrow(/more than 4 pages/);
    });

    it('stops at X-Total-Count even if the server keeps linking', async () => {
      server.use(
        http.get(`${API}/repos/:owner/:repo/branches`, ({ request }) => {
          const p = Number(new URL(request.url).searchParams.get('page'));
          return HttpResponse.json(page(p, 2), { headers: { 'x-total-count': '4', link: `<${API}/repos/acme/svc/branches?page=${p + 1}>; rel="next"` } });
        }),
      );
      const result = await createGitea({ baseUrl: BASE, token: CANARY, pageSize: 2 }).listBranches(repo);
      expect(result.items).toHaveLength(4);
      expect(result.nextCursor).toBeNull();
    });

    it('rejects a cursor it did not issue', async () => {
      const error = await createGitea({ baseUrl: BASE, token: CANARY }).listBranches({ ...repo, cursor: 'bogus' }).catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
    });
  });

  describe('AbortSignal', () => {
    it('rejects at once with an already-aborted signal, without a request', async () => {
      let calls = 0;
      server.use(http.get(`${API}/repos/:owner/:repo`, () => (calls++, HttpResponse.json(repoBody()))));
      const controller = new AbortController();
      controller.abort();
      await expect(createGitea({ baseUrl: BASE, token: CANARY }).getRepository(repo, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
      expect(calls).toBe(0);
    });

    it('aborts an in-flight request with the caller’s reason', async () => {
      server.use(
        http.get(`${API}/repos/:owner/:repo`, async () => {
          await delay('infinite');
          return HttpResponse.json(repoBody());
        }),
      );
      const controller = new AbortController();
      const pending = createGitea({ baseUrl: BASE, token: CANARY }).getRepository(repo, { signal: controller.signal });
      const reason = new Error('caller gave up');
      setTimeout(() => controller.abort(reason), 10);
      await expect(pending).rejects.toBe(reason);
    });
  });

  describe('redirects', () => {
    it('follows a same-origin redirect with credentials', async () => {
      let auth: string | null = null;
      server.use(
        http.get(`${API}/repos/acme/old`, () => new HttpResponse(null, { status: 301, headers: { location: `${API}/repos/acme/svc` } })),
        http.get(`${API}/repos/acme/svc`, ({ request }) => {
          auth = request.headers.get('authorization');
          return HttpResponse.json(repoBody({ name: 'svc' }));
        }),
      );
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).getRepository({ owner: 'acme', repo: 'old' });
      expect(result.name).toBe('svc');
      expect(auth).toBe(`token ${CANARY}`);
    });

    it('drops Authorization on a cross-origin redirect', async () => {
      let auth: string | null | undefined;
      server.use(
        http.get(`${API}/repos/acme/svc`, () => new HttpResponse(null, { status: 302, headers: { location: 'https://evil.example/steal' } })),
        http.get('https://evil.example/steal', ({ request }) => {
          auth = request.headers.get('authorization');
          return HttpResponse.json(repoBody());
        }),
      );
      await createGitea({ baseUrl: BASE, token: CANARY }).getRepository(repo);
      expect(auth).toBeNull();
    });

    it('stops after too many redirects', async () => {
      server.use(http.get(`${API}/repos/acme/svc`, () => new HttpResponse(null, { status: 307, headers: { location: `${API}/repos/acme/svc` } })));
      await expect(createGitea({ baseUrl: BASE, token: CANARY }).getRepository(repo)).rejects.toThrow(/too many redirects/);
    });
  });

  describe('rate limits, health and metrics', () => {
    it('reports X-RateLimit-* headers to the core and in metrics()', async () => {
      server.use(http.get(`${API}/repos/:owner/:repo`, () => HttpResponse.json(repoBody(), { headers: { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '42', 'x-ratelimit-reset': '1900000000' } })));
      const reports: RateLimitState[] = [];
      const gitea = createGitea({ baseUrl: BASE, token: CANARY });
      gitea.initialize({ reportRateLimit: (s) => reports.push(s) });
      await gitea.getRepository(repo);
      expect(reports).toEqual([{ resource: 'requests', limit: 100, remaining: 42, resetAt: 1_900_000_000_000 }]);
      expect(gitea.metrics().rateLimit).toEqual(reports[0]);
    });

    it('healthCheck: /version healthy, 429 degraded, 503 unhealthy', async () => {
      const gitea = createGitea({ baseUrl: BASE, token: CANARY });
      server.use(http.get(`${API}/version`, () => HttpResponse.json({ version: '1.22.0' })));
      const ok = await gitea.healthCheck(new AbortController().signal);
      expect(ok).toMatchObject({ status: 'healthy', detail: 'gitea 1.22.0' });
      server.use(http.get(`${API}/version`, () => HttpResponse.json({ message: 'slow' }, { status: 429 })));
      expect((await gitea.healthCheck(new AbortController().signal)).status).toBe('degraded');
      server.use(http.get(`${API}/version`, () => HttpResponse.json({ message: 'down' }, { status: 503 })));
      expect((await gitea.healthCheck(new AbortController().signal)).status).toBe('unhealthy');
    });
  });

  describe('mapping and warnings', () => {
    it('createRepository with visibility internal creates a private repository and warns', async () => {
      let body: Record<string, unknown> = {};
      server.use(
        http.post(`${API}/orgs/acme/repos`, async ({ request }) => {
          body = (await request.json()) as Record<string, unknown>;
          return HttpResponse.json(repoBody({ name: 'svc', private: true, full_name: 'acme/svc' }), { status: 201 });
        }),
      );
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).createRepository({ owner: 'acme', name: 'svc', visibility: 'internal' });
      expect(body.private).toBe(true);
      expect(result.visibility).toBe('private');
      expect(result.warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'visibility:internal' })]);
    });

    it('createRepository for a user posts to /user/repos', async () => {
      server.use(http.post(`${API}/user/repos`, () => HttpResponse.json(repoBody({ name: 'mine' }), { status: 201 })));
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).createRepository({ owner: 'me', name: 'mine', ownerType: 'user' });
      expect(result.name).toBe('mine');
    });

    it('listPullRequests filters by base and head, and maps merged pull requests', async () => {
      server.use(
        http.get(`${API}/repos/:owner/:repo/pulls`, () =>
          HttpResponse.json([
            pullBody({ id: 1, number: 1, base: { ref: 'main' }, head: { ref: 'a', label: 'a' }, merged: true, state: 'closed' }),
            pullBody({ id: 2, number: 2, base: { ref: 'dev' }, head: { ref: 'a', label: 'a' } }),
            pullBody({ id: 3, number: 3, base: { ref: 'main' }, head: { ref: 'b', label: 'b' } }),
          ]),
        ),
      );
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).listPullRequests({ ...repo, state: 'all', base: 'main', head: 'a' });
      expect(result.items.map((p) => [p.number, p.state])).toEqual([[1, 'merged']]);
      expect(result.totalCount).toBeUndefined();
    });

    it('listIssues leaves pull requests out', async () => {
      server.use(http.get(`${API}/repos/:owner/:repo/issues`, () => HttpResponse.json([issueBody({ id: 1, number: 1, pull_request: null }), issueBody({ id: 2, number: 2, pull_request: { merged: false } })])));
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).listIssues(repo);
      expect(result.items.map((i) => i.number)).toEqual([1]);
    });

    it('listCommits treats an empty repository (409) as an empty list', async () => {
      server.use(http.get(`${API}/repos/:owner/:repo/commits`, () => HttpResponse.json({ message: 'empty repository' }, { status: 409 })));
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).listCommits(repo);
      expect(result.items).toEqual([]);
    });

    it('listCommits applies since/until on committer dates and stops at the first older commit', async () => {
      const at = (sha: string, date: string) => commitBody({ sha, commit: { message: sha, committer: { name: 'c', email: 'c@x', date } } });
      const pages: number[] = [];
      server.use(
        http.get(`${API}/repos/:owner/:repo/commits`, ({ request }) => {
          const p = Number(new URL(request.url).searchParams.get('page'));
          pages.push(p);
          const all = [at('c5', '2024-05-05T00:00:00Z'), at('c4', '2024-04-04T00:00:00Z'), at('c3', '2024-03-03T00:00:00Z'), at('c2', '2024-02-02T00:00:00Z'), at('c1', '2024-01-01T00:00:00Z')];
          return HttpResponse.json(all.slice((p - 1) * 2, p * 2));
        }),
      );
      const gitea = createGitea({ baseUrl: BASE, token: CANARY, pageSize: 2 });
      const result = await gitea.listCommits({ ...repo, since: '2024-02-15T00:00:00Z', until: '2024-04-30T00:00:00Z' });
      expect(result.items.map((c) => c.sha)).toEqual(['c4', 'c3']);
      expect(result.nextCursor).toBeNull();
      expect(result.warnings).toBeUndefined();
      expect(pages).toEqual([1, 2]);
      await expect(gitea.listCommits({ ...repo, since: 'yesterday' })).rejects.toSatisfy(InvalidArgumentError.isInstance);
    });

    it('maps Gitea internal (public in a limited organization) to internal', async () => {
      server.use(http.get(`${API}/repos/:owner/:repo`, () => HttpResponse.json(repoBody({ private: false, internal: true }))));
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).getRepository(repo);
      expect(result).toMatchObject({ visibility: 'internal', private: true });
    });

    it('getCommit maps author, committer and parents', async () => {
      server.use(http.get(`${API}/repos/:owner/:repo/git/commits/:sha`, () => HttpResponse.json(commitBody({ sha: 'abc', parents: [{ sha: 'p1' }, { sha: 'p2' }] }))));
      const commit = await createGitea({ baseUrl: BASE, token: CANARY }).getCommit({ ...repo, ref: 'abc' });
      expect(commit.sha).toBe('abc');
      expect(commit.parents).toEqual(['p1', 'p2']);
      expect(commit.author?.name).toBe('name');
    });

    it('mergePullRequest still reports success when reading the merge commit fails', async () => {
      server.use(
        http.post(`${API}/repos/:owner/:repo/pulls/:n/merge`, () => new HttpResponse(null, { status: 200 })),
        http.get(`${API}/repos/:owner/:repo/pulls/:n`, () => HttpResponse.json({ message: 'boom' }, { status: 500 })),
      );
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).mergePullRequest({ ...repo, number: 1 });
      expect(result.merged).toBe(true);
      expect(result.sha).toBeNull();
      expect(result.warnings?.[0]).toMatchObject({ type: 'partial', feature: 'sha' });
    });

    it('protectBranch creates the rule when none exists (PATCH 404 → POST)', async () => {
      const calls: string[] = [];
      server.use(
        http.patch(`${API}/repos/:owner/:repo/branch_protections/:name`, () => (calls.push('PATCH'), HttpResponse.json({ message: 'not found' }, { status: 404 }))),
        http.post(`${API}/repos/:owner/:repo/branch_protections`, async ({ request }) => {
          calls.push('POST');
          const body = (await request.json()) as Record<string, unknown>;
          return HttpResponse.json({ rule_name: body.rule_name, required_approvals: body.required_approvals, enable_status_check: true, status_check_contexts: ['ci'] }, { status: 201 });
        }),
      );
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).protectBranch({ ...repo, branch: 'main', rules: { requiredApprovals: 1, requiredStatusChecks: ['ci'], enforceAdmins: true } });
      expect(calls).toEqual(['PATCH', 'POST']);
      expect(result).toMatchObject({ branch: 'main', requiredApprovals: 1, requiredStatusChecks: ['ci'] });
      expect(result.warnings).toEqual([{ type: 'unsupported', feature: 'enforceAdmins' }]);
    });

    it('addCollaborator maps maintain to write with a warning', async () => {
      let body: unknown;
      server.use(http.put(`${API}/repos/:owner/:repo/collaborators/:user`, async ({ request }) => ((body = await request.json()), new HttpResponse(null, { status: 204 }))));
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).addCollaborator({ ...repo, username: 'bob', permission: 'maintain' });
      expect(body).toEqual({ permission: 'write' });
      expect(result).toMatchObject({ login: 'bob', invited: false, permission: 'write' });
      expect(result.warnings?.[0]).toMatchObject({ type: 'unsupported', feature: 'permission:maintain' });
    });

    it('createCommit base64-encodes utf-8 content and requires content for create/update', async () => {
      let body: { files: Array<{ content?: string }> } | undefined;
      server.use(
        http.post(`${API}/repos/:owner/:repo/contents`, async ({ request }) => {
          body = (await request.json()) as typeof body;
          return HttpResponse.json({ commit: { sha: 'newsha', message: 'm', parents: [{ sha: 'old' }] } }, { status: 201 });
        }),
      );
      const gitea = createGitea({ baseUrl: BASE, token: CANARY });
      const commit = await gitea.createCommit({ ...repo, branch: 'main', message: 'm', files: [{ path: 'a.txt', content: 'héllo' }] });
      expect(Buffer.from(body!.files[0]!.content!, 'base64').toString('utf8')).toBe('héllo');
      expect(commit).toMatchObject({ sha: 'newsha', parents: ['old'] });
      await expect(gitea.createCommit({ ...repo, branch: 'main', message: 'm', files: [{ path: 'a.txt', action: 'update' }] })).rejects.toSatisfy(InvalidArgumentError.isInstance);
    });

    it('webhooks never return the secret', async () => {
      server.use(http.get(`${API}/repos/:owner/:repo/hooks`, () => HttpResponse.json([{ id: 1, type: 'gitea', active: true, events: ['push'], config: { url: 'https://h.example', content_type: 'json', secret: 'whsec-s3cr3t-value' } }])));
      const result = await createGitea({ baseUrl: BASE, token: CANARY }).listWebhooks(repo);
      expect(result.items[0]).toMatchObject({ id: '1', url: 'https://h.example', contentType: 'json', active: true });
      expect(JSON.stringify(result)).not.toContain('whsec-s3cr3t-value');
    });

    it('enableLFS reports the server LFS endpoint state', async () => {
      server.use(
        http.get(`${API}/repos/:owner/:repo`, () => HttpResponse.json(repoBody())),
        http.post(`${BASE}/acme/svc.git/info/lfs/objects/batch`, ({ request }) => {
          expect(request.headers.get('accept')).toBe('application/vnd.git-lfs+json');
          return HttpResponse.json({ objects: [] }, { headers: { 'content-type': 'application/vnd.git-lfs+json' } });
        }),
      );
      const gitea = createGitea({ baseUrl: BASE, token: CANARY });
      expect(await gitea.enableLFS(repo)).toMatchObject({ enabled: true, repository: 'acme/svc' });
      server.use(http.post(`${BASE}/acme/svc.git/info/lfs/objects/batch`, () => new HttpResponse('Not found', { status: 404 })));
      expect(await gitea.enableLFS(repo)).toMatchObject({ enabled: false });
    });
  });
});

function assertNoCanary(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  let current: unknown = error;
  for (let depth = 0; current != null && depth < 10; depth++) {
    const e = current as Error;
    expect(String(e.message ?? '')).not.toContain(CANARY);
    expect(String(e.stack ?? '')).not.toContain(CANARY);
    expect(JSON.stringify(e)).not.toContain(CANARY);
    current = e.cause;
  }
  expect(JSON.stringify(error)).not.toContain(CANARY);
  expect(String(error)).not.toContain(CANARY);
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
