import type {
  Actor,
  Branch,
  BranchProtection,
  Collaborator,
  Commit,
  Comparison,
  MergeResult,
  Permission,
  PullRequest,
  Repository,
  RepositoryIssue,
  Review,
  Tag,
  Webhook,
} from '@mosaic/orchestrator-core';

// Vendor objects are read leniently: every field may be missing or null.
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const str = (v: unknown): string | null => (typeof v === 'string' ? v : v == null ? null : String(v));

export function toActor(u: Obj | null | undefined): Actor | null {
  if (!u || typeof u.login !== 'string') return null;
  return { login: u.login, ...(u.id != null ? { id: String(u.id) } : {}), name: u.name ?? null, email: u.email ?? null, avatarUrl: u.avatar_url ?? null };
}

export function toRepository(provider: string, r: Obj): Repository {
  const isPrivate = Boolean(r.private);
  const visibility = r.visibility === 'public' || r.visibility === 'private' || r.visibility === 'internal' ? r.visibility : isPrivate ? 'private' : 'public';
  const fullName: string = r.full_name ?? `${r.owner?.login ?? ''}/${r.name}`;
  return {
    provider,
    raw: r,
    id: String(r.id),
    owner: r.owner?.login ?? fullName.split('/')[0] ?? '',
    name: r.name,
    fullName,
    description: r.description ?? null,
    private: isPrivate,
    visibility,
    defaultBranch: r.default_branch ?? null,
    htmlUrl: r.html_url ?? null,
    cloneUrl: r.clone_url ?? null,
    sshUrl: r.ssh_url ?? null,
    fork: Boolean(r.fork),
    archived: Boolean(r.archived),
    createdAt: r.created_at ?? null,
    updatedAt: r.updated_at ?? null,
  };
}

export function toBranch(provider: string, b: Obj): Branch {
  return { provider, raw: b, name: b.name, commitSha: b.commit?.sha ?? '', protected: Boolean(b.protected) };
}

const enabled = (v: unknown): boolean | null => (v && typeof v === 'object' && 'enabled' in v ? Boolean((v as Obj).enabled) : typeof v === 'boolean' ? v : null);

export function toBranchProtection(provider: string, branch: string, p: Obj): BranchProtection {
  const checks = p.required_status_checks;
  const reviews = p.required_pull_request_reviews;
  return {
    provider,
    raw: p,
    branch,
    requiredApprovals: reviews ? (reviews.required_approving_review_count ?? 0) : 0,
    requiredStatusChecks: checks ? [...new Set<string>([...(checks.contexts ?? []), ...((checks.checks ?? []) as Obj[]).map((c) => c.context)])] : [],
    strictStatusChecks: checks ? Boolean(checks.strict) : null,
    enforceAdmins: enabled(p.enforce_admins),
    allowForcePushes: enabled(p.allow_force_pushes),
    allowDeletions: enabled(p.allow_deletions),
    requireLinearHistory: enabled(p.required_linear_history),
  };
}

export function toPullRequest(provider: string, p: Obj): PullRequest {
  const merged = Boolean(p.merged) || p.merged_at != null;
  return {
    provider,
    raw: p,
    id: String(p.id),
    number: p.number,
    title: p.title,
    body: p.body ?? null,
    state: merged ? 'merged' : p.state === 'closed' ? 'closed' : 'open',
    draft: Boolean(p.draft),
    head: { ref: p.head?.ref ?? '', sha: p.head?.sha ?? null, repository: p.head?.repo?.full_name ?? null },
    base: { ref: p.base?.ref ?? '', sha: p.base?.sha ?? null, repository: p.base?.repo?.full_name ?? null },
    author: toActor(p.user),
    htmlUrl: p.html_url ?? null,
    mergeable: typeof p.mergeable === 'boolean' ? p.mergeable : null,
    merged,
    mergedAt: p.merged_at ?? null,
    mergeCommitSha: p.merge_commit_sha ?? null,
    createdAt: p.created_at ?? null,
    updatedAt: p.updated_at ?? null,
  };
}

export function toMergeResult(provider: string, m: Obj): MergeResult {
  return { provider, raw: m, merged: Boolean(m.merged), sha: m.sha ?? null, message: m.message ?? null };
}

const REVIEW_STATES: Record<string, Review['state']> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes-requested',
  COMMENTED: 'commented',
  PENDING: 'pending',
  DISMISSED: 'dismissed',
};

