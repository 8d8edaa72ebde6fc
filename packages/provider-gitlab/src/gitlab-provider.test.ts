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
import { branchBody, gitlabSpecPath, hookBody, issueBody, memberBody, mergeRequestBody, projectBody } from '../test/fixtures.js';
import { createGitLab } from './index.js';

const BASE = 'https://gitlab.test';
const API = `${BASE}/api/v4`;
const PROJECT = `${API}/projects/acme%2Fsvc`;
const CANARY = 'glpat-CANARY-gitlab-token-8d2f41';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const repo = { owner: 'acme', repo: 'svc' };
const gl = (extra: Record<string, unknown> = {}) => createGitLab({ baseUrl: BASE, token: CANARY, ...extra });

describe.skipIf(!gitlabSpecPath)('GitLabProvider', () => {
  describe('settings', () => {
    it('defaults to gitlab.com and validates strictly without echoing the token', async () => {
      let url = '';
      server.use(
        http.get('https://gitlab.com/api/v4/projects/:id', ({ request }) => {
          url = request.url;
          return HttpResponse.json(projectBody());
        }),
      );
      await createGitLab({ token: CANARY }).getRepository(repo);
      expect(url).toBe('https://gitlab.com/api/v4/projects/acme%2Fsvc');
      for (const settings of [{ token: CANARY, baseUrl: 'nope' }, { token: CANARY, getToken: () => CANARY }, {}, { token: CANARY, extra: 1 }]) {
        let error: unknown;
        try {
          createGitLab(settings as never);
        } catch (e) {
          error = e;
        }
        expect(ConfigError.isInstance(error)).toBe(true);
        expect(JSON.stringify(error)).not.toContain(CANARY);
      }
    });

    it('sends PRIVATE-TOKEN, or a Bearer token for OAuth; getToken is read lazily per request', async () => {
      const seen: Array<[string | null, string | null]> = [];
      server.use(
        http.get(`${API}/projects/:id`, ({ request }) => {
          seen.push([request.headers.get('private-token'), request.headers.get('authorization')]);
          return HttpResponse.json(projectBody());
        }),
      );
      const getToken = vi.fn(async () => CANARY);
      const lazy = createGitLab({ baseUrl: BASE, getToken });
      expect(getToken).not.toHaveBeenCalled();
      await lazy.getRepository(repo);
      await createGitLab({ baseUrl: BASE, token: CANARY, tokenType: 'oauth' }).getRepository(repo);
      expect(getToken).toHaveBeenCalledTimes(1);
      expect(seen).toEqual([
        [CANARY, null],
        [null, `Bearer ${CANARY}`],
      ]);
      expect(lazy.credentialFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    });

    it('works with a self-hosted instance under a path', async () => {
      server.use(http.get('https://example.com/gitlab/api/v4/projects/:id', () => HttpResponse.json(projectBody({ path_with_namespace: 'acme/svc' }))));
      const result = await createGitLab({ baseUrl: 'https://example.com/gitlab', token: CANARY }).getRepository(repo);
      expect(result.fullName).toBe('acme/svc');
    });
  });

  it('a failing getToken becomes an auth error before any request', async () => {
    let calls = 0;
    server.use(http.get(`${API}/projects/:id`, () => (calls++, HttpResponse.json(projectBody()))));
    const error = (await createGitLab({ baseUrl: BASE, getToken: () => Promise.reject(new Error('vault down')) }).getRepository(repo).catch((e: unknown) => e)) as ProviderCallError;
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(error.category).toBe('auth');
    expect(calls).toBe(0);
  });

  describe('gitbeaker retries are off', () => {
    it.each([429, 502])('HTTP %i is one request, not ten', async (status) => {
      let calls = 0;
      server.use(http.get(`${API}/projects/:id`, () => (calls++, HttpResponse.json({ message: 'busy' }, { status, headers: { 'retry-after': '3' } }))));
      const error = (await gl().getRepository(repo).catch((e: unknown) => e)) as ProviderCallError;
      expect(calls).toBe(1);
      expect(ProviderCallError.isInstance(error)).toBe(true);
      expect(error.retryAfterMs).toBe(3000);
    });
  });

  describe('error mapping', () => {
    const cases: Array<{ status: number; category: string; retryable: boolean; body?: unknown; headers?: Record<string, string> }> = [
      { status: 401, category: 'auth', retryable: false, body: { message: '401 Unauthorized' } },
      { status: 403, category: 'auth', retryable: false, body: { message: '403 Forbidden' } },
      { status: 404, category: 'not-found', retryable: false, body: { message: '404 Project Not Found' } },
      { status: 409, category: 'conflict', retryable: true, body: { message: 'Branch already exists' } },
      { status: 422, category: 'validation', retryable: false, body: { message: { name: ['has already been taken'] } } },
      { status: 429, category: 'rate-limited', retryable: true, body: { message: 'Retry later' }, headers: { 'retry-after': '60' } },
      { status: 500, category: 'unavailable', retryable: true, body: { message: '500 Internal Server Error' } },
      { status: 502, category: 'unavailable', retryable: true, body: '<html>Bad gateway</html>' },
      { status: 503, category: 'unavailable', retryable: true, body: { message: 'maintenance' } },
    ];
    it.each(cases)('HTTP $status → $category', async ({ status, category, retryable, body, headers }) => {
      server.use(http.get(`${API}/projects/:id`, () => (typeof body === 'string' ? new HttpResponse(body, { status, headers: { 'content-type': 'text/html', ...headers } }) : HttpResponse.json(body as never, { status, headers }))));
      const error = (await gl().getRepository(repo).catch((e: unknown) => e)) as ProviderCallError;
      expect(ProviderCallError.isInstance(error)).toBe(true);
      expect(error.category).toBe(category);
      expect(error.status).toBe(status);
      expect(error.isRetryable).toBe(retryable);
      expect(error.operation).toBe('git.getRepository');
      if (status === 429) {
        expect(RateLimitedError.isInstance(error)).toBe(true);
        expect(error.retryAfterMs).toBe(60_000);
      }
      if (status === 422) expect(error.fieldErrors).toEqual([{ field: 'name', message: 'has already been taken' }]);
    });

    it('429 with an HTTP-date Retry-After', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
      try {
        server.use(http.get(`${API}/projects/:id`, () => HttpResponse.json({ message: 'Retry later' }, { status: 429, headers: { 'retry-after': 'Sun, 01 Mar 2026 12:01:00 GMT' } })));
        const error = (await gl().getRepository(repo).catch((e: unknown) => e)) as RateLimitedError;
        expect(error.retryAfterMs).toBe(60_000);
      } finally {
        vi.useRealTimers();
      }
    });

    describe('network failures', () => {
      let tcp: Server | undefined;
      afterEach(async () => {
        await new Promise<void>((resolve) => (tcp ? tcp.close(() => resolve()) : resolve()));
        tcp = undefined;
      });

      it('connection refused: network, not-applied', async () => {
        const probe = createServer();
        await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
        const port = (probe.address() as { port: number }).port;
        await new Promise<void>((resolve) => probe.close(() => resolve()));
        server.use(http.all(`http://127.0.0.1:${port}/*`, () => passthrough()));
        const error = (await createGitLab({ baseUrl: `http://127.0.0.1:${port}`, token: CANARY }).getRepository(repo).catch((e: unknown) => e)) as ProviderCallError;
        expect(error.category).toBe('network');
        expect(error.outcome).toBe('not-applied');
        assertNoCanary(error);
      });

      it('connection reset: network, outcome unknown', async () => {
        tcp = createServer((socket) => socket.on('data', () => socket.resetAndDestroy()));
        await new Promise<void>((resolve) => tcp!.listen(0, '127.0.0.1', () => resolve()));
        const port = (tcp.address() as { port: number }).port;
        server.use(http.all(`http://127.0.0.1:${port}/*`, () => passthrough()));
        const error = (await createGitLab({ baseUrl: `http://127.0.0.1:${port}`, token: CANARY }).createBranch({ ...repo, branch: 'x', from: 'main' }).catch((e: unknown) => e)) as ProviderCallError;
        expect(error.category).toBe('network');
        expect(error.outcome).toBe('unknown');
        assertNoCanary(error);
      });
    });
  });

  describe('canary token never leaks', () => {
    it('from an error body echoing the token and URL', async () => {
      server.use(http.get(`${API}/projects/:id`, ({ request }) => HttpResponse.json({ message: `invalid token ${request.headers.get('private-token')}`, error: `private_token=${CANARY}` }, { status: 401 })));
      assertNoCanary(await gl().getRepository(repo).catch((e: unknown) => e));
    });

    it('from a network error with getToken', async () => {
      server.use(http.get(`${API}/projects/:id`, () => HttpResponse.error()));
      const error = await createGitLab({ baseUrl: BASE, getToken: () => CANARY }).getRepository(repo).catch((e: unknown) => e);
      expect(ProviderCallError.isInstance(error)).toBe(true);
      assertNoCanary(error);
    });
  });

  describe('pagination', () => {
    const page = (n: number, size: number) => Array.from({ length: size }, (_, i) => branchBody({ name: `b${n}-${i}`, commit: { id: `sha${n}${i}` } }));
    const headers = (p: number, next: string, total?: number) => ({ 'x-page': String(p), 'x-next-page': next, 'x-per-page': '2', ...(total !== undefined ? { 'x-total': String(total) } : {}) });

    it('follows X-Next-Page with page/per_page, stops at limit and resumes from the cursor', async () => {
      const asked: string[] = [];
      server.use(
        http.get(`${PROJECT}/repository/branches`, ({ request }) => {
          const u = new URL(request.url);
          asked.push(`${u.searchParams.get('page')}/${u.searchParams.get('per_page')}`);
          const p = Number(u.searchParams.get('page'));
          return HttpResponse.json(p < 3 ? page(p, 2) : page(p, 1), { headers: headers(p, p < 3 ? String(p + 1) : '', 5) });
        }),
      );
      const provider = gl({ pageSize: 2 });
      const first = await provider.listBranches({ ...repo, limit: 3 });
      expect(first.items.map((b) => b.name)).toEqual(['b1-0', 'b1-1', 'b2-0']);
      expect(first.totalCount).toBe(5);
      const rest = await provider.listBranches({ ...repo, cursor: first.nextCursor! });
      expect(rest.items.map((b) => b.name)).toEqual(['b2-1', 'b3-0']);
      expect(rest.nextCursor).toBeNull();
      expect(asked).toEqual(['1/2', '2/2', '2/2', '3/2']);
      expect(gitOperations['git.listBranches'].output.parse(first).items).toHaveLength(3);
    });

    it('falls back to the Link header when X-Next-Page is absent (keyset-style responses)', async () => {
      server.use(
        http.get(`${PROJECT}/repository/branches`, ({ request }) => {
          const p = Number(new URL(request.url).searchParams.get('page'));
          return HttpResponse.json(page(p, p === 1 ? 2 : 1), { headers: p === 1 ? { link: `<${PROJECT}/repository/branches?page=2&per_page=2>; rel="next"` } : {} });
        }),
      );
      const result = await gl({ pageSize: 2 }).listBranches({ ...repo });
      expect(result.items).toHaveLength(3);
    });

    it('fails on cyclic, malformed and endless pagination instead of looping', async () => {
      server.use(http.get(`${PROJECT}/repository/branches`, ({ request }) => {
        const p = Number(new URL(request.url).searchParams.get('page'));
        return HttpResponse.json(page(p, 2), { headers: headers(p, p === 1 ? '2' : '1') });
      }));
      await expect(gl({ pageSize: 2 }).listBranches(repo)).rejects.toThrow(/malformed pagination/);

      server.use(http.get(`${PROJECT}/repository/branches`, () => HttpResponse.json(page(1, 2), { headers: headers(1, 'two') })));
      await expect(gl({ pageSize: 2 }).listBranches(repo)).rejects.toThrow(/malformed pagination/);

      let calls = 0;
      server.use(http.get(`${PROJECT}/repository/branches`, ({ request }) => {
        calls++;
        const p = Number(new URL(request.url).searchParams.get('page'));
        return HttpResponse.json([], { headers: headers(p, String(p + 1)) });
      }));
      await expect(gl({ pageSize: 2 }).listBranches(repo)).rejects.toThrow(/empty pages/);
      expect(calls).toBeLessThan(10);

      server.use(http.get(`${PROJECT}/repository/branches`, ({ request }) => {
        const p = Number(new URL(request.url).searchParams.get('page'));
        return HttpResponse.json(page(1, 2), { headers: headers(p, String(p + 1)) });
      }));
      await expect(gl({ pageSize: 2 }).listBranches(repo)).rejects.toThrow(/repeats the previous page/);
    });

    it('rejects a foreign cursor', async () => {
      expect(InvalidArgumentError.isInstance(await gl().listTags({ ...repo, cursor: 'x' }).catch((e: unknown) => e))).toBe(true);
    });
  });

  describe('AbortSignal', () => {
    it('an aborted signal rejects before any request', async () => {
      let calls = 0;
      server.use(http.get(`${API}/projects/:id`, () => (calls++, HttpResponse.json(projectBody()))));
      const controller = new AbortController();
      controller.abort();
      await expect(gl().getRepository(repo, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
      expect(calls).toBe(0);
    });

    it('aborts an in-flight request with the caller’s reason', async () => {
      server.use(http.get(`${API}/projects/:id`, async () => {
        await delay('infinite');
        return HttpResponse.json(projectBody());
      }));
      const controller = new AbortController();
      const pending = gl().getRepository(repo, { signal: controller.signal });
      const reason = new Error('stop');
      setTimeout(() => controller.abort(reason), 10);
      await expect(pending).rejects.toBe(reason);
    });
  });

  describe('redirects', () => {
    it('drops PRIVATE-TOKEN on a cross-origin redirect, keeps it on a same-origin one', async () => {
      const seen: Record<string, string | null> = {};
      server.use(
        http.get(`${API}/projects/acme%2Fold`, () => new HttpResponse(null, { status: 301, headers: { location: `${PROJECT}` } })),
        http.get(PROJECT, ({ request }) => ((seen.same = request.headers.get('private-token')), HttpResponse.json(projectBody()))),
        http.get(`${API}/projects/acme%2Fmoved`, () => new HttpResponse(null, { status: 302, headers: { location: 'https://cdn.example/p' } })),
        http.get('https://cdn.example/p', ({ request }) => ((seen.cross = request.headers.get('private-token')), HttpResponse.json(projectBody()))),
      );
      await gl().getRepository({ owner: 'acme', repo: 'old' });
      await gl().getRepository({ owner: 'acme', repo: 'moved' });
      expect(seen).toEqual({ same: CANARY, cross: null });
    });
  });

  describe('rate limits and health', () => {
    it('RateLimit-* headers reach reportRateLimit and metrics()', async () => {
      server.use(http.get(`${API}/projects/:id`, () => HttpResponse.json(projectBody(), { headers: { 'ratelimit-limit': '2000', 'ratelimit-remaining': '1999', 'ratelimit-reset': '1900000000' } })));
      const reports: RateLimitState[] = [];
      const provider = gl();
      provider.initialize({ reportRateLimit: (s) => reports.push(s) });
      await provider.getRepository(repo);
      expect(reports).toEqual([{ resource: 'requests', limit: 2000, remaining: 1999, resetAt: 1_900_000_000_000 }]);
      expect(provider.metrics()).toMatchObject({ rateLimit: reports[0], requests: 1 });
    });

    it('healthCheck uses GET /version', async () => {
      server.use(http.get(`${API}/version`, () => HttpResponse.json({ version: '17.5.0-ee', revision: 'abc' })));
      expect(await gl().healthCheck(new AbortController().signal)).toMatchObject({ status: 'healthy', detail: 'gitlab 17.5.0-ee' });
      server.use(http.get(`${API}/version`, () => HttpResponse.json({ message: `bad ${CANARY}` }, { status: 401 })));
      const bad = await gl().healthCheck(new AbortController().signal);
      expect(bad.status).toBe('unhealthy');
      expect(JSON.stringify(bad)).not.toContain(CANARY);
    });
  });

  describe('mapping', () => {
    it('createRepository looks up the namespace id and supports internal visibility', async () => {
      let body: Record<string, unknown> = {};
      server.use(
        http.get(`${API}/namespaces/acme%2Fplatform`, () => HttpResponse.json({ id: 77, kind: 'group', full_path: 'acme/platform' })),
        http.post(`${API}/projects`, async ({ request }) => {
          body = (await request.json()) as Record<string, unknown>;
          return HttpResponse.json(projectBody({ path_with_namespace: 'acme/platform/svc', visibility: 'internal' }), { status: 201 });
        }),
      );
      const result = await gl().createRepository({ owner: 'acme/platform', name: 'svc', visibility: 'internal' });
      expect(body).toMatchObject({ name: 'svc', path: 'svc', namespace_id: 77, visibility: 'internal' });
      expect(result).toMatchObject({ owner: 'acme/platform', name: 'svc', visibility: 'internal', private: true });
      expect(result.warnings).toBeUndefined();
    });

    it('listPullRequests: closed includes merged; number is the iid', async () => {
      let state: string | null = null;
      server.use(
        http.get(`${PROJECT}/merge_requests`, ({ request }) => {
          state = new URL(request.url).searchParams.get('state');
          return HttpResponse.json([mergeRequestBody({ id: 1, iid: 11, state: 'merged' }), mergeRequestBody({ id: 2, iid: 12, state: 'opened' }), mergeRequestBody({ id: 3, iid: 13, state: 'closed' })]);
        }),
      );
      const result = await gl().listPullRequests({ ...repo, state: 'closed' });
      expect(state).toBe('all');
      expect(result.items.map((p) => [p.number, p.state])).toEqual([
        [11, 'merged'],
        [13, 'closed'],
      ]);
    });

    it('reviewPullRequest approve posts to /approve', async () => {
      const calls: string[] = [];
      server.use(http.post(`${PROJECT}/merge_requests/5/approve`, () => (calls.push('approve'), HttpResponse.json({ approved: true, approved_by: [{ user: { id: 9, username: 'rev' } }] }, { status: 201 }))));
      const review = await gl().reviewPullRequest({ ...repo, number: 5, event: 'approve' });
      expect(calls).toEqual(['approve']);
      expect(review).toMatchObject({ state: 'approved', id: '5:approval', author: null });
    });

    it('addCollaborator: existing member (409) gets its access level changed', async () => {
      const calls: string[] = [];
      server.use(
        http.post(`${PROJECT}/members`, () => (calls.push('POST'), HttpResponse.json({ message: 'Member already exists' }, { status: 409 }))),
        http.get(`${PROJECT}/members/all`, () => HttpResponse.json([memberBody({ id: 5, username: 'bobby' }), memberBody({ id: 6, username: 'bob' })])),
        http.put(`${PROJECT}/members/6`, async ({ request }) => (calls.push(`PUT ${JSON.stringify(await request.json())}`), HttpResponse.json(memberBody({ id: 6, username: 'bob', access_level: 40 })))),
      );
      const result = await gl().addCollaborator({ ...repo, username: 'bob', permission: 'maintain' });
      expect(calls).toEqual(['POST', 'PUT {"access_level":40}']);
      expect(result).toMatchObject({ login: 'bob', permission: 'maintain', invited: false });
    });

    it('removeCollaborator of a non-member is not-found', async () => {
      server.use(http.get(`${PROJECT}/members/all`, () => HttpResponse.json([memberBody({ id: 5, username: 'bobby' })])));
      const error = (await gl().removeCollaborator({ ...repo, username: 'bob' }).catch((e: unknown) => e)) as ProviderCallError;
      expect(error.category).toBe('not-found');
    });

    it('createIssue resolves assignees among members and warns about unknown ones', async () => {
      let body: Record<string, unknown> = {};
      server.use(
        http.get(`${PROJECT}/members/all`, ({ request }) => {
          const q = new URL(request.url).searchParams.get('query');
          return HttpResponse.json(q === 'bob' ? [memberBody({ id: 6, username: 'bob' })] : []);
        }),
        http.post(`${PROJECT}/issues`, async ({ request }) => {
          body = (await request.json()) as Record<string, unknown>;
          return HttpResponse.json(issueBody({ iid: 3, assignees: [{ username: 'bob' }], labels: ['bug'] }), { status: 201 });
        }),
      );
      const issue = await gl().createIssue({ ...repo, title: 'x', labels: ['bug'], assignees: ['bob', 'ghost'] });
      expect(body).toMatchObject({ title: 'x', labels: ['bug'], assignee_ids: [6] });
      expect(issue).toMatchObject({ number: 3, assignees: ['bob'], labels: ['bug'] });
      expect(issue.warnings?.[0]).toMatchObject({ type: 'partial', feature: 'assignees' });
    });

    it('webhooks: events become *_events flags (all sent), secret is the token, never returned', async () => {
      let body: Record<string, unknown> = {};
      server.use(
        http.post(`${PROJECT}/hooks`, async ({ request }) => {
          body = (await request.json()) as Record<string, unknown>;
          return HttpResponse.json(hookBody({ id: 4, url: 'https://h.example', push_events: true, merge_requests_events: true, tag_push_events: false, alert_status: 'executable' }), { status: 201 });
        }),
      );
      const hook = await gl().createWebhook({ ...repo, url: 'https://h.example', events: ['push', 'pull_request', 'star'], secret: 'whsec-s3cr3t-value' });
      expect(body).toMatchObject({ url: 'https://h.example', push_events: true, merge_requests_events: true, tag_push_events: false, issues_events: false, token: 'whsec-s3cr3t-value' });
      expect(hook).toMatchObject({ id: '4', active: true, contentType: 'json' });
      expect(hook.events).toEqual(expect.arrayContaining(['push', 'merge_requests']));
      expect(hook.warnings).toEqual([{ type: 'unsupported', feature: 'event:star' }]);
      expect(JSON.stringify(hook)).not.toContain('whsec-s3cr3t-value');
    });

    it('protectBranch: already protected (409) is patched; approvals come back as a warning', async () => {
      const calls: string[] = [];
      server.use(
        http.post(`${PROJECT}/protected_branches`, () => (calls.push('POST'), HttpResponse.json({ message: 'Protected branch main already exists' }, { status: 409 }))),
        http.patch(`${PROJECT}/protected_branches/main`, async ({ request }) => (calls.push(`PATCH ${JSON.stringify(await request.json())}`), HttpResponse.json({ id: 1, name: 'main', allow_force_push: false }))),
      );
      const result = await gl().protectBranch({ ...repo, branch: 'main', rules: { allowForcePushes: false, requiredApprovals: 2 } });
      expect(calls).toEqual(['POST', 'PATCH {"allow_force_push":false}']);
      expect(result).toMatchObject({ branch: 'main', allowForcePushes: false });
      expect(result.warnings?.[0]).toMatchObject({ type: 'unsupported', feature: 'requiredApprovals' });
    });

    it('mergePullRequest: squash sends squash + message; rebase warns', async () => {
      const bodies: unknown[] = [];
      server.use(
        http.put(`${PROJECT}/merge_requests/4/merge`, async ({ request }) => {
          const text = await request.text();
          bodies.push(text ? JSON.parse(text) : null);
          return HttpResponse.json(mergeRequestBody({ state: 'merged', merge_commit_sha: 'm1' }));
        }),
      );
      const squash = await gl().mergePullRequest({ ...repo, number: 4, method: 'squash', commitTitle: 'T', sha: 'h1' });
      const rebase = await gl().mergePullRequest({ ...repo, number: 4, method: 'rebase' });
      expect(bodies).toEqual([{ squash: true, squash_commit_message: 'T', sha: 'h1' }, null]);
      expect(squash).toMatchObject({ merged: true, sha: 'm1' });
      expect(rebase.warnings?.[0]).toMatchObject({ feature: 'method:rebase' });
    });

    it('extras: createApprovalRule resolves protected branch ids; listApprovalRules maps rules', async () => {
      let body: Record<string, unknown> = {};
      server.use(
        http.get(`${PROJECT}/protected_branches/main`, () => HttpResponse.json({ id: 31, name: 'main' })),
        http.post(`${PROJECT}/approval_rules`, async ({ request }) => {
          body = (await request.json()) as Record<string, unknown>;
          return HttpResponse.json({ id: 8, name: 'leads', approvals_required: 2, protected_branches: [{ name: 'main' }], eligible_approvers: [{ username: 'ann' }] }, { status: 201 });
        }),
        http.get(`${PROJECT}/approval_rules`, () => HttpResponse.json([{ id: 8, name: 'leads', approvals_required: 2 }])),
      );
      const rule = await gl().createApprovalRule({ ...repo, name: 'leads', approvalsRequired: 2, protectedBranches: ['main'], usernames: ['ann'] });
      expect(body).toMatchObject({ name: 'leads', approvals_required: 2, protected_branch_ids: [31], usernames: ['ann'] });
      expect(rule).toMatchObject({ id: '8', approvalsRequired: 2, protectedBranches: ['main'], eligibleApprovers: ['ann'] });
      expect(await gl().listApprovalRules(repo)).toMatchObject([{ id: '8', name: 'leads' }]);
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
