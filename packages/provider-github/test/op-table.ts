import type { GitOp } from './support.js';

// Each facet call of the contract and conformance tests: raw input (as callers write it) and
// the GitHub operations (operationIds of the official description) it must use, in order.
type Obj = Record<string, unknown>;

/** A repository of GitHub's examples. */
export const repo = { owner: 'octocat', repo: 'Hello-World' };
const SHA = 'aa218f56b14c9653891f9e74264a383fa43fefbd';

/** Each facet call, the raw input, and the GitHub operations it must use, in order. */
export const OP_CASES: Array<{ op: GitOp; label?: string; input: Obj; github: string[] }> = [
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