export function toReview(provider: string, r: Obj): Review {
  return {
    provider,
    raw: r,
    id: String(r.id),
    state: REVIEW_STATES[String(r.state).toUpperCase()] ?? 'commented',
    body: r.body ?? null,
    author: toActor(r.user),
    submittedAt: r.submitted_at ?? null,
  };
}

const signature = (s: Obj | null | undefined) => (s ? { name: s.name ?? null, email: s.email ?? null, date: s.date ?? null } : null);

/** A commit from the REST commits API (`{sha, commit: {...}, parents}`) or the Git Data API (`{sha, message, author, ...}`). */
export function toCommit(provider: string, c: Obj): Commit {
  const inner: Obj = c.commit ?? c;
  return {
    provider,
    raw: c,
    sha: c.sha,
    message: inner.message ?? '',
    author: signature(inner.author),
    committer: signature(inner.committer),
    parents: ((c.parents ?? []) as Obj[]).map((p) => p.sha).filter((s): s is string => typeof s === 'string'),
    htmlUrl: c.html_url ?? null,
  };
}

export function toComparison(provider: string, base: string, head: string, c: Obj): Comparison {
  const status = ['ahead', 'behind', 'identical', 'diverged'].includes(c.status) ? (c.status as Comparison['status']) : 'diverged';
  return {
    provider,
    raw: c,
    base,
    head,
    status,
    aheadBy: c.ahead_by ?? 0,
    behindBy: c.behind_by ?? 0,
    commits: ((c.commits ?? []) as Obj[]).map((x) => toCommit(provider, x)),
    files: ((c.files ?? []) as Obj[]).map((f) => ({
      filename: f.filename,
      status: f.status,
      additions: f.additions ?? null,
      deletions: f.deletions ?? null,
      previousFilename: f.previous_filename ?? null,
    })),
  };
}

export function toTag(provider: string, name: string, commitSha: string, message: string | null, raw: unknown): Tag {
  return { provider, raw, name, commitSha, message };
}

export function toWebhook(provider: string, h: Obj): Webhook {
  const ct = h.config?.content_type;
  return {
    provider,
    raw: h,
    id: String(h.id),
    url: h.config?.url ?? h.url ?? '',
    events: Array.isArray(h.events) ? h.events : [],
    active: Boolean(h.active),
    contentType: ct === 'json' || ct === 'form' ? ct : null,
  };
}

/** Unified permission → GitHub's `permission` parameter (`pull`, `triage`, `push`, `maintain`, `admin`). */
export const GITHUB_PERMISSION: Record<Permission, string> = { read: 'pull', triage: 'triage', write: 'push', maintain: 'maintain', admin: 'admin' };

/** GitHub's permission / role names → unified. */
export function toPermission(value: unknown): Permission | null {
  switch (value) {
    case 'pull':
    case 'read':
      return 'read';
    case 'triage':
      return 'triage';
    case 'push':
    case 'write':
      return 'write';
    case 'maintain':
      return 'maintain';
    case 'admin':
      return 'admin';
    default:
      return null;
  }
}

export function toCollaborator(provider: string, c: Obj): Collaborator {
  const perms: Obj | undefined = c.permissions;
  const fromFlags = perms
    ? perms.admin
      ? 'admin'
      : perms.maintain
        ? 'maintain'
        : perms.push
          ? 'write'
          : perms.triage
            ? 'triage'
            : perms.pull
              ? 'read'
              : null
    : null;
  return { provider, raw: c, login: c.login, id: c.id != null ? String(c.id) : null, permission: toPermission(c.role_name) ?? fromFlags };
}

export function toIssue(provider: string, i: Obj): RepositoryIssue {
  return {
    provider,
    raw: i,
    id: String(i.id),
    number: i.number,
    title: i.title,
    body: i.body ?? null,
    state: i.state === 'closed' ? 'closed' : 'open',
    labels: ((i.labels ?? []) as Array<Obj | string>).map((l) => (typeof l === 'string' ? l : l?.name)).filter((n): n is string => typeof n === 'string'),
    assignees: ((i.assignees ?? []) as Obj[]).map((a) => a?.login).filter((n): n is string => typeof n === 'string'),
    author: toActor(i.user),
    htmlUrl: i.html_url ?? null,
    createdAt: i.created_at ?? null,
    updatedAt: i.updated_at ?? null,
    closedAt: i.closed_at ?? null,
  };
}

export { str };
