import { z } from 'zod';
import { actorSchema, listInputFields, modelBase, nameString, timestamp } from './common.js';

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/** A Git repository (GitHub repository, Gitea repository, GitLab project). */
export const repositorySchema = z.object({
  ...modelBase,
  /** Vendor id as a string (GitHub numeric id, GitLab project id). */
  id: z.string(),
  owner: z.string(),
  name: z.string(),
  /** `owner/name` (GitLab: `path_with_namespace`). */
  fullName: z.string(),
  description: z.string().nullish(),
  private: z.boolean(),
  visibility: z.enum(['public', 'private', 'internal']),
  defaultBranch: z.string().nullish(),
  htmlUrl: z.string().nullish(),
  cloneUrl: z.string().nullish(),
  sshUrl: z.string().nullish(),
  fork: z.boolean().default(false),
  archived: z.boolean().default(false),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
});
/** See {@link repositorySchema}. */
export type Repository = z.infer<typeof repositorySchema>;

/** A branch and the commit it points to. */
export const branchSchema = z.object({
  ...modelBase,
  name: z.string(),
  commitSha: z.string(),
  protected: z.boolean().default(false),
});
/** See {@link branchSchema}. */
export type Branch = z.infer<typeof branchSchema>;

/** Branch protection rules in the unified shape. */
export const branchProtectionRulesSchema = z.strictObject({
  /** Approving reviews required before merge (0 = none). */
  requiredApprovals: z.number().int().min(0).max(10).optional(),
  /** Status check contexts that must pass. */
  requiredStatusChecks: z.array(z.string()).optional(),
  /** Require branches to be up to date before merging. */
  strictStatusChecks: z.boolean().optional(),
  enforceAdmins: z.boolean().optional(),
  allowForcePushes: z.boolean().optional(),
  allowDeletions: z.boolean().optional(),
  requireLinearHistory: z.boolean().optional(),
});
/** See {@link branchProtectionRulesSchema}. */
export type BranchProtectionRules = z.infer<typeof branchProtectionRulesSchema>;

/** Protection in force on a branch after `protectBranch`. */
export const branchProtectionSchema = z.object({
  ...modelBase,
  branch: z.string(),
  requiredApprovals: z.number().int().nullish(),
  requiredStatusChecks: z.array(z.string()).default([]),
  strictStatusChecks: z.boolean().nullish(),
  enforceAdmins: z.boolean().nullish(),
  allowForcePushes: z.boolean().nullish(),
  allowDeletions: z.boolean().nullish(),
  requireLinearHistory: z.boolean().nullish(),
});
/** See {@link branchProtectionSchema}. */
export type BranchProtection = z.infer<typeof branchProtectionSchema>;

/** Head or base of a pull request. */
export const pullRequestRefSchema = z.object({
  ref: z.string(),
  sha: z.string().nullish(),
  /** `owner/name` of the repository the ref lives in (forks). */
  repository: z.string().nullish(),
});

/** A pull request (GitLab: merge request). */
export const pullRequestSchema = z.object({
  ...modelBase,
  id: z.string(),
  /** The number shown to people (GitLab: `iid`). */
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  state: z.enum(['open', 'closed', 'merged']),
  draft: z.boolean().default(false),
  head: pullRequestRefSchema,
  base: pullRequestRefSchema,
  author: actorSchema.nullish(),
  htmlUrl: z.string().nullish(),
  mergeable: z.boolean().nullish(),
  merged: z.boolean(),
  mergedAt: timestamp.nullish(),
  mergeCommitSha: z.string().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
});
/** See {@link pullRequestSchema}. */
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** Outcome of `mergePullRequest`. */
export const mergeResultSchema = z.object({
  ...modelBase,
  merged: z.boolean(),
  /** Sha of the merge (or squash/rebase) commit. */
  sha: z.string().nullish(),
  message: z.string().nullish(),
});
/** See {@link mergeResultSchema}. */
export type MergeResult = z.infer<typeof mergeResultSchema>;

