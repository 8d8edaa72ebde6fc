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
  Tag,
  Webhook,
} from '@mosaic/orchestrator-core';

// Vendor shapes: the fields Mosaic reads from GitLab's REST v4 entities (openapi_v2.yaml
// `API_Entities_*` definitions). Every field is optional; unified output schemas validate results.

/** `API_Entities_UserBasic`. */
export interface GlUser {
  id?: number | null;
  username?: string | null;
  name?: string | null;
  email?: string | null;
  public_email?: string | null;
  avatar_url?: string | null;
}
/** `API_Entities_Project`. */
export interface GlProject {
  id?: number | null;
  name?: string | null;
  path?: string | null;
  path_with_namespace?: string | null;
  namespace?: { id?: number | null; path?: string | null; full_path?: string | null; kind?: string | null } | null;
  description?: string | null;
  visibility?: string | null;
  default_branch?: string | null;
  web_url?: string | null;
  http_url_to_repo?: string | null;
  ssh_url_to_repo?: string | null;
  forked_from_project?: unknown;
  archived?: boolean | null;
  created_at?: string | null;
  updated_at?: string | null;
  last_activity_at?: string | null;
}
/** `API_Entities_Commit`. */
export interface GlCommit {
  id?: string | null;
  title?: string | null;
  message?: string | null;
  author_name?: string | null;
  author_email?: string | null;
  authored_date?: string | null;
  committer_name?: string | null;
  committer_email?: string | null;
  committed_date?: string | null;
  parent_ids?: string[] | string | null;
  web_url?: string | null;
}
/** `API_Entities_Branch`. */
export interface GlBranch {
  name?: string | null;
  commit?: GlCommit | null;
  protected?: boolean | null;
}
/** `API_Entities_ProtectedBranch`. */
export interface GlProtectedBranch {
  id?: number | null;
  name?: string | null;
  allow_force_push?: boolean | null;
  code_owner_approval_required?: boolean | null;
}
/** `API_Entities_MergeRequest`. */
export interface GlMergeRequest {
  id?: number | null;
  iid?: number | null;
  title?: string | null;
  description?: string | null;
  state?: string | null;
  draft?: boolean | null;
  work_in_progress?: boolean | null;
  source_branch?: string | null;
  target_branch?: string | null;
  sha?: string | null;
  merge_commit_sha?: string | null;
  squash_commit_sha?: string | null;
  author?: GlUser | null;
  web_url?: string | null;
  merged_at?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  merge_status?: string | null;
  detailed_merge_status?: string | null;
  diff_refs?: { base_sha?: string | null; head_sha?: string | null } | null;
  references?: { full?: string | null } | null;
}
/** `API_Entities_Tag`. */
export interface GlTag {
  name?: string | null;
  message?: string | null;
  target?: string | null;
  commit?: GlCommit | null;
}
/** `API_Entities_ProjectHook`. */
export interface GlHook {
  id?: number | null;
  url?: string | null;
  alert_status?: string | null;
  [flag: string]: unknown;
}
/** `API_Entities_Member`. */
export interface GlMember extends GlUser {
  access_level?: number | null;
}
/** `API_Entities_Issue`. */
export interface GlIssue {
  id?: number | null;
  iid?: number | null;
  title?: string | null;
  description?: string | null;
  state?: string | null;
  labels?: Array<string | { name?: string | null }> | string | null;
  assignees?: GlUser[] | GlUser | null;
  author?: GlUser | null;
  web_url?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  closed_at?: string | null;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
/** An array as is; a single value as a one-item array; nothing as empty. */
const list = <T>(v: T | T[] | null | undefined): T[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** Maps a GitLab user to an {@link Actor}. */
export function toActor(u: GlUser | null | undefined): Actor | null {
  if (!u) return null;
  return {
    ...(u.id != null ? { id: String(u.id) } : {}),
    login: str(u.username),
    name: u.name ?? null,
    email: u.email ?? u.public_email ?? null,
    avatarUrl: u.avatar_url ?? null,
  };
}

/**
 * Maps a project. `owner` is the namespace's full path (`group/subgroup`) and `name` the
 * project's path, so that `owner/name` addresses it again.
 */
export function toRepository(provider: string, p: GlProject): Repository {
  const full = str(p.path_with_namespace);
  const slash = full.lastIndexOf('/');
  const owner = slash > 0 ? full.slice(0, slash) : (p.namespace?.full_path ?? '');
  const name = slash > 0 ? full.slice(slash + 1) : (p.path ?? str(p.name));
  const visibility = p.visibility === 'internal' ? 'internal' : p.visibility === 'public' ? 'public' : 'private';
  return {
    provider,
    raw: p,
    id: str(p.id),
    owner: str(owner),
    name: str(name),
    fullName: full || `${owner}/${name}`,
    description: p.description ?? null,
    private: visibility !== 'public',
    visibility,
    defaultBranch: p.default_branch ?? null,
    htmlUrl: p.web_url ?? null,
    cloneUrl: p.http_url_to_repo ?? null,
    sshUrl: p.ssh_url_to_repo ?? null,
    fork: p.forked_from_project != null,
    archived: p.archived === true,
    createdAt: p.created_at ?? null,
    updatedAt: p.updated_at ?? p.last_activity_at ?? null,
  };
}

/** Maps a commit. */
export function toCommit(provider: string, c: GlCommit): Commit {
  const parents = Array.isArray(c.parent_ids) ? c.parent_ids : typeof c.parent_ids === 'string' && c.parent_ids ? [c.parent_ids] : [];
  return {
    provider,
    raw: c,
    sha: str(c.id),
    message: str(c.message ?? c.title),
    author: { name: c.author_name ?? null, email: c.author_email ?? null, date: c.authored_date ?? null },
    committer: { name: c.committer_name ?? null, email: c.committer_email ?? null, date: c.committed_date ?? null },
    parents: parents.map(String),
    htmlUrl: c.web_url ?? null,
  };
}

/** Maps a branch. */
export function toBranch(provider: string, b: GlBranch): Branch {
  return { provider, raw: b, name: str(b.name), commitSha: str(b.commit?.id), protected: b.protected === true };
}

/** Maps a protected branch (approvals and status checks are not part of GitLab's protected branches). */
export function toBranchProtection(provider: string, branch: string, p: GlProtectedBranch, extra: { requiredApprovals?: number | null } = {}): BranchProtection {
  return {
    provider,
    raw: p,
    branch: str(p.name ?? branch),
    requiredApprovals: extra.requiredApprovals ?? null,
    requiredStatusChecks: [],
    strictStatusChecks: null,
    enforceAdmins: null,
    allowForcePushes: p.allow_force_push ?? null,
    // A protected GitLab branch cannot be deleted until it is unprotected.
    allowDeletions: false,
    requireLinearHistory: null,
  };
}

/** Maps a merge request: `number` is the `iid`; `locked` counts as open. */
export function toPullRequest(provider: string, mr: GlMergeRequest): PullRequest {
  const merged = mr.state === 'merged';
  const mergeable =
    mr.detailed_merge_status === 'mergeable' || mr.merge_status === 'can_be_merged'
      ? true
      : mr.merge_status === 'cannot_be_merged' || mr.detailed_merge_status === 'conflict' || mr.detailed_merge_status === 'broken_status'
        ? false
        : null;
  return {
    provider,
    raw: mr,
    id: str(mr.id),
    number: Number(mr.iid ?? 0),
    title: str(mr.title),
    body: mr.description ?? null,
    state: merged ? 'merged' : mr.state === 'closed' ? 'closed' : 'open',
    draft: mr.draft === true || mr.work_in_progress === true,
    head: { ref: str(mr.source_branch), sha: mr.sha ?? mr.diff_refs?.head_sha ?? null, repository: null },
    base: { ref: str(mr.target_branch), sha: mr.diff_refs?.base_sha ?? null, repository: null },
    author: toActor(mr.author),
    htmlUrl: mr.web_url ?? null,
    mergeable,
    merged,
    mergedAt: mr.merged_at ?? null,
    mergeCommitSha: mr.merge_commit_sha ?? mr.squash_commit_sha ?? null,
    createdAt: mr.created_at ?? null,
    updatedAt: mr.updated_at ?? null,
  };
}

/** Maps a tag. */
export function toTag(provider: string, t: GlTag): Tag {
  return { provider, raw: t, name: str(t.name), commitSha: str(t.commit?.id ?? t.target), message: t.message ? t.message : null };
}

/**
 * Webhook events: unified names (GitHub's, or GitLab's without `_events`) → GitLab hook flags.
 * See `POST /projects/:id/hooks` in the v4 spec.
 */
export const EVENT_FLAGS: Record<string, string> = {
  push: 'push_events',
  tag_push: 'tag_push_events',
  create: 'tag_push_events',
  issues: 'issues_events',
  confidential_issues: 'confidential_issues_events',
  note: 'note_events',
  issue_comment: 'note_events',
  commit_comment: 'note_events',
  pull_request_review_comment: 'note_events',
  confidential_note: 'confidential_note_events',
  merge_request: 'merge_requests_events',
  merge_requests: 'merge_requests_events',
  pull_request: 'merge_requests_events',
  pipeline: 'pipeline_events',
  workflow_run: 'pipeline_events',
  job: 'job_events',
  workflow_job: 'job_events',
  wiki_page: 'wiki_page_events',
  gollum: 'wiki_page_events',
  deployment: 'deployment_events',
  release: 'releases_events',
  releases: 'releases_events',
  milestone: 'milestone_events',
  feature_flag: 'feature_flag_events',
  emoji: 'emoji_events',
};

/** Every GitLab hook flag Mosaic manages, with the event name it reports for it. */
export const FLAG_EVENTS: ReadonlyArray<[flag: string, event: string]> = [
  ['push_events', 'push'],
  ['tag_push_events', 'tag_push'],
  ['issues_events', 'issues'],
  ['confidential_issues_events', 'confidential_issues'],
  ['note_events', 'note'],
  ['confidential_note_events', 'confidential_note'],
  ['merge_requests_events', 'merge_requests'],
  ['pipeline_events', 'pipeline'],
  ['job_events', 'job'],
  ['wiki_page_events', 'wiki_page'],
  ['deployment_events', 'deployment'],
  ['releases_events', 'releases'],
  ['milestone_events', 'milestone'],
  ['feature_flag_events', 'feature_flag'],
  ['emoji_events', 'emoji'],
];

/** Maps a project hook. GitLab never returns the hook's secret token. A `disabled` alert status is inactive. */
export function toWebhook(provider: string, h: GlHook): Webhook {
  return {
    provider,
    raw: h,
    id: str(h.id),
    url: str(h.url),
    events: FLAG_EVENTS.filter(([flag]) => h[flag] === true).map(([, event]) => event),
    active: h.alert_status !== 'disabled',
    contentType: 'json',
  };
}

/** GitLab access levels (10 guest, 15 planner, 20 reporter, 30 developer, 40 maintainer, 50 owner) → unified permission. */
export function fromAccessLevel(level: number | null | undefined): Permission | null {
  if (level == null) return null;
  if (level >= 50) return 'admin';
  if (level >= 40) return 'maintain';
  if (level >= 30) return 'write';
  if (level >= 20) return 'read';
  if (level >= 15) return 'triage';
  return null;
}

/** Unified permission → GitLab access level (`triage` → reporter 20, which can also manage issues). */
export function toAccessLevel(permission: Permission): { level: 20 | 30 | 40 | 50; exact: boolean } {
  switch (permission) {
    case 'read':
      return { level: 20, exact: true };
    case 'triage':
      return { level: 20, exact: false };
    case 'write':
      return { level: 30, exact: true };
    case 'maintain':
      return { level: 40, exact: true };
    case 'admin':
      return { level: 50, exact: true };
  }
}

/** Maps a project member. */
export function toCollaborator(provider: string, m: GlMember): Collaborator {
  return { provider, raw: m, login: str(m.username), id: m.id != null ? String(m.id) : null, permission: fromAccessLevel(m.access_level) };
}

/** Maps an issue (`number` is the `iid`; state `opened` → `open`). */
export function toIssue(provider: string, i: GlIssue): RepositoryIssue {
  return {
    provider,
    raw: i,
    id: str(i.id),
    number: Number(i.iid ?? 0),
    title: str(i.title),
    body: i.description ?? null,
    state: i.state === 'closed' ? 'closed' : 'open',
    labels: list(i.labels).map((l) => (typeof l === 'string' ? l : str(l.name))),
    assignees: list(i.assignees).map((a) => str(a.username)),
    author: toActor(i.author),
    htmlUrl: i.web_url ?? null,
    createdAt: i.created_at ?? null,
    updatedAt: i.updated_at ?? null,
    closedAt: i.closed_at ?? null,
  };
}
