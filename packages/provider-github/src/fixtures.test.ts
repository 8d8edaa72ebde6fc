import { ProviderCallError, operations } from '@mosaic/orchestrator-core';
import { createContractRecorder, createContractValidator, loadGitHubSpec, monitorContract } from '@mosaic/tools-contract';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture, recordedResponse, replay } from '../test/fixtures.js';
import { callOp, testProvider } from '../test/support.js';

// Sessions recorded against the real api.github.com by @octokit/fixtures, replayed through msw.
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const server = setupServer();
// The requests the provider sends while replaying are also checked against the official description
// (except GitHub's undocumented `/repositories/{id}/…` URLs it follows from Link and Location headers).
const recorder = createContractRecorder(createContractValidator(loadGitHubSpec()));
let stopMonitor: () => void = () => undefined;
beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' });
  stopMonitor = monitorContract(server, recorder, 'https://api.github.com');
});
afterEach(async () => {
  await recorder.settled();
  const violations = recorder.violations.filter((v) => !new URL(v.url).pathname.startsWith('/repositories/'));
  recorder.reset();
  server.resetHandlers();
  expect(violations).toEqual([]);
});
afterAll(() => {
  stopMonitor();
  server.close();
});

function use(name: string) {
  const exchanges = fixture(name);
  const { handler, log } = replay(exchanges);
  server.use(handler);
  return { exchanges, log };
}

const org = 'octokit-fixture-org';

