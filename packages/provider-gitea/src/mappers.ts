import type {
  Actor,
  Branch,
  BranchProtection,
  Collaborator,
  Commit,
  Permission,
  PullRequest,
  Repository,
  RepositoryIssue,
  Review,
  Tag,
  Webhook,
} from '@mosaic/orchestrator-core';

// Vendor shapes: the fields Mosaic reads from the Gitea 1.22 swagger definitions. Every field is
// optional because Gitea omits empty ones; the unified output schemas validate the result.

/** Gitea `User` (swagger definition). */
export interface GiteaUser {
  id?: number | null;
  login?: string | null;
  username?: string | null;
  full_name?: string | null;
  email?: string | null;
  avatar_url?: string | null;
}
/** Gitea `Repository`. */
export interface GiteaRepository {
  id?: number | null;
  owner?: GiteaUser | null;
  name?: string | null;
  full_name?: string | null;
  description?: string | null;
  private?: boolean | null;
  internal?: boolean | null;
  default_branch?: string | null;
  html_url?: string | null;
  clone_url?: string | null;
  ssh_url?: string | null;
  fork?: boolean | null;
  archived?: boolean | null;
  created_at?: string | null;
  updated_at?: string | null;
}
/** Gitea `PayloadCommit` (inside `Branch`). */
export interface GiteaPayloadCommit {
  id?: string | null;
  message?: string | null;
  url?: string | null;
  timestamp?: string | null;
  author?: { name?: string | null; email?: string | null; username?: string | null } | null;
  committer?: { name?: string | null; email?: string | null; username?: string | null } | null;
}
/** Gitea `Branch`. */
export interface GiteaBranch {
  name?: string | null;
  commit?: GiteaPayloadCommit | null;
  protected?: boolean | null;
}
/** Gitea `BranchProtection`. */
export interface GiteaBranchProtection {
  branch_name?: string | null;
  rule_name?: string | null;
  required_approvals?: number | null;
  enable_status_check?: boolean | null;
  status_check_contexts?: string[] | null;
  block_on_outdated_branch?: boolean | null;
  enable_push?: boolean | null;
}
/** Gitea `PRBranchInfo`. */
export interface GiteaPrBranch {
  ref?: string | null;
  label?: string | null;
  sha?: string | null;
  repo?: GiteaRepository | null;
}
/** Gitea `PullRequest`. */
export interface GiteaPullRequest {
  id?: number | null;
  number?: number | null;
  title?: string | null;
  body?: string | null;
  state?: string | null;
  draft?: boolean | null;
  head?: GiteaPrBranch | null;
  base?: GiteaPrBranch | null;
  user?: GiteaUser | null;
  html_url?: string | null;
  mergeable?: boolean | null;
  merged?: boolean | null;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}