/** A pull request review. */
export const reviewSchema = z.object({
  ...modelBase,
  id: z.string(),
  state: z.enum(['approved', 'changes-requested', 'commented', 'pending', 'dismissed']),
  body: z.string().nullish(),
  author: actorSchema.nullish(),
  submittedAt: timestamp.nullish(),
});
/** See {@link reviewSchema}. */
export type Review = z.infer<typeof reviewSchema>;

/** Author or committer of a commit. */
export const gitSignatureSchema = z.object({
  name: z.string().nullish(),
  email: z.string().nullish(),
  date: timestamp.nullish(),
});

/** A commit. */
export const commitSchema = z.object({
  ...modelBase,
  sha: z.string(),
  message: z.string(),
  author: gitSignatureSchema.nullish(),
  committer: gitSignatureSchema.nullish(),
  parents: z.array(z.string()).default([]),
  htmlUrl: z.string().nullish(),
});
/** See {@link commitSchema}. */
export type Commit = z.infer<typeof commitSchema>;

/** A file changed between two commits. */
export const changedFileSchema = z.object({
  filename: z.string(),
  status: z.string(),
  additions: z.number().int().nullish(),
  deletions: z.number().int().nullish(),
  previousFilename: z.string().nullish(),
});

/** Result of comparing two refs. */
export const comparisonSchema = z.object({
  ...modelBase,
  base: z.string(),
  head: z.string(),
  status: z.enum(['ahead', 'behind', 'identical', 'diverged']),
  aheadBy: z.number().int(),
  behindBy: z.number().int(),
  commits: z.array(commitSchema),
  files: z.array(changedFileSchema).default([]),
});
/** See {@link comparisonSchema}. */
export type Comparison = z.infer<typeof comparisonSchema>;

/** A tag. */
export const tagSchema = z.object({
  ...modelBase,
  name: z.string(),
  commitSha: z.string(),
  /** Annotation message of an annotated tag. */
  message: z.string().nullish(),
});
/** See {@link tagSchema}. */
export type Tag = z.infer<typeof tagSchema>;

/** A repository webhook. The secret is write-only and never returned. */
export const webhookSchema = z.object({
  ...modelBase,
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  contentType: z.enum(['json', 'form']).nullish(),
});
/** See {@link webhookSchema}. */
export type Webhook = z.infer<typeof webhookSchema>;

/** Repository permission levels, GitHub's names (Gitea/GitLab map onto them). */
export const permissionSchema = z.enum(['read', 'triage', 'write', 'maintain', 'admin']);
/** See {@link permissionSchema}. */
export type Permission = z.infer<typeof permissionSchema>;

/** A repository collaborator. */
export const collaboratorSchema = z.object({
  ...modelBase,
  login: z.string(),
  id: z.string().nullish(),
  permission: permissionSchema.nullish(),
});
/** See {@link collaboratorSchema}. */
export type Collaborator = z.infer<typeof collaboratorSchema>;

/** Outcome of `addCollaborator`: added directly, or an invitation was sent. */
export const collaboratorInvitationSchema = z.object({
  ...modelBase,
  login: z.string(),
  invited: z.boolean(),
  permission: permissionSchema.nullish(),
});
/** See {@link collaboratorInvitationSchema}. */
export type CollaboratorInvitation = z.infer<typeof collaboratorInvitationSchema>;

/** An issue of a Git hosting repository. */
export const repositoryIssueSchema = z.object({
  ...modelBase,
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  state: z.enum(['open', 'closed']),
  labels: z.array(z.string()).default([]),
  assignees: z.array(z.string()).default([]),
  author: actorSchema.nullish(),
  htmlUrl: z.string().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
  closedAt: timestamp.nullish(),
});
/** See {@link repositoryIssueSchema}. */
export type RepositoryIssue = z.infer<typeof repositoryIssueSchema>;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const repoRef = {
  /** Organization, group or user owning the repository. */
  owner: nameString,
  /** Repository name. */
  repo: nameString,
};

