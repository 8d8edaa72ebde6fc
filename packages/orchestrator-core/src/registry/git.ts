import * as m from '../spec/v1/models/git.js';
import { ackSchema, pageOf } from '../spec/v1/models/common.js';
import { defineOperation, resourceId } from './define.js';

const repo = (i: { owner: string; repo: string }) => resourceId('git', ['org', i.owner], ['repo', i.repo]);
const org = (i: { owner: string }) => resourceId('git', ['org', i.owner]);

/** The git facet's operations (GitHub, Gitea, GitLab, Bitbucket). */
export const gitOperations = {
  'git.createRepository': defineOperation({
    name: 'git.createRepository', service: 'git', kind: 'write',
    summary: 'Create a repository in an organization/group or for the authenticated user.',
    input: m.createRepositoryInputSchema, output: m.repositorySchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.name]),
  }),
  'git.getRepository': defineOperation({
    name: 'git.getRepository', service: 'git', kind: 'read',
    summary: 'Get a repository by owner and name.',
    input: m.getRepositoryInputSchema, output: m.repositorySchema, resource: repo,
  }),
  'git.updateRepository': defineOperation({
    name: 'git.updateRepository', service: 'git', kind: 'write', idempotent: true,
    summary: 'Change a repository’s name, description, visibility, default branch or archived flag.',
    input: m.updateRepositoryInputSchema, output: m.repositorySchema, resource: repo,
  }),
  'git.deleteRepository': defineOperation({
    name: 'git.deleteRepository', service: 'git', kind: 'write', idempotent: true, destructive: true,
    summary: 'Delete a repository.',
    input: m.deleteRepositoryInputSchema, output: ackSchema, resource: repo,
  }),
  'git.listRepositories': defineOperation({
    name: 'git.listRepositories', service: 'git', kind: 'read', paginated: true,
    summary: 'List the repositories of an organization/group or user.',
    input: m.listRepositoriesInputSchema, output: pageOf(m.repositorySchema), resource: org,
  }),
  'git.forkRepository': defineOperation({
    name: 'git.forkRepository', service: 'git', kind: 'write',
    summary: 'Fork a repository into the authenticated user’s account or an organization.',
    input: m.forkRepositoryInputSchema, output: m.repositorySchema, resource: repo,
  }),

  'git.createBranch': defineOperation({
    name: 'git.createBranch', service: 'git', kind: 'write',
    summary: 'Create a branch from a commit sha or an existing ref.',
    input: m.createBranchInputSchema, output: m.branchSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['branch', i.branch]),
  }),
  'git.getBranch': defineOperation({
    name: 'git.getBranch', service: 'git', kind: 'read',
    summary: 'Get a branch and its head commit.',
    input: m.branchInputSchema, output: m.branchSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['branch', i.branch]),
  }),
  'git.deleteBranch': defineOperation({
    name: 'git.deleteBranch', service: 'git', kind: 'write', idempotent: true, destructive: true,
    summary: 'Delete a branch.',
    input: m.branchInputSchema, output: ackSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['branch', i.branch]),
  }),
  'git.listBranches': defineOperation({
    name: 'git.listBranches', service: 'git', kind: 'read', paginated: true,
    summary: 'List the branches of a repository.',
    input: m.listBranchesInputSchema, output: pageOf(m.branchSchema), resource: repo,
  }),
  'git.protectBranch': defineOperation({
    name: 'git.protectBranch', service: 'git', kind: 'write', idempotent: true,
    summary: 'Set protection rules (required approvals, status checks, force-push) on a branch.',
    input: m.protectBranchInputSchema, output: m.branchProtectionSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['branch', i.branch]),
  }),

  'git.createPullRequest': defineOperation({
    name: 'git.createPullRequest', service: 'git', kind: 'write',
    summary: 'Open a pull request (GitLab: merge request) from head into base.',
    input: m.createPullRequestInputSchema, output: m.pullRequestSchema, resource: repo,
  }),
  'git.getPullRequest': defineOperation({
    name: 'git.getPullRequest', service: 'git', kind: 'read',
    summary: 'Get a pull request by number.',
    input: m.pullRequestInputSchema, output: m.pullRequestSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['pull', i.number]),
  }),
  'git.updatePullRequest': defineOperation({
    name: 'git.updatePullRequest', service: 'git', kind: 'write', idempotent: true,
    summary: 'Change a pull request’s title, body, state or base.',
    input: m.updatePullRequestInputSchema, output: m.pullRequestSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['pull', i.number]),
  }),
  'git.mergePullRequest': defineOperation({
    name: 'git.mergePullRequest', service: 'git', kind: 'write',
    summary: 'Merge a pull request by merge commit, squash or rebase.',
    input: m.mergePullRequestInputSchema, output: m.mergeResultSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['pull', i.number]),
  }),
  'git.listPullRequests': defineOperation({
    name: 'git.listPullRequests', service: 'git', kind: 'read', paginated: true,
    summary: 'List pull requests of a repository by state, base and head.',
    input: m.listPullRequestsInputSchema, output: pageOf(m.pullRequestSchema), resource: repo,
  }),
  'git.reviewPullRequest': defineOperation({
    name: 'git.reviewPullRequest', service: 'git', kind: 'write',
    summary: 'Submit a review: approve, request changes, or comment.',
    input: m.reviewPullRequestInputSchema, output: m.reviewSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['pull', i.number]),
  }),

  'git.getCommit': defineOperation({
    name: 'git.getCommit', service: 'git', kind: 'read',
    summary: 'Get a commit by sha or ref.',
    input: m.getCommitInputSchema, output: m.commitSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['commit', i.ref]),
  }),
  'git.listCommits': defineOperation({
    name: 'git.listCommits', service: 'git', kind: 'read', paginated: true,
    summary: 'List commits reachable from a ref, optionally for one path and a time range.',
    input: m.listCommitsInputSchema, output: pageOf(m.commitSchema), resource: repo,
  }),
  'git.createCommit': defineOperation({
    name: 'git.createCommit', service: 'git', kind: 'write',
    summary: 'Create a commit on a branch that creates, updates or deletes files (contents API).',
    input: m.createCommitInputSchema, output: m.commitSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['branch', i.branch]),
  }),
  'git.compareCommits': defineOperation({
    name: 'git.compareCommits', service: 'git', kind: 'read',
    summary: 'Compare two refs: ahead/behind counts, commits and changed files.',
    input: m.compareCommitsInputSchema, output: m.comparisonSchema, resource: repo,
  }),

  'git.createTag': defineOperation({
    name: 'git.createTag', service: 'git', kind: 'write',
    summary: 'Create a lightweight tag, or an annotated one when a message is given.',
    input: m.createTagInputSchema, output: m.tagSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['tag', i.tag]),
  }),
  'git.getTag': defineOperation({
    name: 'git.getTag', service: 'git', kind: 'read',
    summary: 'Get a tag and the commit it points at.',
    input: m.tagInputSchema, output: m.tagSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['tag', i.tag]),
  }),
  'git.deleteTag': defineOperation({
    name: 'git.deleteTag', service: 'git', kind: 'write', idempotent: true, destructive: true,
    summary: 'Delete a tag.',
    input: m.tagInputSchema, output: ackSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['tag', i.tag]),
  }),
  'git.listTags': defineOperation({
    name: 'git.listTags', service: 'git', kind: 'read', paginated: true,
    summary: 'List the tags of a repository.',
    input: m.listTagsInputSchema, output: pageOf(m.tagSchema), resource: repo,
  }),

  'git.createWebhook': defineOperation({
    name: 'git.createWebhook', service: 'git', kind: 'write',
    summary: 'Create a repository webhook for the given events.',
    input: m.createWebhookInputSchema, output: m.webhookSchema, resource: repo,
  }),
  'git.updateWebhook': defineOperation({
    name: 'git.updateWebhook', service: 'git', kind: 'write', idempotent: true,
    summary: 'Change a webhook’s URL, events, secret, content type or active flag.',
    input: m.updateWebhookInputSchema, output: m.webhookSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['hook', i.id]),
  }),
  'git.deleteWebhook': defineOperation({
    name: 'git.deleteWebhook', service: 'git', kind: 'write', idempotent: true, destructive: true,
    summary: 'Delete a webhook.',
    input: m.webhookInputSchema, output: ackSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['hook', i.id]),
  }),
  'git.listWebhooks': defineOperation({
    name: 'git.listWebhooks', service: 'git', kind: 'read', paginated: true,
    summary: 'List the webhooks of a repository (secrets are never returned).',
    input: m.listWebhooksInputSchema, output: pageOf(m.webhookSchema), resource: repo,
  }),

  'git.addCollaborator': defineOperation({
    name: 'git.addCollaborator', service: 'git', kind: 'write', idempotent: true,
    summary: 'Add a collaborator with a permission level (may send an invitation).',
    input: m.addCollaboratorInputSchema, output: m.collaboratorInvitationSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['collaborator', i.username]),
  }),
  'git.removeCollaborator': defineOperation({
    name: 'git.removeCollaborator', service: 'git', kind: 'write', idempotent: true, destructive: true,
    summary: 'Remove a collaborator.',
    input: m.collaboratorInputSchema, output: ackSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['collaborator', i.username]),
  }),
  'git.listCollaborators': defineOperation({
    name: 'git.listCollaborators', service: 'git', kind: 'read', paginated: true,
    summary: 'List a repository’s collaborators and their permissions.',
    input: m.listCollaboratorsInputSchema, output: pageOf(m.collaboratorSchema), resource: repo,
  }),

  'git.createIssue': defineOperation({
    name: 'git.createIssue', service: 'git', kind: 'write', optional: true,
    summary: 'Open an issue in a repository.',
    input: m.createRepositoryIssueInputSchema, output: m.repositoryIssueSchema, resource: repo,
  }),
  'git.updateIssue': defineOperation({
    name: 'git.updateIssue', service: 'git', kind: 'write', idempotent: true, optional: true,
    summary: 'Change an issue’s title, body, state, labels or assignees.',
    input: m.updateRepositoryIssueInputSchema, output: m.repositoryIssueSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['issue', i.number]),
  }),
  'git.closeIssue': defineOperation({
    name: 'git.closeIssue', service: 'git', kind: 'write', idempotent: true, optional: true,
    summary: 'Close an issue.',
    input: m.closeRepositoryIssueInputSchema, output: m.repositoryIssueSchema,
    resource: (i) => resourceId('git', ['org', i.owner], ['repo', i.repo], ['issue', i.number]),
  }),
  'git.listIssues': defineOperation({
    name: 'git.listIssues', service: 'git', kind: 'read', paginated: true, optional: true,
    summary: 'List issues of a repository by state and labels.',
    input: m.listRepositoryIssuesInputSchema, output: pageOf(m.repositoryIssueSchema), resource: repo,
  }),
} as const;
