/** One call per unified operation, with an input that exercises its request body and query. */
export interface OpCase<Op extends string = string> {
  /** Unified operation name (`git.getRepository`). */
  op: Op;
  /** Provider method that implements it. */
  method: string;
  /** Input of the call. */
  input: Record<string, unknown>;
}

/** Options of {@link gitOpCases}. */
export interface GitOpCasesOptions {
  /** Repository the cases address; default `{ owner: 'acme', repo: 'svc' }` (GitLab tests use a group path as owner). */
  repo?: { owner: string; repo: string };
  /** Inputs that replace the default ones of some operations (vendor-specific values, e.g. a label or event the vendor's fixtures know). */
  inputs?: Record<string, Record<string, unknown>>;
}

/**
 * Inputs for every git operation of the unified spec (shared by the providers' contract and
 * conformance tests): `repo` is spread into every repository-scoped input; `inputs` replaces
 * whole inputs per operation (use `repo` in them too).
 */
export function gitOpCases<Op extends string = string>(options: GitOpCasesOptions = {}): OpCase<Op>[] {
  const r = options.repo ?? { owner: 'acme', repo: 'svc' };
  const cases: OpCase[] = [
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
    { op: 'git.reviewPullRequest', method: 'reviewPullRequest', input: { ...r, number: 7, event: 'request-changes', body: 'please fix' } },
    { op: 'git.getCommit', method: 'getCommit', input: { ...r, ref: 'abc123' } },
    { op: 'git.listCommits', method: 'listCommits', input: { ...r, ref: 'main', path: 'src/a.ts', limit: 3 } },
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
    { op: 'git.updateWebhook', method: 'updateWebhook', input: { ...r, id: '12', patch: { url: 'https://hooks.example.com/y', active: false, events: ['push'] } } },
    { op: 'git.deleteWebhook', method: 'deleteWebhook', input: { ...r, id: '12' } },
    { op: 'git.listWebhooks', method: 'listWebhooks', input: { ...r } },
    { op: 'git.addCollaborator', method: 'addCollaborator', input: { ...r, username: 'bob', permission: 'admin' } },
    { op: 'git.removeCollaborator', method: 'removeCollaborator', input: { ...r, username: 'bob' } },
    { op: 'git.listCollaborators', method: 'listCollaborators', input: { ...r } },
    { op: 'git.createIssue', method: 'createIssue', input: { ...r, title: 'Bug', body: 'b', labels: ['name'], assignees: ['bob'] } },
    { op: 'git.updateIssue', method: 'updateIssue', input: { ...r, number: 3, patch: { title: 't', state: 'open', labels: ['name'], assignees: ['bob'] } } },
    { op: 'git.closeIssue', method: 'closeIssue', input: { ...r, number: 3 } },
    { op: 'git.listIssues', method: 'listIssues', input: { ...r, state: 'closed', labels: ['bug', 'p1'] } },
  ];
  return cases.map((c) => ({ ...c, op: c.op as Op, input: options.inputs?.[c.op] ?? c.input }));
}