/** Input of `git.createRepository`. */
export const createRepositoryInputSchema = z.strictObject({
  owner: nameString,
  name: nameString,
  /** Whether `owner` is an organization/group (default) or the authenticated user. */
  ownerType: z.enum(['organization', 'user']).default('organization'),
  description: z.string().optional(),
  private: z.boolean().default(false),
  /** `internal` exists on GitHub Enterprise and GitLab; elsewhere a warning and `private`. */
  visibility: z.enum(['public', 'private', 'internal']).optional(),
  /** Create an initial commit (README) so the default branch exists. */
  autoInit: z.boolean().default(false),
  defaultBranch: z.string().optional(),
});
export const getRepositoryInputSchema = z.strictObject({ ...repoRef });
export const updateRepositoryInputSchema = z.strictObject({
  ...repoRef,
  patch: z
    .strictObject({
      name: nameString.optional(),
      description: z.string().optional(),
      private: z.boolean().optional(),
      defaultBranch: z.string().optional(),
      archived: z.boolean().optional(),
    })
    .refine((p) => Object.keys(p).length > 0, { message: 'patch must change at least one field' }),
});
export const deleteRepositoryInputSchema = z.strictObject({ ...repoRef });
export const listRepositoriesInputSchema = z.strictObject({
  owner: nameString,
  ownerType: z.enum(['organization', 'user']).default('organization'),
  ...listInputFields,
});
export const forkRepositoryInputSchema = z.strictObject({
  ...repoRef,
  /** Organization to fork into; default the authenticated user. */
  targetOwner: z.string().optional(),
  name: z.string().optional(),
});

export const createBranchInputSchema = z.strictObject({
  ...repoRef,
  branch: nameString,
  /** Commit sha or existing branch/tag to branch from. */
  from: nameString,
});
export const branchInputSchema = z.strictObject({ ...repoRef, branch: nameString });
export const listBranchesInputSchema = z.strictObject({ ...repoRef, ...listInputFields });
export const protectBranchInputSchema = z.strictObject({
  ...repoRef,
  branch: nameString,
  rules: branchProtectionRulesSchema,
});

export const createPullRequestInputSchema = z.strictObject({
  ...repoRef,
  title: nameString,
  /** Source branch (`feature`, or `fork-owner:feature`). */
  head: nameString,
  /** Target branch. */
  base: nameString,
  body: z.string().optional(),
  draft: z.boolean().default(false),
});
export const pullRequestInputSchema = z.strictObject({ ...repoRef, number: z.number().int().positive() });
export const updatePullRequestInputSchema = z.strictObject({
  ...repoRef,
  number: z.number().int().positive(),
  patch: z
    .strictObject({
      title: nameString.optional(),
      body: z.string().optional(),
      state: z.enum(['open', 'closed']).optional(),
      base: nameString.optional(),
    })
    .refine((p) => Object.keys(p).length > 0, { message: 'patch must change at least one field' }),
});
export const mergePullRequestInputSchema = z.strictObject({
  ...repoRef,
  number: z.number().int().positive(),
  method: z.enum(['merge', 'squash', 'rebase']).default('merge'),
  commitTitle: z.string().optional(),
  commitMessage: z.string().optional(),
  /** Merge only if the head is still at this sha. */
  sha: z.string().optional(),
});
export const listPullRequestsInputSchema = z.strictObject({
  ...repoRef,
  state: z.enum(['open', 'closed', 'all']).default('open'),
  base: z.string().optional(),
  head: z.string().optional(),
  ...listInputFields,
});
export const reviewPullRequestInputSchema = z.strictObject({
  ...repoRef,
  number: z.number().int().positive(),
  event: z.enum(['approve', 'request-changes', 'comment']),
  body: z.string().optional(),
});

