import { listOperations, operations } from '@mosaic/orchestrator-core';
import {
  contractHandler,
  createContractRecorder,
  createContractValidator,
  loadGitHubSpec,
  respondWithExample,
  type ContractResponderInput,
} from '@mosaic/tools-contract';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API, callOp, testProvider, type GitOp } from '../test/support.js';
import { GITHUB_GIT_OPERATIONS } from './index.js';

// Every request the provider sends is checked against GitHub's official OpenAPI description
// (@octokit/openapi, api.github.com), and answered with that description's own examples.
const validator = createContractValidator(loadGitHubSpec());
const recorder = createContractRecorder(validator);

/** Answers with the spec's documented success example; a plain sha for the `sha` media type (GET commits/{ref}). */
function exampleResponder() {
  return (input: ContractResponderInput) => {
    if ((input.request.headers.get('accept') ?? '').includes('sha')) {
      return new HttpResponse('6dcb09b5b57875f334f61aebed695e2e4193db5e', { status: 200, headers: { 'content-type': 'application/vnd.github.sha; charset=utf-8' } });
    }
    return respondWithExample(input);
  };
}

const server = setupServer(contractHandler(recorder, { baseUrl: API, respond: exampleResponder() }));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => recorder.reset());
afterAll(() => server.close());

type Obj = Record<string, unknown>;

const repo = { owner: 'octocat', repo: 'Hello-World' };
const SHA = 'aa218f56b14c9653891f9e74264a383fa43fefbd';