/** Gitea `PullReview`. */
export interface GiteaPullReview {
  id?: number | null;
  state?: string | null;
  body?: string | null;
  user?: GiteaUser | null;
  submitted_at?: string | null;
  dismissed?: boolean | null;
}
/** Gitea `CommitUser`. */
export interface GiteaCommitUser {
  name?: string | null;
  email?: string | null;
  date?: string | null;
}
/** Gitea `Commit`. */
export interface GiteaCommit {
  sha?: string | null;
  html_url?: string | null;
  commit?: { message?: string | null; author?: GiteaCommitUser | null; committer?: GiteaCommitUser | null } | null;
  parents?: Array<{ sha?: string | null }> | null;
  files?: Array<{ filename?: string | null; status?: string | null }> | null;
}
/** Gitea `FileCommitResponse` (the `commit` of a `FilesResponse`). */
export interface GiteaFileCommit {
  sha?: string | null;
  html_url?: string | null;
  message?: string | null;
  author?: GiteaCommitUser | null;
  committer?: GiteaCommitUser | null;
  parents?: Array<{ sha?: string | null }> | null;
}
/** Gitea `Tag`. */
export interface GiteaTag {
  name?: string | null;
  id?: string | null;
  message?: string | null;
  commit?: { sha?: string | null } | null;
}
/** Gitea `Hook`. */
export interface GiteaHook {
  id?: number | null;
  type?: string | null;
  config?: Record<string, string> | null;
  events?: string[] | null;
  active?: boolean | null;
}
/** Gitea `Label`. */
export interface GiteaLabel {
  id?: number | null;
  name?: string | null;
}
/** Gitea `Issue`. */
export interface GiteaIssue {
  id?: number | null;
  number?: number | null;
  title?: string | null;
  body?: string | null;
  state?: string | null;
  labels?: GiteaLabel[] | null;
  assignees?: GiteaUser[] | null;
  user?: GiteaUser | null;
  html_url?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  closed_at?: string | null;
  pull_request?: unknown;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Maps a Gitea `User` to an {@link Actor}; `null` when absent. */
export function toActor(user: GiteaUser | null | undefined): Actor | null {
  if (!user) return null;
  return {
    ...(user.id != null ? { id: String(user.id) } : {}),
    login: str(user.login ?? user.username),
    name: user.full_name || null,
    email: user.email || null,
    avatarUrl: user.avatar_url ?? null,
  };
}

/** Maps a Gitea `Repository` to a {@link Repository} (`internal` when Gitea flags it so: public in a limited-visibility owner). */
export function toRepository(provider: string, r: GiteaRepository): Repository {
  const owner = str(r.owner?.login ?? r.owner?.username ?? (r.full_name ? r.full_name.split('/')[0] : ''));
  // Gitea's `internal`: a public repository whose owner is visible to signed-in users only.
  const visibility = r.private === true ? 'private' : r.internal === true ? 'internal' : 'public';
  return {
    provider,
    raw: r,
    id: str(r.id),
    owner,
    name: str(r.name),
    fullName: str(r.full_name ?? `${owner}/${str(r.name)}`),
    description: r.description ?? null,
    private: visibility !== 'public',
    visibility,
    defaultBranch: r.default_branch ?? null,
    htmlUrl: r.html_url ?? null,
    cloneUrl: r.clone_url ?? null,
    sshUrl: r.ssh_url ?? null,
    fork: r.fork === true,
    archived: r.archived === true,
    createdAt: r.created_at ?? null,
    updatedAt: r.updated_at ?? null,
  };
}

/** Maps a Gitea `Branch`. */
export function toBranch(provider: string, b: GiteaBranch): Branch {
  return { provider, raw: b, name: str(b.name), commitSha: str(b.commit?.id), protected: b.protected === true };
}

/** Maps a Gitea `BranchProtection` (status checks only count when `enable_status_check`). */
export function toBranchProtection(provider: string, branch: string, p: GiteaBranchProtection): BranchProtection {
  return {
    provider,
    raw: p,
    branch,
    requiredApprovals: p.required_approvals ?? null,
    requiredStatusChecks: p.enable_status_check ? (p.status_check_contexts ?? []) : [],
    strictStatusChecks: p.block_on_outdated_branch ?? null,
    // Gitea protection rules apply to administrators too; it has no per-rule admin bypass flag.
    enforceAdmins: null,
    // Gitea 1.22 protection has no force-push or deletion flags (pushes are governed by `enable_push`).
    allowForcePushes: null,
    allowDeletions: null,
    requireLinearHistory: null,
  };
}

function prRef(b: GiteaPrBranch | null | undefined) {
  return { ref: str(b?.ref), sha: b?.sha ?? null, repository: b?.repo?.full_name ?? null };
}

/** Maps a Gitea `PullRequest`. `state` is `merged` when the vendor says `merged: true`. */
export function toPullRequest(provider: string, pr: GiteaPullRequest): PullRequest {
  const merged = pr.merged === true;
  return {
    provider,
    raw: pr,
    id: str(pr.id),
    number: Number(pr.number ?? 0),
    title: str(pr.title),
    body: pr.body ?? null,
    state: merged ? 'merged' : pr.state === 'closed' ? 'closed' : 'open',
    draft: pr.draft === true,
    head: prRef(pr.head),
    base: prRef(pr.base),
    author: toActor(pr.user),
    htmlUrl: pr.html_url ?? null,
    mergeable: pr.mergeable ?? null,
    merged,
    mergedAt: pr.merged_at ?? null,
    mergeCommitSha: pr.merge_commit_sha ?? null,
    createdAt: pr.created_at ?? null,
    updatedAt: pr.updated_at ?? null,
  };
}

/** Maps a Gitea `PullReview` (state `APPROVED`, `REQUEST_CHANGES`, `COMMENT`, `PENDING`, `REQUEST_REVIEW`). */
export function toReview(provider: string, r: GiteaPullReview): Review {
  const state: Review['state'] = r.dismissed
    ? 'dismissed'
    : r.state === 'APPROVED'
      ? 'approved'
      : r.state === 'REQUEST_CHANGES'
        ? 'changes-requested'
        : r.state === 'PENDING' || r.state === 'REQUEST_REVIEW'
          ? 'pending'
          : 'commented';
  return { provider, raw: r, id: str(r.id), state, body: r.body ?? null, author: toActor(r.user), submittedAt: r.submitted_at ?? null };
}

function signature(u: GiteaCommitUser | null | undefined) {
  return u ? { name: u.name ?? null, email: u.email ?? null, date: u.date ?? null } : null;
}

/** Maps a Gitea `Commit`. */
export function toCommit(provider: string, c: GiteaCommit): Commit {
  return {
    provider,
    raw: c,
    sha: str(c.sha),
    message: str(c.commit?.message),
    author: signature(c.commit?.author),
    committer: signature(c.commit?.committer),
    parents: (c.parents ?? []).map((p) => str(p.sha)),
    htmlUrl: c.html_url ?? null,
  };
}

/** Maps the `commit` of a Gitea `FilesResponse` (contents API). */
export function toFileCommit(provider: string, c: GiteaFileCommit, raw: unknown): Commit {
  return {
    provider,
    raw,
    sha: str(c.sha),
    message: str(c.message),
    author: signature(c.author),
    committer: signature(c.committer),
    parents: (c.parents ?? []).map((p) => str(p.sha)),
    htmlUrl: c.html_url ?? null,
  };
}

/** Maps a Gitea `Tag`. */
export function toTag(provider: string, t: GiteaTag): Tag {
  return { provider, raw: t, name: str(t.name), commitSha: str(t.commit?.sha), message: t.message ? t.message : null };
}

/** Maps a Gitea `Hook`. The secret in `config` is never copied into the unified model. */
export function toWebhook(provider: string, h: GiteaHook): Webhook {
  const { secret: _secret, ...config } = h.config ?? {};
  const contentType = config.content_type === 'form' ? 'form' : config.content_type === 'json' ? 'json' : null;
  return {
    provider,
    raw: { ...h, config },
    id: str(h.id),
    url: str(config.url),
    events: h.events ?? [],
    active: h.active === true,
    contentType,
  };
}

/** Gitea collaborator permissions (`read`, `write`, `admin`; `owner` counts as admin). */
export function fromGiteaPermission(value: string | null | undefined): Permission | null {
  if (value === 'admin' || value === 'owner') return 'admin';
  if (value === 'write') return 'write';
  if (value === 'read') return 'read';
  return null;
}

/** Maps a unified permission to Gitea's three levels: `triage` → `read`, `maintain` → `write`. */
export function toGiteaPermission(value: Permission): { permission: 'read' | 'write' | 'admin'; exact: boolean } {
  switch (value) {
    case 'read':
      return { permission: 'read', exact: true };
    case 'triage':
      return { permission: 'read', exact: false };
    case 'write':
      return { permission: 'write', exact: true };
    case 'maintain':
      return { permission: 'write', exact: false };
    case 'admin':
      return { permission: 'admin', exact: true };
  }
}

/** Maps a Gitea `User` in a collaborator list. */
export function toCollaborator(provider: string, u: GiteaUser, permission: Permission | null = null): Collaborator {
  return { provider, raw: u, login: str(u.login ?? u.username), id: u.id != null ? String(u.id) : null, permission };
}

/** Maps a Gitea `Issue`. */
export function toIssue(provider: string, i: GiteaIssue): RepositoryIssue {
  return {
    provider,
    raw: i,
    id: str(i.id),
    number: Number(i.number ?? 0),
    title: str(i.title),
    body: i.body ?? null,
    state: i.state === 'closed' ? 'closed' : 'open',
    labels: (i.labels ?? []).map((l) => str(l.name)),
    assignees: (i.assignees ?? []).map((a) => str(a.login ?? a.username)),
    author: toActor(i.user),
    htmlUrl: i.html_url ?? null,
    createdAt: i.created_at ?? null,
    updatedAt: i.updated_at ?? null,
    closedAt: i.closed_at ?? null,
  };
}