export const getCommitInputSchema = z.strictObject({ ...repoRef, ref: nameString });
export const listCommitsInputSchema = z.strictObject({
  ...repoRef,
  /** Branch, tag or sha to list from; default the default branch. */
  ref: z.string().optional(),
  path: z.string().optional(),
  since: z.string().optional(),
  until: z.string().optional(),
  ...listInputFields,
});
/** One file change of `git.createCommit`. */
export const commitFileChangeSchema = z.strictObject({
  path: nameString,
  action: z.enum(['create', 'update', 'delete']).default('create'),
  /** New content (required for create/update). */
  content: z.string().optional(),
  encoding: z.enum(['utf-8', 'base64']).default('utf-8'),
  /** Blob sha of the file being replaced (GitHub/Gitea contents API need it for update/delete). */
  sha: z.string().optional(),
});
export const createCommitInputSchema = z.strictObject({
  ...repoRef,
  branch: nameString,
  message: nameString,
  files: z.array(commitFileChangeSchema).min(1),
  author: z.strictObject({ name: nameString, email: z.email() }).optional(),
});
export const compareCommitsInputSchema = z.strictObject({ ...repoRef, base: nameString, head: nameString });

export const createTagInputSchema = z.strictObject({
  ...repoRef,
  tag: nameString,
  /** Commit sha or ref the tag points at. */
  target: nameString,
  /** With a message the tag is annotated. */
  message: z.string().optional(),
});
export const tagInputSchema = z.strictObject({ ...repoRef, tag: nameString });
export const listTagsInputSchema = z.strictObject({ ...repoRef, ...listInputFields });

export const createWebhookInputSchema = z.strictObject({
  ...repoRef,
  url: z.url(),
  events: z.array(nameString).min(1).default(['push']),
  /** Shared secret for HMAC signatures; write-only. */
  secret: z.string().optional(),
  active: z.boolean().default(true),
  contentType: z.enum(['json', 'form']).default('json'),
});
export const updateWebhookInputSchema = z.strictObject({
  ...repoRef,
  id: nameString,
  patch: z
    .strictObject({
      url: z.url().optional(),
      events: z.array(nameString).min(1).optional(),
      secret: z.string().optional(),
      active: z.boolean().optional(),
      contentType: z.enum(['json', 'form']).optional(),
    })
    .refine((p) => Object.keys(p).length > 0, { message: 'patch must change at least one field' }),
});
export const webhookInputSchema = z.strictObject({ ...repoRef, id: nameString });
export const listWebhooksInputSchema = z.strictObject({ ...repoRef, ...listInputFields });

export const addCollaboratorInputSchema = z.strictObject({
  ...repoRef,
  username: nameString,
  permission: permissionSchema.default('write'),
});
export const collaboratorInputSchema = z.strictObject({ ...repoRef, username: nameString });
export const listCollaboratorsInputSchema = z.strictObject({ ...repoRef, ...listInputFields });

export const createRepositoryIssueInputSchema = z.strictObject({
  ...repoRef,
  title: nameString,
  body: z.string().optional(),
  labels: z.array(z.string()).optional(),
  assignees: z.array(z.string()).optional(),
});
export const updateRepositoryIssueInputSchema = z.strictObject({
  ...repoRef,
  number: z.number().int().positive(),
  patch: z
    .strictObject({
      title: nameString.optional(),
      body: z.string().optional(),
      state: z.enum(['open', 'closed']).optional(),
      labels: z.array(z.string()).optional(),
      assignees: z.array(z.string()).optional(),
    })
    .refine((p) => Object.keys(p).length > 0, { message: 'patch must change at least one field' }),
});
export const closeRepositoryIssueInputSchema = z.strictObject({ ...repoRef, number: z.number().int().positive() });
export const listRepositoryIssuesInputSchema = z.strictObject({
  ...repoRef,
  state: z.enum(['open', 'closed', 'all']).default('open'),
  labels: z.array(z.string()).optional(),
  ...listInputFields,
});

export type CreateRepositoryInput = z.input<typeof createRepositoryInputSchema>;
export type CreatePullRequestInput = z.input<typeof createPullRequestInputSchema>;
export type CreateCommitInput = z.input<typeof createCommitInputSchema>;