/** Each facet call, the raw input, and the GitHub operations it must use, in order. */
const table: Array<{ op: GitOp; label?: string; input: Obj; github: string[] }> = [
  { op: 'git.createRepository', input: { owner: 'octo-org', name: 'svc', description: 'd', private: true, autoInit: true }, github: ['repos/create-in-org'] },
  { op: 'git.createRepository', label: 'user', input: { owner: 'octocat', ownerType: 'user', name: 'svc', private: false }, github: ['repos/create-for-authenticated-user'] },
  { op: 'git.getRepository', input: repo, github: ['repos/get'] },
  { op: 'git.updateRepository', input: { ...repo, patch: { name: 'n2', description: 'x', private: true, defaultBranch: 'main', archived: false } }, github: ['repos/update'] },
  { op: 'git.deleteRepository', input: repo, github: ['repos/delete'] },
  { op: 'git.listRepositories', input: { owner: 'octo-org' }, github: ['repos/list-for-org'] },
  { op: 'git.listRepositories', label: 'the token’s user', input: { owner: 'octocat', ownerType: 'user', limit: 5 }, github: ['users/get-authenticated', 'repos/list-for-authenticated-user'] },
  { op: 'git.listRepositories', label: 'another user', input: { owner: 'hubot', ownerType: 'user', limit: 5 }, github: ['users/get-authenticated', 'repos/list-for-user'] },
  { op: 'git.forkRepository', input: { ...repo, targetOwner: 'other-org', name: 'fork' }, github: ['repos/create-fork'] },
  { op: 'git.createBranch', input: { ...repo, branch: 'feature/x', from: 'main' }, github: ['repos/get-commit', 'git/create-ref'] },
  { op: 'git.createBranch', label: 'from sha', input: { ...repo, branch: 'feature', from: SHA }, github: ['git/create-ref'] },
  { op: 'git.getBranch', input: { ...repo, branch: 'main' }, github: ['repos/get-branch'] },
  { op: 'git.deleteBranch', input: { ...repo, branch: 'feature/x' }, github: ['git/delete-ref'] },
  { op: 'git.listBranches', input: { ...repo, limit: 10 }, github: ['repos/list-branches'] },
  {
    op: 'git.protectBranch',
    input: { ...repo, branch: 'main', rules: { requiredApprovals: 2, requiredStatusChecks: ['ci/test'], strictStatusChecks: true, enforceAdmins: true, allowForcePushes: false, allowDeletions: false, requireLinearHistory: true } },
    github: ['repos/update-branch-protection'],
  },
  { op: 'git.protectBranch', label: 'empty rules', input: { ...repo, branch: 'main', rules: {} }, github: ['repos/update-branch-protection'] },
  { op: 'git.createPullRequest', input: { ...repo, title: 'T', head: 'octocat:feature', base: 'main', body: 'b', draft: true }, github: ['pulls/create'] },
  { op: 'git.getPullRequest', input: { ...repo, number: 1347 }, github: ['pulls/get'] },
  { op: 'git.updatePullRequest', input: { ...repo, number: 1347, patch: { title: 't', body: 'b', state: 'closed', base: 'dev' } }, github: ['pulls/update'] },
  { op: 'git.mergePullRequest', input: { ...repo, number: 1347, method: 'squash', commitTitle: 'c', commitMessage: 'm', sha: SHA }, github: ['pulls/merge'] },
  { op: 'git.listPullRequests', input: { ...repo, state: 'all', base: 'main', head: 'octocat:feature' }, github: ['pulls/list'] },
  { op: 'git.reviewPullRequest', input: { ...repo, number: 1347, event: 'request-changes', body: 'fix' }, github: ['pulls/create-review'] },
  { op: 'git.getCommit', input: { ...repo, ref: 'main' }, github: ['repos/get-commit'] },
  { op: 'git.listCommits', input: { ...repo, ref: 'main', path: 'src/a.ts', since: '2024-01-01T00:00:00Z', until: '2024-02-01T00:00:00Z' }, github: ['repos/list-commits'] },
  { op: 'git.createCommit', input: { ...repo, branch: 'main', message: 'add', files: [{ path: 'docs/a.md', content: 'hello' }], author: { name: 'Mona', email: 'mona@example.com' } }, github: ['repos/create-or-update-file-contents'] },
  { op: 'git.createCommit', label: 'delete', input: { ...repo, branch: 'main', message: 'rm', files: [{ path: 'a.md', action: 'delete', sha: SHA }] }, github: ['repos/delete-file'] },
  {
    op: 'git.createCommit',
    label: 'several files (Git Data API)',
    input: { ...repo, branch: 'main', message: 'many', files: [{ path: 'a.txt', content: 'a' }, { path: 'b.bin', content: 'AAEC', encoding: 'base64' }, { path: 'old.txt', action: 'delete' }] },
    github: ['git/get-ref', 'git/get-commit', 'git/create-blob', 'git/create-tree', 'git/create-commit', 'git/update-ref'],
  },
  { op: 'git.compareCommits', input: { ...repo, base: 'main', head: 'feature' }, github: ['repos/compare-commits-with-basehead'] },
  { op: 'git.createTag', input: { ...repo, tag: 'v1.0.0', target: SHA }, github: ['git/create-ref'] },
  { op: 'git.createTag', label: 'annotated', input: { ...repo, tag: 'v1.0.0', target: 'main', message: 'release' }, github: ['repos/get-commit', 'git/create-tag', 'git/create-ref'] },
  { op: 'git.getTag', input: { ...repo, tag: 'v1.0.0' }, github: ['git/get-ref'] },
  { op: 'git.deleteTag', input: { ...repo, tag: 'v1.0.0' }, github: ['git/delete-ref'] },
  { op: 'git.listTags', input: repo, github: ['repos/list-tags'] },
  { op: 'git.createWebhook', input: { ...repo, url: 'https://example.com/hook', events: ['push', 'pull_request'], secret: 'hook-secret-value' }, github: ['repos/create-webhook'] },
  { op: 'git.updateWebhook', input: { ...repo, id: '12345678', patch: { url: 'https://example.com/h2', events: ['push'], active: false, contentType: 'form', secret: 's3cret-value' } }, github: ['repos/update-webhook'] },
  { op: 'git.deleteWebhook', input: { ...repo, id: '12345678' }, github: ['repos/delete-webhook'] },
  { op: 'git.listWebhooks', input: repo, github: ['repos/list-webhooks'] },
  { op: 'git.addCollaborator', input: { ...repo, username: 'hubot', permission: 'maintain' }, github: ['repos/add-collaborator'] },
  { op: 'git.removeCollaborator', input: { ...repo, username: 'hubot' }, github: ['repos/remove-collaborator'] },
  { op: 'git.listCollaborators', input: repo, github: ['repos/list-collaborators'] },
  { op: 'git.createIssue', input: { ...repo, title: 'Bug', body: 'b', labels: ['bug'], assignees: ['octocat'] }, github: ['issues/create'] },
  { op: 'git.updateIssue', input: { ...repo, number: 1347, patch: { title: 't', body: 'b', state: 'open', labels: ['a'], assignees: ['octocat'] } }, github: ['issues/update'] },
  { op: 'git.closeIssue', input: { ...repo, number: 1347 }, github: ['issues/update'] },
  { op: 'git.listIssues', input: { ...repo, state: 'closed', labels: ['bug', 'ui'] }, github: ['issues/list-for-repo'] },
];

