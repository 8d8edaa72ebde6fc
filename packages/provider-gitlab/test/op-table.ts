import type { OperationName } from '@mosaic/orchestrator-core';

/** One call per git operation, with an input that exercises its request body and query. */
export interface OpCase {
  op: OperationName;
  method: string;
  input: Record<string, unknown>;
}

const r = { owner: 'acme/platform', repo: 'svc' };

/** Inputs for every git operation (shared by the contract and response tests). */
export const OP_CASES: OpCase[] = [
  { op: 'git.createRepository', method: 'createRepository', input: { owner: 'acme', name: 'svc', description: 'd', private: true, autoInit: true, defaultBranch: 'main' } },
  { op: 'git.getRepository', method: 'getRepository', input: r },
  { op: 'git.updateRepository', method: 'updateRepository', input: { ...r, patch: { description: 'new', private: false, defaultBranch: 'main', archived: false, name: 'svc2' } } },
  { op: 'git.deleteRepository', method: 'deleteRepository', input: r },
  { op: 'git.listRepositories', method: 'listRepositories', input: { owner: 'acme', limit: 10 } },
  { op: 'git.forkRepository', method: 'forkRepository', input: { ...r, targetOwner: 'other', name: 'svc-fork' } },
  { op: 'git.createBranch', method: 'createBranch', input: { ...r, branch: 'feature/x', from: 'main' } },
  { op: 'git.getBranch', method: 'getBranch', input: { ...r, branch: 'feature/x' } },
  { op: 'git.deleteBranch', method: 'deleteBranch', input: { ...r, branch: 'feature/x' } },
  { op: 'git.listBranches', method: 'listBranches', input: { ...r, limit: 5 } },
  { op: 'git.protectBranch', method: 'protectBranch', input: { ...r, branch: 'main', rules: { requiredApprovals: 2, requiredStatusChecks: ['ci'], strictStatusChecks: true } } },
  { op: 'git.createPullRequest', method: 'createPullRequest', input: { ...r, title: 'Add x', head: 'feature/x', base: 'main', body: 'b', draft: true } },
  { op: 'git.getPullRequest', method: 'getPullRequest', input: { ...r, number: 7 } },
  { op: 'git.updatePullRequest', method: 'updatePullRequest', input: { ...r, number: 7, patch: { title: 't', body: 'b', state: 'closed', base: 'dev' } } },
  { op: 'git.mergePullRequest', method: 'mergePullRequest', input: { ...r, number: 7, method: 'squash', commitTitle: 'ct', commitMessage: 'cm', sha: 'abc123' } },
  { op: 'git.listPullRequests', method: 'listPullRequests', input: { ...r, state: 'all', limit: 20 } },
  { op: 'git.reviewPullRequest', method: 'reviewPullRequest', input: { ...r, number: 7, event: 'approve' } },
  { op: 'git.getCommit', method: 'getCommit', input: { ...r, ref: 'abc123' } },
  { op: 'git.listCommits', method: 'listCommits', input: { ...r, ref: 'main', path: 'src/a.ts', since: '2024-01-01T00:00:00Z', until: '2024-12-31T00:00:00Z', limit: 3 } },
  {
    op: 'git.createCommit',
    method: 'createCommit',
    input: {
      ...r,
      branch: 'main',
      message: 'm',
      files: [
        { path: 'a.txt', content: 'hello' },
        { path: 'b.txt', action: 'update', content: 'aGk=', encoding: 'base64', sha: 'bsha' },
        { path: 'c.txt', action: 'delete', sha: 'csha' },
      ],
      author: { name: 'A', email: 'a@example.com' },
    },
  },
  { op: 'git.compareCommits', method: 'compareCommits', input: { ...r, base: 'main', head: 'feature/x' } },
  { op: 'git.createTag', method: 'createTag', input: { ...r, tag: 'v1.0.0', target: 'main', message: 'release' } },
  { op: 'git.getTag', method: 'getTag', input: { ...r, tag: 'v1.0.0' } },
  { op: 'git.deleteTag', method: 'deleteTag', input: { ...r, tag: 'v1.0.0' } },
  { op: 'git.listTags', method: 'listTags', input: { ...r } },
  { op: 'git.createWebhook', method: 'createWebhook', input: { ...r, url: 'https://hooks.example.com/x', events: ['push', 'pull_request'], secret: 'whsec-123456' } },
  { op: 'git.updateWebhook', method: 'updateWebhook', input: { ...r, id: '12', patch: { url: 'https://hooks.example.com/y', events: ['push', 'merge_request'], secret: 'whsec-abcdef' } } },
  { op: 'git.deleteWebhook', method: 'deleteWebhook', input: { ...r, id: '12' } },
  { op: 'git.listWebhooks', method: 'listWebhooks', input: { ...r } },
  { op: 'git.addCollaborator', method: 'addCollaborator', input: { ...r, username: 'bob', permission: 'admin' } },
  { op: 'git.removeCollaborator', method: 'removeCollaborator', input: { ...r, username: 'bob' } },
  { op: 'git.listCollaborators', method: 'listCollaborators', input: { ...r } },
  { op: 'git.createIssue', method: 'createIssue', input: { ...r, title: 'Bug', body: 'b', labels: ['bug'], assignees: ['bob'] } },
  { op: 'git.updateIssue', method: 'updateIssue', input: { ...r, number: 3, patch: { title: 't', state: 'closed', labels: ['bug'], assignees: ['bob'] } } },
  { op: 'git.closeIssue', method: 'closeIssue', input: { ...r, number: 3 } },
  { op: 'git.listIssues', method: 'listIssues', input: { ...r, state: 'closed', labels: ['bug', 'p1'] } },
];