describe('@octokit/fixtures replayed', () => {
  it('the contract monitor sees the replayed requests', async () => {
    use('get-repository');
    await callOp(testProvider(), 'git.getRepository', { owner: org, repo: 'hello-world' });
    await recorder.settled();
    expect(recorder.results.map((r) => r.operationId)).toEqual(['repos/get']);
  });

  it('get-repository: the unified repository carries the recorded values', async () => {
    const { exchanges, log } = use('get-repository');
    const recorded = exchanges[0]!.response as Obj;
    const repo = await callOp(testProvider(), 'git.getRepository', { owner: org, repo: 'hello-world' });
    expect(log.unmatched).toEqual([]);
    expect(repo).toMatchObject({
      provider: 'github',
      id: String(recorded.id),
      owner: recorded.owner.login,
      name: recorded.name,
      fullName: recorded.full_name,
      private: recorded.private,
      visibility: recorded.private ? 'private' : 'public',
      defaultBranch: recorded.default_branch,
      htmlUrl: recorded.html_url,
      cloneUrl: recorded.clone_url,
      sshUrl: recorded.ssh_url,
      createdAt: recorded.created_at,
    });
    expect(repo.raw).toEqual(recorded);
  });

  it('branch-protection: unified rules → PUT protection, recorded responses map back', async () => {
    const { exchanges, log } = use('branch-protection');
    const provider = testProvider();
    const cleared = await callOp(provider, 'git.protectBranch', { owner: org, repo: 'branch-protection', branch: 'main', rules: {} });
    expect(log.served[0]!.body).toEqual(exchanges[1]!.body); // same body as the recorded client sent: everything null/false
    expect(cleared).toMatchObject({ branch: 'main', requiredStatusChecks: [], requiredApprovals: 0, enforceAdmins: false });

    const set = await callOp(provider, 'git.protectBranch', {
      owner: org,
      repo: 'branch-protection',
      branch: 'main',
      rules: { requiredStatusChecks: ['foo/bar'], strictStatusChecks: true, enforceAdmins: true, requiredApprovals: 1 },
    });
    const recorded = exchanges[2]!.response as Obj;
    expect(log.unmatched).toEqual([]);
    expect(log.served[1]!.body).toMatchObject({ required_status_checks: exchanges[2]!.body && (exchanges[2]!.body as Obj).required_status_checks, enforce_admins: true });
    expect(set).toMatchObject({
      requiredStatusChecks: recorded.required_status_checks.contexts,
      strictStatusChecks: recorded.required_status_checks.strict,
      enforceAdmins: recorded.enforce_admins.enabled,
      requiredApprovals: recorded.required_pull_request_reviews.required_approving_review_count ?? 0,
    });
  });

  it('add-and-remove-repository-collaborator: invitation, list, remove, list', async () => {
    const { exchanges, log } = use('add-and-remove-repository-collaborator');
    const provider = testProvider();
    const target = { owner: org, repo: 'add-and-remove-repository-collaborator' };
    const added = await callOp(provider, 'git.addCollaborator', { ...target, username: 'octokit-fixture-user-b' });
    expect(added).toMatchObject({ login: 'octokit-fixture-user-b', invited: true, permission: 'write' });
    expect(log.served[0]!.body).toEqual({ permission: 'push' });

    const before = await callOp(provider, 'git.listCollaborators', target);
    const recordedBefore = exchanges[3]!.response as Obj[];
    expect(before.items.map((c) => c.login)).toEqual(recordedBefore.map((c) => c.login));
    expect(before.items.map((c) => c.id)).toEqual(recordedBefore.map((c) => String(c.id)));
    expect(before.items.every((c) => c.permission !== null)).toBe(true);

    const removed = await callOp(provider, 'git.removeCollaborator', { ...target, username: 'octokit-fixture-user-b' });
    expect(removed).toMatchObject({ ok: true, id: 'octokit-fixture-user-b' });
    const after = await callOp(provider, 'git.listCollaborators', target);
    expect(after.items.map((c) => c.login)).toEqual((exchanges[5]!.response as Obj[]).map((c) => c.login));
    expect(after.items.map((c) => c.login)).not.toContain('octokit-fixture-user-b');
    expect(log.unmatched).toEqual([]);
  });

  it('paginate-issues: every issue across the recorded pages, following Link headers', async () => {
    const { exchanges, log } = use('paginate-issues');
    const page = await callOp(testProvider(), 'git.listIssues', { owner: org, repo: 'paginate-issues' });
    const recorded = exchanges.flatMap((x) => x.response as Obj[]).filter((i) => !i.pull_request);
    expect(log.unmatched).toEqual([]);
    expect(log.served).toHaveLength(exchanges.length);
    expect(page.items.map((i) => i.number)).toEqual(recorded.map((i) => i.number));
    expect(page.items.map((i) => i.title)).toEqual(recorded.map((i) => i.title));
    expect(page.nextCursor ?? null).toBeNull();
  });

  it('paginate-issues: limit and cursor resume mid-page without gaps or repeats', async () => {
    const { exchanges } = use('paginate-issues');
    const provider = testProvider();
    const all = exchanges.flatMap((x) => x.response as Obj[]).map((i) => i.number);
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let round = 0; round < 20; round++) {
      const page = await callOp(provider, 'git.listIssues', { owner: org, repo: 'paginate-issues', limit: 4, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((i) => i.number));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it('errors: the recorded 422 "Validation Failed" maps to a validation error with field errors', async () => {
    const [recorded] = fixture('errors');
    // The recorded exchange is POST …/labels; its response (status, headers, GitHub's errors[])
    // is served for a facet write to show how such a body maps.
    server.use(http.post('https://api.github.com/repos/octokit-fixture-org/errors/issues', () => recordedResponse(recorded!)));
    const error = await testProvider()
      .createIssue(operations['git.createIssue'].input.parse({ owner: org, repo: 'errors', title: 'x' }), {})
      .catch((e: unknown) => e);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    const e = error as ProviderCallError;
    const body = recorded!.response as Obj;
    expect(e).toMatchObject({ category: 'validation', status: 422, outcome: 'not-applied', isRetryable: false });
    expect(e.message).toContain(body.message);
    expect(e.fieldErrors).toEqual(body.errors.map((x: Obj) => ({ field: x.field, code: x.code, message: `${x.resource} ${x.field} ${x.code}` })));
  });

  it('git-refs: createBranch and deleteBranch send the recorded bodies and map the responses', async () => {
    const { exchanges, log } = use('git-refs');
    const provider = testProvider();
    const created = exchanges[1]!;
    const sha = (created.body as Obj).sha as string;
    const branch = await callOp(provider, 'git.createBranch', { owner: org, repo: 'git-refs', branch: 'test', from: sha });
    expect(log.served[0]!.body).toEqual(created.body);
    expect(branch).toMatchObject({ name: 'test', commitSha: (created.response as Obj).object.sha, protected: false });
    const deleted = await callOp(provider, 'git.deleteBranch', { owner: org, repo: 'git-refs', branch: 'test' });
    expect(deleted.ok).toBe(true);
    expect(log.served.map((s) => `${s.method} ${s.recorded.path}`)).toEqual([`POST ${created.path}`, `DELETE ${exchanges[4]!.path}`]);
    expect(log.unmatched).toEqual([]);
  });

  it('create-file: a one-file commit goes through the contents API with the recorded encoding', async () => {
    const { exchanges, log } = use('create-file');
    const recorded = exchanges[0]!;
    const commit = await callOp(testProvider(), 'git.createCommit', {
      owner: org,
      repo: 'create-file',
      branch: 'main',
      message: 'create test.txt',
      files: [{ path: 'test.txt', content: Buffer.from((recorded.body as Obj).content, 'base64').toString('utf8') }],
    });
    expect(log.unmatched).toEqual([]);
    expect(log.served[0]!.body).toMatchObject(recorded.body as Obj);
    const rc = (recorded.response as Obj).commit;
    expect(commit).toMatchObject({ sha: rc.sha, message: rc.message, author: { name: rc.author.name, email: rc.author.email }, parents: rc.parents.map((p: Obj) => p.sha) });
  });

  it('rename-repository: PATCH renames; the 301/307 redirects of the old name are followed', async () => {
    const { exchanges, log } = use('rename-repository');
    const provider = testProvider();
    const renamed = await callOp(provider, 'git.updateRepository', { owner: org, repo: 'rename-repository', patch: { name: 'rename-repository-newname' } });
    expect(renamed.name).toBe((exchanges[0]!.response as Obj).name);
    const viaOldName = await callOp(provider, 'git.getRepository', { owner: org, repo: 'rename-repository' });
    expect(viaOldName.fullName).toBe((exchanges[2]!.response as Obj).full_name);
    const updated = await callOp(provider, 'git.updateRepository', {
      owner: org,
      repo: 'rename-repository',
      patch: { name: 'rename-repository-newname', description: 'test description' },
    });
    expect(updated.description).toBe('test description');
    expect(log.unmatched).toEqual([]);
    expect(log.served.map((s) => `${s.method} ${s.recorded.status}`)).toEqual(['PATCH 200', 'GET 301', 'GET 200', 'PATCH 307', 'PATCH 200']);
  });
});
