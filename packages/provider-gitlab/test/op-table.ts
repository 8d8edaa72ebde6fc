import type { OperationName } from '@mosaic/orchestrator-core';
import { gitOpCases } from '@mosaic/tools-contract';

const r = { owner: 'acme/platform', repo: 'svc' };

/**
 * Inputs for every git operation (shared by the contract and conformance tests): the shared
 * table on a project in a group, with inputs GitLab maps differently.
 */
export const OP_CASES = gitOpCases<OperationName>({
  repo: r,
  inputs: {
    'git.reviewPullRequest': { ...r, number: 7, event: 'approve' },
    'git.listCommits': { ...r, ref: 'main', path: 'src/a.ts', since: '2024-01-01T00:00:00Z', until: '2024-12-31T00:00:00Z', limit: 3 },
    'git.updateWebhook': { ...r, id: '12', patch: { url: 'https://hooks.example.com/y', events: ['push', 'merge_request'], secret: 'whsec-abcdef' } },
    'git.createIssue': { ...r, title: 'Bug', body: 'b', labels: ['bug'], assignees: ['bob'] },
    'git.updateIssue': { ...r, number: 3, patch: { title: 't', state: 'closed', labels: ['bug'], assignees: ['bob'] } },
  },
});