describe('contract: every git operation against the official GitHub OpenAPI description', () => {
  it('the table covers all 36 git operations and the provider declares exactly them', () => {
    const all = listOperations('git').map((o) => o.name).sort();
    expect(all).toHaveLength(36);
    expect([...new Set(table.map((t) => t.op))].sort()).toEqual(all);
    expect([...GITHUB_GIT_OPERATIONS].sort()).toEqual(all);
    expect([...testProvider().capabilities.operations].sort()).toEqual(all);
  });

  it.each(table.map((t) => [t.label ? `${t.op} (${t.label})` : t.op, t] as const))('%s sends only spec-conforming requests and maps the spec example', async (_name, t) => {
    const provider = testProvider({ etagCacheSize: 0 });
    const result = await callOp(provider, t.op, t.input as never);
    await recorder.expectNoViolations();
    expect(recorder.results.map((r) => r.operationId)).toEqual(t.github);
    expect((result as { provider: string }).provider).toBe('github');
    // the output schema parse in callOp already proved the unified model valid
    expect(operations[t.op].output.safeParse(result).success).toBe(true);
  });

  it('mapped values come from the example (getRepository, getPullRequest)', async () => {
    const provider = testProvider();
    const r = await callOp(provider, 'git.getRepository', repo);
    expect(r).toMatchObject({ id: '1296269', owner: 'octocat', name: 'Hello-World', fullName: 'octocat/Hello-World', defaultBranch: 'master' });
    const pr = await callOp(provider, 'git.getPullRequest', { ...repo, number: 1347 });
    // GitHub's example has state "open" and a merged_at: the unified model calls that merged.
    expect(pr).toMatchObject({ number: 1347, state: 'merged', merged: true, head: { ref: 'new-topic' }, base: { ref: 'master' }, author: { login: 'octocat' } });
  });

  it('vendor extras (enablePages, createRelease) conform too', async () => {
    const provider = testProvider();
    const pages = await provider.enablePages('octocat', 'Hello-World', { branch: 'main', path: '/docs' });
    const release = await provider.createRelease('octocat', 'Hello-World', { tagName: 'v1.0.0', name: 'v1', body: 'notes', draft: false, prerelease: false, generateReleaseNotes: true });
    await recorder.expectNoViolations();
    expect(recorder.results.map((r) => r.operationId)).toEqual(['repos/create-pages-site', 'repos/create-release']);
    expect(pages).toHaveProperty('html_url');
    expect(release).toHaveProperty('tag_name', 'v1.0.0');
  });

  it('a request that breaks the spec is caught (the check can fail)', async () => {
    const provider = testProvider();
    // State `merged` is not a valid value of GET /repos/{owner}/{repo}/pulls?state=
    await expect(provider.octokit.request('GET /repos/{owner}/{repo}/pulls', { owner: 'o', repo: 'r', state: 'merged' as never })).rejects.toMatchObject({ status: 599 });
    await expect(recorder.expectNoViolations()).rejects.toThrow(/query parameter "state" must be one of/);
    recorder.reset();
    await expect(provider.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}', { owner: 'o', repo: 'r', pull_number: 1 } as never)).rejects.toMatchObject({ status: 599 });
    await expect(recorder.expectNoViolations()).rejects.toThrow(/method POST is not defined/);
  });
});

describe('contract: GitHub Enterprise Cloud description (internal visibility)', () => {
  it('createRepository with visibility internal conforms to the ghec document', async () => {
    const ghec = createContractRecorder(createContractValidator(loadGitHubSpec({ variant: 'ghec', paths: ['/orgs/{org}/repos'] })));
    server.use(contractHandler(ghec, { baseUrl: API, respond: exampleResponder() }));
    const r = await callOp(testProvider(), 'git.createRepository', { owner: 'octo-org', name: 'svc', visibility: 'internal' });
    await ghec.expectNoViolations();
    expect(ghec.results.map((x) => x.operationId)).toEqual(['repos/create-in-org']);
    expect(r.provider).toBe('github');
    server.resetHandlers();
  }, 60_000);
});
