import {
  Branches,
  Commits,
  Groups,
  Issues,
  MergeRequestApprovals,
  MergeRequestNotes,
  MergeRequests,
  Namespaces,
  ProjectHooks,
  ProjectMembers,
  Projects,
  ProtectedBranches,
  Repositories,
  Tags,
  Users,
} from '@gitbeaker/rest';
import {
  InvalidArgumentError,
  collectPages,
  credentialFingerprintOf,
  nextPageFromLink,
  rateLimitFromHeaders,
  resolveToken,
  runHealthCheck,
  RateLimitMeter,
  parseOperationInput,
  type FetchedPage,
  type OperationInput,
  type OperationOutput,
  type ParsedOperationInput,
  ProviderCallError,
  gitOperations,
  registerSecret,
  type Ack,
  type CallOptions,
  type CapabilitiesV1,
  type Comparison,
  type GitProviderV1,
  type HealthCheckResult,
  type OperationName,
  type Page,
  type ProviderInitContext,
  type ProviderMetrics,
  type Warning,
} from '@mosaic/orchestrator-core';
import {
  EVENT_FLAGS,
  FLAG_EVENTS,
  toAccessLevel,
  toActor,
  toBranch,
  toBranchProtection,
  toCollaborator,
  toCommit,
  toIssue,
  toPullRequest,
  toRepository,
  toTag,
  toWebhook,
  type GlBranch,
  type GlCommit,
  type GlHook,
  type GlIssue,
  type GlMember,
  type GlMergeRequest,
  type GlProject,
  type GlProtectedBranch,
  type GlTag,
  type GlUser,
} from './mappers.js';
import { parseSettings, type GitLabProviderSettings, type ResolvedGitLabSettings } from './settings.js';
import { createTransport, type CallContext, type Transport } from './transport.js';
import { VERSION } from './version.js';

type GitOpName = keyof typeof gitOperations;
type In<N extends GitOpName> = OperationInput<N>;
type Out<N extends GitOpName> = OperationOutput<N>;

/** Every git operation (all 36): GitLab's REST v4 serves each of them. */
export const GITLAB_OPERATIONS: readonly OperationName[] = Object.keys(gitOperations) as OperationName[];

/** Input of {@link GitLabProvider.createApprovalRule} (GitLab Premium: project-level MR approval rules). */
export interface GitLabApprovalRuleInput {
  owner: string;
  repo: string;
  /** Rule name. */
  name: string;
  /** Approvals required (0–100). */
  approvalsRequired: number;
  /** Protected branch names the rule applies to (default: all branches). */
  protectedBranches?: string[];
  /** Eligible approvers by username. */
  usernames?: string[];
  /** Eligible approver groups by id. */
  groupIds?: number[];
}

/** A project-level merge request approval rule. */
export interface GitLabApprovalRule {
  provider: string;
  id: string;
  name: string;
  approvalsRequired: number;
  protectedBranches: string[];
  eligibleApprovers: string[];
  raw: unknown;
}

/** gitbeaker resources used (constructed once, sharing the transport). */
interface Api {
  Projects: Projects;
  Namespaces: Namespaces;
  Groups: Groups;
  Users: Users;
  Branches: Branches;
  ProtectedBranches: ProtectedBranches;
  MergeRequests: MergeRequests;
  MergeRequestApprovals: MergeRequestApprovals;
  MergeRequestNotes: MergeRequestNotes;
  Commits: Commits;
  Repositories: Repositories;
  Tags: Tags;
  ProjectHooks: ProjectHooks;
  ProjectMembers: ProjectMembers;
  Issues: Issues;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/**
 * Mosaic git provider for GitLab (REST API v4 through `@gitbeaker/rest` v43). Implements every
 * git operation (36, issues included). Projects are addressed as `owner/repo` paths (URL-encoded,
 * subgroups allowed in `owner`); pull requests are merge requests (`number` = `iid`); reviews are
 * approvals; branch protection uses the protected branches API, and approval rules are a
 * GitLab-only extra ({@link createApprovalRule}, {@link listApprovalRules}).
 *
 * gitbeaker's own retries are off: its default request handler retries 429/502 up to ten times
 * and throttles with `rate-limiter-flexible`, with no option to disable that, so the provider
 * passes its own `requesterFn` (one attempt per request; see `transport.ts`), `queryTimeout: 0`
 * (the caller's `AbortSignal` governs) and `rateLimits: {}`.
 *
 * Errors: `ProviderCallError` family (classified from the HTTP status), `InvalidArgumentError`
 * for invalid input, `ConfigError` for invalid settings. An aborted call rejects with the
 * signal's reason.
 */
export class GitLabProvider implements GitProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly id: string;
  readonly vendor = 'gitlab';
  readonly serviceType = 'git' as const;
  readonly capabilities: CapabilitiesV1;
  /** Package version. */
  readonly version = VERSION;

  private readonly settings: ResolvedGitLabSettings;
  private readonly transport: Transport;
  private apiCache: Api | undefined;
  private readonly meter: RateLimitMeter;
  private lastToken: string | undefined;

  constructor(settings: GitLabProviderSettings = {}) {
    this.settings = parseSettings(settings);
    this.id = this.settings.id;
    this.meter = new RateLimitMeter({ provider: this.id, logger: this.settings.logger, read: (headers) => rateLimitFromHeaders(headers, 'ratelimit-') });
    if (this.settings.token) registerSecret(this.settings.token);
    this.capabilities = {
      operations: GITLAB_OPERATIONS,
      features: { pagination: true, webhooks: true, streaming: false, etag: false, idempotencyKeys: false, credentialRefresh: false },
      details: { vendor: 'gitlab', apiVersion: 'v4', visibilities: ['public', 'private', 'internal'], approvalRules: true, reviews: 'approvals' },
    };
    this.transport = createTransport({
      providerId: this.id,
      origin: new URL(this.settings.baseUrl).origin,
      ...(this.settings.fetch ? { fetch: this.settings.fetch } : {}),
      userAgent: this.settings.userAgent ?? `mosaic-provider-gitlab/${VERSION}`,
      onResponse: (headers) => this.meter.record(headers),
    });
  }

  /** Receives the logger and rate-limit reporter from the core. No network. */
  initialize(context: ProviderInitContext): void {
    this.meter.initialize(context);
  }

  /** Drops the gitbeaker resources. Idempotent. */
  dispose(): void {
    this.apiCache = undefined;
    this.meter.dispose();
  }

  /**
   * `GET /api/v4/version` (needs a valid token), bounded by `healthTimeoutMs`. Never throws:
   * 2xx healthy, 429 degraded, anything else unhealthy with a redacted detail.
   */
  async healthCheck(signal: AbortSignal): Promise<HealthCheckResult> {
    return runHealthCheck({
      signal,
      timeoutMs: this.settings.healthTimeoutMs,
      probe: async (bounded) => {
        const res = await this.run('healthCheck', { signal: bounded }, () => this.api.Projects.requester.get<Record<string, unknown>>('version'));
        const version = (res.body as { version?: string } | null)?.version;
        return `gitlab ${version ?? 'unknown'}`;
      },
    });
  }

  /** Last `RateLimit-*` state seen and the request count. */
  metrics(): ProviderMetrics {
    return this.meter.metrics();
  }

  /** Short sha256 (16 hex chars) of the base URL and token (with `getToken`: the token last read). */
  credentialFingerprint(): string {
    return credentialFingerprintOf(this.settings.baseUrl, this.settings.token ?? this.lastToken ?? '');
  }

  // -------------------------------------------------------------------------------------------
  // Repositories (projects)
  // -------------------------------------------------------------------------------------------

  /**
   * `POST /projects` with `namespace_id` looked up by `GET /namespaces/:id` (the owner's group or
   * user namespace path). `visibility` (`public`, `private`, `internal`) wins over `private`.
   */
  async createRepository(input: In<'git.createRepository'>, options: CallOptions = {}): Promise<Out<'git.createRepository'>> {
    const i = this.parse('git.createRepository', input);
    return this.run('git.createRepository', options, async () => {
      const ns = (await this.api.Namespaces.show(i.owner)) as { id?: number };
      const body: Loose = {
        name: i.name,
        path: i.name,
        namespaceId: ns.id,
        visibility: i.visibility ?? (i.private ? 'private' : 'public'),
        initializeWithReadme: i.autoInit,
        ...(i.description !== undefined ? { description: i.description } : {}),
        ...(i.defaultBranch !== undefined ? { defaultBranch: i.defaultBranch } : {}),
      };
      return toRepository(this.id, (await this.api.Projects.create(body)) as GlProject);
    });
  }

  /** `GET /projects/:id`. */
  async getRepository(input: In<'git.getRepository'>, options: CallOptions = {}): Promise<Out<'git.getRepository'>> {
    const i = this.parse('git.getRepository', input);
    return this.run('git.getRepository', options, async () => toRepository(this.id, (await this.api.Projects.show(pid(i))) as GlProject));
  }

  /**
   * `PUT /projects/:id` (name and path, description, visibility, default branch) and
   * `POST /projects/:id/archive` or `/unarchive` for `archived`.
   */
  async updateRepository(input: In<'git.updateRepository'>, options: CallOptions = {}): Promise<Out<'git.updateRepository'>> {
    const i = this.parse('git.updateRepository', input);
    const p = i.patch;
    return this.run('git.updateRepository', options, async () => {
      let project: GlProject | undefined;
      const edit: Loose = {
        ...(p.name !== undefined ? { name: p.name, path: p.name } : {}),
        ...(p.description !== undefined ? { description: p.description } : {}),
        ...(p.private !== undefined ? { visibility: p.private ? 'private' : 'public' } : {}),
        ...(p.defaultBranch !== undefined ? { defaultBranch: p.defaultBranch } : {}),
      };
      if (Object.keys(edit).length) project = (await this.api.Projects.edit(pid(i), edit)) as GlProject;
      if (p.archived !== undefined) {
        const id = project?.id ?? pid(i);
        project = (await (p.archived ? this.api.Projects.archive(id) : this.api.Projects.unarchive(id))) as GlProject;
      }
      return toRepository(this.id, project ?? {});
    });
  }

  /** `DELETE /projects/:id` (GitLab may schedule the deletion; 202 counts as done). */
  async deleteRepository(input: In<'git.deleteRepository'>, options: CallOptions = {}): Promise<Ack> {
    const i = this.parse('git.deleteRepository', input);
    return this.run('git.deleteRepository', options, async () => {
      await this.api.Projects.remove(pid(i));
      return { provider: this.id, ok: true, id: pid(i) };
    });
  }

  /** `GET /groups/:id/projects` or `GET /users/:user_id/projects`, paged (`page`/`per_page`). */
  async listRepositories(input: In<'git.listRepositories'>, options: CallOptions = {}): Promise<Out<'git.listRepositories'>> {
    const i = this.parse('git.listRepositories', input);
    return this.list<GlProject, Out<'git.listRepositories'>['items'][number]>('git.listRepositories', options, i, (page, perPage) =>
      i.ownerType === 'user'
        ? this.api.Users.allProjects(i.owner, { page, perPage } as Loose)
        : this.api.Groups.allProjects(i.owner, { page, perPage } as Loose),
      (p) => toRepository(this.id, p),
      (p) => String(p.id),
    );
  }

  /** `POST /projects/:id/fork` (`namespace_path`, `name`, `path`). */
  async forkRepository(input: In<'git.forkRepository'>, options: CallOptions = {}): Promise<Out<'git.forkRepository'>> {
    const i = this.parse('git.forkRepository', input);
    const body: Loose = {
      ...(i.targetOwner !== undefined ? { namespacePath: i.targetOwner } : {}),
      ...(i.name !== undefined ? { name: i.name, path: i.name } : {}),
    };
    return this.run('git.forkRepository', options, async () => toRepository(this.id, (await this.api.Projects.fork(pid(i), body)) as GlProject));
  }

  // -------------------------------------------------------------------------------------------
  // Branches
  // -------------------------------------------------------------------------------------------

  /** `POST /projects/:id/repository/branches` (`branch`, `ref`). */
  async createBranch(input: In<'git.createBranch'>, options: CallOptions = {}): Promise<Out<'git.createBranch'>> {
    const i = this.parse('git.createBranch', input);
    return this.run('git.createBranch', options, async () => toBranch(this.id, (await this.api.Branches.create(pid(i), i.branch, i.from)) as GlBranch));
  }

  /** `GET /projects/:id/repository/branches/:branch`. */
  async getBranch(input: In<'git.getBranch'>, options: CallOptions = {}): Promise<Out<'git.getBranch'>> {
    const i = this.parse('git.getBranch', input);
    return this.run('git.getBranch', options, async () => toBranch(this.id, (await this.api.Branches.show(pid(i), i.branch)) as GlBranch));
  }

  /** `DELETE /projects/:id/repository/branches/:branch`. */
  async deleteBranch(input: In<'git.deleteBranch'>, options: CallOptions = {}): Promise<Ack> {
    const i = this.parse('git.deleteBranch', input);
    return this.run('git.deleteBranch', options, async () => {
      await this.api.Branches.remove(pid(i), i.branch);
      return { provider: this.id, ok: true, id: i.branch };
    });
  }

  /** `GET /projects/:id/repository/branches`, paged. */
  async listBranches(input: In<'git.listBranches'>, options: CallOptions = {}): Promise<Out<'git.listBranches'>> {
    const i = this.parse('git.listBranches', input);
    return this.list<GlBranch, Out<'git.listBranches'>['items'][number]>(
      'git.listBranches',
      options,
      i,
      (page, perPage) => this.api.Branches.all(pid(i), { page, perPage } as Loose),
      (b) => toBranch(this.id, b),
      (b) => String(b.name),
    );
  }

  /**
   * Protects a branch: `POST /projects/:id/protected_branches` (push and merge: maintainers;
   * `allow_force_push`), and when it is already protected (409) `PATCH
   * /projects/:id/protected_branches/:name`. Required approvals, status checks, admin
   * enforcement and linear history are not part of GitLab's protected branches: they come back
   * as `unsupported` warnings (approvals: see {@link createApprovalRule}, GitLab Premium).
   */
  async protectBranch(input: In<'git.protectBranch'>, options: CallOptions = {}): Promise<Out<'git.protectBranch'>> {
    const i = this.parse('git.protectBranch', input);
    const r = i.rules;
    const warnings: Warning[] = [];
    if (r.requiredApprovals !== undefined && r.requiredApprovals > 0) warnings.push({ type: 'unsupported', feature: 'requiredApprovals', message: 'use createApprovalRule (GitLab Premium)' });
    if (r.requiredStatusChecks?.length) warnings.push({ type: 'unsupported', feature: 'requiredStatusChecks' });
    if (r.strictStatusChecks !== undefined) warnings.push({ type: 'unsupported', feature: 'strictStatusChecks' });
    if (r.enforceAdmins !== undefined) warnings.push({ type: 'unsupported', feature: 'enforceAdmins' });
    if (r.allowDeletions === true) warnings.push({ type: 'unsupported', feature: 'allowDeletions' });
    if (r.requireLinearHistory === true) warnings.push({ type: 'unsupported', feature: 'requireLinearHistory' });
    return this.run('git.protectBranch', options, async () => {
      let protectedBranch: GlProtectedBranch;
      try {
        protectedBranch = await this.post<GlProtectedBranch>(this.api.ProtectedBranches, `projects/${enc(pid(i))}/protected_branches`, {
          name: i.branch,
          push_access_level: 40,
          merge_access_level: 40,
          ...(r.allowForcePushes !== undefined ? { allow_force_push: r.allowForcePushes } : {}),
        });
      } catch (error) {
        if (!(ProviderCallError.isInstance(error) && error.status === 409)) throw error;
        protectedBranch = (await this.api.ProtectedBranches.edit(pid(i), i.branch, {
          ...(r.allowForcePushes !== undefined ? { allowForcePush: r.allowForcePushes } : {}),
        } as Loose)) as GlProtectedBranch;
      }
      const result = toBranchProtection(this.id, i.branch, protectedBranch);
      return warnings.length ? { ...result, warnings } : result;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Merge requests
  // -------------------------------------------------------------------------------------------

  /** `POST /projects/:id/merge_requests`; a draft gets GitLab's `Draft: ` title prefix. `owner:branch` heads use the branch part. */
  async createPullRequest(input: In<'git.createPullRequest'>, options: CallOptions = {}): Promise<Out<'git.createPullRequest'>> {
    const i = this.parse('git.createPullRequest', input);
    const title = i.draft && !/^(draft:|\[draft\]|\(draft\))/i.test(i.title) ? `Draft: ${i.title}` : i.title;
    const source = branchOf(i.head);
    return this.run('git.createPullRequest', options, async () =>
      toPullRequest(this.id, (await this.api.MergeRequests.create(pid(i), source, i.base, title, (i.body !== undefined ? { description: i.body } : {}) as Loose)) as GlMergeRequest),
    );
  }

  /** `GET /projects/:id/merge_requests/:merge_request_iid`. */
  async getPullRequest(input: In<'git.getPullRequest'>, options: CallOptions = {}): Promise<Out<'git.getPullRequest'>> {
    const i = this.parse('git.getPullRequest', input);
    return this.run('git.getPullRequest', options, async () => toPullRequest(this.id, (await this.api.MergeRequests.show(pid(i), i.number)) as GlMergeRequest));
  }

  /** `PUT /projects/:id/merge_requests/:merge_request_iid` (`state_event` close/reopen, `target_branch`). */
  async updatePullRequest(input: In<'git.updatePullRequest'>, options: CallOptions = {}): Promise<Out<'git.updatePullRequest'>> {
    const i = this.parse('git.updatePullRequest', input);
    const p = i.patch;
    const body: Loose = {
      ...(p.title !== undefined ? { title: p.title } : {}),
      ...(p.body !== undefined ? { description: p.body } : {}),
      ...(p.state !== undefined ? { stateEvent: p.state === 'closed' ? 'close' : 'reopen' } : {}),
      ...(p.base !== undefined ? { targetBranch: p.base } : {}),
    };
    return this.run('git.updatePullRequest', options, async () => toPullRequest(this.id, (await this.api.MergeRequests.edit(pid(i), i.number, body)) as GlMergeRequest));
  }

  /**
   * `PUT /projects/:id/merge_requests/:merge_request_iid/merge`. `squash` squashes (message in
   * `squash_commit_message`); `rebase` is not a per-merge option in GitLab (the project's merge
   * method decides): it merges and warns. `sha` guards against a moved head.
   */
  async mergePullRequest(input: In<'git.mergePullRequest'>, options: CallOptions = {}): Promise<Out<'git.mergePullRequest'>> {
    const i = this.parse('git.mergePullRequest', input);
    const message = i.commitTitle !== undefined || i.commitMessage !== undefined ? [i.commitTitle, i.commitMessage].filter((v) => v !== undefined).join('\n\n') : undefined;
    const warnings: Warning[] = i.method === 'rebase' ? [{ type: 'unsupported', feature: 'method:rebase', message: "merged with the project's merge method" }] : [];
    const body: Loose = {
      ...(i.method === 'squash' ? { squash: true, ...(message !== undefined ? { squashCommitMessage: message } : {}) } : message !== undefined ? { mergeCommitMessage: message } : {}),
      ...(i.sha !== undefined ? { sha: i.sha } : {}),
    };
    return this.run('git.mergePullRequest', options, async () => {
      const mr = (await this.api.MergeRequests.merge(pid(i), i.number, body)) as GlMergeRequest;
      const result = { provider: this.id, raw: mr, merged: mr.state === 'merged', sha: mr.merge_commit_sha ?? mr.squash_commit_sha ?? null, message: null };
      return warnings.length ? { ...result, warnings } : result;
    });
  }

  /**
   * `GET /projects/:id/merge_requests?state=&target_branch=&source_branch=`, paged. GitLab's
   * `closed` excludes merged requests while the unified `closed` includes them, so `closed`
   * lists `all` and keeps closed and merged ones.
   */
  async listPullRequests(input: In<'git.listPullRequests'>, options: CallOptions = {}): Promise<Out<'git.listPullRequests'>> {
    const i = this.parse('git.listPullRequests', input);
    const query: Loose = {
      projectId: pid(i),
      state: i.state === 'open' ? 'opened' : 'all',
      ...(i.base !== undefined ? { targetBranch: i.base } : {}),
      ...(i.head !== undefined ? { sourceBranch: branchOf(i.head) } : {}),
    };
    return this.list<GlMergeRequest, Out<'git.listPullRequests'>['items'][number]>(
      'git.listPullRequests',
      options,
      i,
      (page, perPage) => this.api.MergeRequests.all({ ...query, page, perPage }),
      (mr) => (i.state === 'closed' && mr.state !== 'closed' && mr.state !== 'merged' ? undefined : toPullRequest(this.id, mr)),
      (mr) => String(mr.id),
      i.state === 'closed',
    );
  }

  /**
   * Reviews are approvals: `approve` → `POST .../approve`; `comment` → a merge request note
   * (`POST .../notes`); `request-changes` → `POST .../unapprove` (a 404 “not approved” is
   * fine) plus a note with the body, with a `partial` warning: GitLab REST v4 has no
   * changes-requested review state. A body given with `approve` is added as a note.
   * @throws InvalidArgumentError for a `comment` without a body
   */
  async reviewPullRequest(input: In<'git.reviewPullRequest'>, options: CallOptions = {}): Promise<Out<'git.reviewPullRequest'>> {
    const i = this.parse('git.reviewPullRequest', input);
    if (i.event === 'comment' && !i.body) throw new InvalidArgumentError({ argument: 'git.reviewPullRequest', issues: [{ path: 'body', message: 'a comment needs a body' }] });
    return this.run('git.reviewPullRequest', options, async () => {
      const note = async () => (i.body ? ((await this.api.MergeRequestNotes.create(pid(i), i.number, i.body)) as { id?: number; body?: string; author?: GlUser; created_at?: string }) : undefined);
      if (i.event === 'approve') {
        const approval = await this.api.MergeRequestApprovals.approve(pid(i), i.number);
        const n = await note();
        // The approval state lists every approver, not which one is the token's user: no author.
        return { provider: this.id, raw: { approval, note: n }, id: `${i.number}:approval`, state: 'approved' as const, body: i.body ?? null, author: null, submittedAt: n?.created_at ?? null };
      }
      const warnings: Warning[] = [];
      if (i.event === 'request-changes') {
        try {
          await this.api.MergeRequestApprovals.unapprove(pid(i), i.number);
        } catch (error) {
          if (!(ProviderCallError.isInstance(error) && error.status === 404)) throw error;
        }
        warnings.push({ type: 'partial', feature: 'request-changes', message: 'GitLab has no changes-requested state: approval removed and a note added' });
      }
      const n = await note();
      const state = i.event === 'request-changes' ? ('changes-requested' as const) : ('commented' as const);
      const review = { provider: this.id, raw: n ?? null, id: n?.id != null ? String(n.id) : `${i.number}:unapproved`, state, body: n?.body ?? i.body ?? null, author: toActor(n?.author ?? null), submittedAt: n?.created_at ?? null };
      return warnings.length ? { ...review, warnings } : review;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Commits
  // -------------------------------------------------------------------------------------------

  /** `GET /projects/:id/repository/commits/:sha` (sha, branch or tag). */
  async getCommit(input: In<'git.getCommit'>, options: CallOptions = {}): Promise<Out<'git.getCommit'>> {
    const i = this.parse('git.getCommit', input);
    return this.run('git.getCommit', options, async () => toCommit(this.id, (await this.api.Commits.show(pid(i), i.ref)) as GlCommit));
  }

  /** `GET /projects/:id/repository/commits?ref_name=&path=&since=&until=`, paged. */
  async listCommits(input: In<'git.listCommits'>, options: CallOptions = {}): Promise<Out<'git.listCommits'>> {
    const i = this.parse('git.listCommits', input);
    const query: Loose = {
      ...(i.ref !== undefined ? { refName: i.ref } : {}),
      ...(i.path !== undefined ? { path: i.path } : {}),
      ...(i.since !== undefined ? { since: i.since } : {}),
      ...(i.until !== undefined ? { until: i.until } : {}),
    };
    return this.list<GlCommit, Out<'git.listCommits'>['items'][number]>(
      'git.listCommits',
      options,
      i,
      (page, perPage) => this.api.Commits.all(pid(i), { ...query, page, perPage }),
      (c) => toCommit(this.id, c),
      (c) => String(c.id),
    );
  }

  /**
   * `POST /projects/:id/repository/commits` with `actions` (create/update/delete; `text` or
   * `base64` encoding). The unified `sha` (a blob sha) has no GitLab counterpart and is not sent.
   * @throws InvalidArgumentError when a create/update has no content
   */
  async createCommit(input: In<'git.createCommit'>, options: CallOptions = {}): Promise<Out<'git.createCommit'>> {
    const i = this.parse('git.createCommit', input);
    const actions = i.files.map((f, index) => {
      if (f.action !== 'delete' && f.content === undefined) {
        throw new InvalidArgumentError({ argument: 'git.createCommit', issues: [{ path: `files[${index}].content`, message: `content is required to ${f.action} a file` }] });
      }
      return { action: f.action, filePath: f.path, ...(f.content !== undefined ? { content: f.content, encoding: f.encoding === 'base64' ? 'base64' : 'text' } : {}) };
    });
    const extra: Loose = i.author ? { authorName: i.author.name, authorEmail: i.author.email } : {};
    return this.run('git.createCommit', options, async () => toCommit(this.id, (await this.api.Commits.create(pid(i), i.branch, i.message, actions as Loose, extra)) as GlCommit));
  }

  /**
   * `GET /projects/:id/repository/compare?from=base&to=head` (commits ahead, diffs) and the
   * reverse comparison (commits behind).
   */
  async compareCommits(input: In<'git.compareCommits'>, options: CallOptions = {}): Promise<Out<'git.compareCommits'>> {
    const i = this.parse('git.compareCommits', input);
    type GlCompare = { commits?: GlCommit[] | null; diffs?: Array<{ old_path?: string; new_path?: string; new_file?: boolean; renamed_file?: boolean; deleted_file?: boolean }> | null };
    return this.run('git.compareCommits', options, async () => {
      const ahead = (await this.api.Repositories.compare(pid(i), i.base, i.head)) as GlCompare;
      const behind = (await this.api.Repositories.compare(pid(i), i.head, i.base)) as GlCompare;
      const commits = (ahead.commits ?? []).map((c) => toCommit(this.id, c));
      const aheadBy = commits.length;
      const behindBy = (behind.commits ?? []).length;
      const files = (ahead.diffs ?? []).map((d) => ({
        filename: String(d.new_path ?? d.old_path ?? ''),
        status: d.new_file ? 'added' : d.deleted_file ? 'removed' : d.renamed_file ? 'renamed' : 'modified',
        ...(d.renamed_file && d.old_path ? { previousFilename: d.old_path } : {}),
      }));
      const status: Comparison['status'] = aheadBy > 0 && behindBy > 0 ? 'diverged' : aheadBy > 0 ? 'ahead' : behindBy > 0 ? 'behind' : 'identical';
      return { provider: this.id, raw: { ahead, behind }, base: i.base, head: i.head, status, aheadBy, behindBy, commits, files };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Tags
  // -------------------------------------------------------------------------------------------

  /** `POST /projects/:id/repository/tags` (`tag_name`, `ref`, `message` → annotated). */
  async createTag(input: In<'git.createTag'>, options: CallOptions = {}): Promise<Out<'git.createTag'>> {
    const i = this.parse('git.createTag', input);
    return this.run('git.createTag', options, async () =>
      toTag(this.id, (await this.post<GlTag>(this.api.Tags, `projects/${enc(pid(i))}/repository/tags`, { tag_name: i.tag, ref: i.target, ...(i.message !== undefined ? { message: i.message } : {}) }))),
    );
  }

  /** `GET /projects/:id/repository/tags/:tag_name`. */
  async getTag(input: In<'git.getTag'>, options: CallOptions = {}): Promise<Out<'git.getTag'>> {
    const i = this.parse('git.getTag', input);
    return this.run('git.getTag', options, async () => toTag(this.id, (await this.api.Tags.show(pid(i), i.tag)) as GlTag));
  }

  /** `DELETE /projects/:id/repository/tags/:tag_name`. */
  async deleteTag(input: In<'git.deleteTag'>, options: CallOptions = {}): Promise<Ack> {
    const i = this.parse('git.deleteTag', input);
    return this.run('git.deleteTag', options, async () => {
      await this.api.Tags.remove(pid(i), i.tag);
      return { provider: this.id, ok: true, id: i.tag };
    });
  }

  /** `GET /projects/:id/repository/tags`, paged. */
  async listTags(input: In<'git.listTags'>, options: CallOptions = {}): Promise<Out<'git.listTags'>> {
    const i = this.parse('git.listTags', input);
    return this.list<GlTag, Out<'git.listTags'>['items'][number]>(
      'git.listTags',
      options,
      i,
      (page, perPage) => this.api.Tags.all(pid(i), { page, perPage } as Loose),
      (t) => toTag(this.id, t),
      (t) => String(t.name),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Webhooks
  // -------------------------------------------------------------------------------------------

  /**
   * `POST /projects/:id/hooks`: every managed `*_events` flag is sent (true for the requested
   * events, false otherwise: GitLab turns push events on by default); the secret is the hook's
   * `token`. GitLab always posts JSON and has no inactive state at creation: `contentType: form`,
   * `active: false` and unknown event names come back as `unsupported` warnings.
   */
  async createWebhook(input: In<'git.createWebhook'>, options: CallOptions = {}): Promise<Out<'git.createWebhook'>> {
    const i = this.parse('git.createWebhook', input);
    if (i.secret) registerSecret(i.secret);
    const warnings: Warning[] = [];
    const flags = eventFlags(i.events, warnings);
    if (i.contentType === 'form') warnings.push({ type: 'unsupported', feature: 'contentType:form' });
    if (!i.active) warnings.push({ type: 'unsupported', feature: 'active:false' });
    const body: Loose = { ...flags, ...(i.secret !== undefined ? { token: i.secret } : {}) };
    return this.run('git.createWebhook', options, async () => {
      const hook = toWebhook(this.id, (await this.api.ProjectHooks.add(pid(i), i.url, body)) as GlHook);
      return warnings.length ? { ...hook, warnings } : hook;
    });
  }

  /** `PUT /projects/:id/hooks/:hook_id` (url, event flags, token). `active` and `contentType: form` are unsupported (warnings). */
  async updateWebhook(input: In<'git.updateWebhook'>, options: CallOptions = {}): Promise<Out<'git.updateWebhook'>> {
    const i = this.parse('git.updateWebhook', input);
    const p = i.patch;
    if (p.secret) registerSecret(p.secret);
    const warnings: Warning[] = [];
    const flags = p.events ? eventFlags(p.events, warnings) : {};
    if (p.contentType === 'form') warnings.push({ type: 'unsupported', feature: 'contentType:form' });
    if (p.active !== undefined) warnings.push({ type: 'unsupported', feature: 'active' });
    const hookId = Number(i.id);
    if (!Number.isInteger(hookId)) throw new InvalidArgumentError({ argument: 'git.updateWebhook', issues: [{ path: 'id', message: 'GitLab hook ids are integers' }] });
    const body: Loose = { ...flags, ...(p.secret !== undefined ? { token: p.secret } : {}) };
    return this.run('git.updateWebhook', options, async () => {
      const hook = toWebhook(this.id, (await this.api.ProjectHooks.edit(pid(i), hookId, p.url as string, body)) as GlHook);
      return warnings.length ? { ...hook, warnings } : hook;
    });
  }

  /** `DELETE /projects/:id/hooks/:hook_id`. */
  async deleteWebhook(input: In<'git.deleteWebhook'>, options: CallOptions = {}): Promise<Ack> {
    const i = this.parse('git.deleteWebhook', input);
    const hookId = Number(i.id);
    if (!Number.isInteger(hookId)) throw new InvalidArgumentError({ argument: 'git.deleteWebhook', issues: [{ path: 'id', message: 'GitLab hook ids are integers' }] });
    return this.run('git.deleteWebhook', options, async () => {
      await this.api.ProjectHooks.remove(pid(i), hookId);
      return { provider: this.id, ok: true, id: i.id };
    });
  }

  /** `GET /projects/:id/hooks`, paged. */
  async listWebhooks(input: In<'git.listWebhooks'>, options: CallOptions = {}): Promise<Out<'git.listWebhooks'>> {
    const i = this.parse('git.listWebhooks', input);
    return this.list<GlHook, Out<'git.listWebhooks'>['items'][number]>(
      'git.listWebhooks',
      options,
      i,
      (page, perPage) => this.api.ProjectHooks.all(pid(i), { page, perPage } as Loose),
      (h) => toWebhook(this.id, h),
      (h) => String(h.id),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Collaborators (project members)
  // -------------------------------------------------------------------------------------------

  /**
   * `POST /projects/:id/members` (`username`, `access_level`: read 20, triage 20 with a warning,
   * write 30, maintain 40, admin 50); an existing member (409) gets its level changed with
   * `PUT /projects/:id/members/:user_id`. GitLab adds members directly (no invitation).
   */
  async addCollaborator(input: In<'git.addCollaborator'>, options: CallOptions = {}): Promise<Out<'git.addCollaborator'>> {
    const i = this.parse('git.addCollaborator', input);
    const { level, exact } = toAccessLevel(i.permission);
    const warnings: Warning[] = exact ? [] : [{ type: 'unsupported', feature: `permission:${i.permission}`, message: 'granted reporter (20)' }];
    return this.run('git.addCollaborator', options, async () => {
      let member: GlMember;
      try {
        member = (await this.api.ProjectMembers.add(pid(i), level as Loose, { username: i.username } as Loose)) as GlMember;
      } catch (error) {
        if (!(ProviderCallError.isInstance(error) && error.status === 409)) throw error;
        const existing = await this.findMember('git.addCollaborator', pid(i), i.username);
        member = (await this.api.ProjectMembers.edit(pid(i), Number(existing.id), level as Loose)) as GlMember;
      }
      const collaborator = toCollaborator(this.id, member);
      const result = { provider: this.id, raw: member, login: collaborator.login || i.username, invited: false, permission: collaborator.permission ?? i.permission };
      return warnings.length ? { ...result, warnings } : result;
    });
  }

  /** Looks the member's id up (`GET /projects/:id/members/all?query=`) and `DELETE /projects/:id/members/:user_id`. */
  async removeCollaborator(input: In<'git.removeCollaborator'>, options: CallOptions = {}): Promise<Ack> {
    const i = this.parse('git.removeCollaborator', input);
    return this.run('git.removeCollaborator', options, async () => {
      const member = await this.findMember('git.removeCollaborator', pid(i), i.username);
      await this.api.ProjectMembers.remove(pid(i), Number(member.id));
      return { provider: this.id, ok: true, id: i.username };
    });
  }

  /** `GET /projects/:id/members/all` (direct and inherited members), paged. */
  async listCollaborators(input: In<'git.listCollaborators'>, options: CallOptions = {}): Promise<Out<'git.listCollaborators'>> {
    const i = this.parse('git.listCollaborators', input);
    return this.list<GlMember, Out<'git.listCollaborators'>['items'][number]>(
      'git.listCollaborators',
      options,
      i,
      (page, perPage) => this.api.ProjectMembers.all(pid(i), { includeInherited: true, page, perPage } as Loose),
      (m) => toCollaborator(this.id, m),
      (m) => String(m.id),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Issues
  // -------------------------------------------------------------------------------------------

  /** `POST /projects/:id/issues` (labels by name; assignee usernames resolved to ids among project members). */
  async createIssue(input: In<'git.createIssue'>, options: CallOptions = {}): Promise<Out<'git.createIssue'>> {
    const i = this.parse('git.createIssue', input);
    return this.run('git.createIssue', options, async () => {
      const warnings: Warning[] = [];
      const assigneeIds = i.assignees?.length ? await this.userIds('git.createIssue', pid(i), i.assignees, warnings) : undefined;
      const body: Loose = {
        ...(i.body !== undefined ? { description: i.body } : {}),
        ...(i.labels !== undefined ? { labels: i.labels } : {}),
        ...(assigneeIds !== undefined ? { assigneeIds } : {}),
      };
      const issue = toIssue(this.id, (await this.api.Issues.create(pid(i), i.title, body)) as GlIssue);
      return warnings.length ? { ...issue, warnings } : issue;
    });
  }

  /** `PUT /projects/:id/issues/:issue_iid` (`state_event`, `labels` replace the set, `assignee_ids`). */
  async updateIssue(input: In<'git.updateIssue'>, options: CallOptions = {}): Promise<Out<'git.updateIssue'>> {
    const i = this.parse('git.updateIssue', input);
    const p = i.patch;
    return this.run('git.updateIssue', options, async () => {
      const warnings: Warning[] = [];
      const assigneeIds = p.assignees !== undefined ? await this.userIds('git.updateIssue', pid(i), p.assignees, warnings) : undefined;
      const body: Loose = {
        ...(p.title !== undefined ? { title: p.title } : {}),
        ...(p.body !== undefined ? { description: p.body } : {}),
        ...(p.state !== undefined ? { stateEvent: p.state === 'closed' ? 'close' : 'reopen' } : {}),
        ...(p.labels !== undefined ? { labels: p.labels } : {}),
        ...(assigneeIds !== undefined ? { assigneeIds } : {}),
      };
      const issue = toIssue(this.id, (await this.api.Issues.edit(pid(i), i.number, body)) as GlIssue);
      return warnings.length ? { ...issue, warnings } : issue;
    });
  }

  /** `PUT /projects/:id/issues/:issue_iid` with `state_event: close`. */
  async closeIssue(input: In<'git.closeIssue'>, options: CallOptions = {}): Promise<Out<'git.closeIssue'>> {
    const i = this.parse('git.closeIssue', input);
    return this.run('git.closeIssue', options, async () => toIssue(this.id, (await this.api.Issues.edit(pid(i), i.number, { stateEvent: 'close' } as Loose)) as GlIssue));
  }

  /** `GET /projects/:id/issues?state=opened|closed|all&labels=a,b`, paged. */
  async listIssues(input: In<'git.listIssues'>, options: CallOptions = {}): Promise<Out<'git.listIssues'>> {
    const i = this.parse('git.listIssues', input);
    const query: Loose = { projectId: pid(i), state: i.state === 'open' ? 'opened' : i.state, ...(i.labels?.length ? { labels: i.labels.join(',') } : {}) };
    return this.list<GlIssue, Out<'git.listIssues'>['items'][number]>(
      'git.listIssues',
      options,
      i,
      (page, perPage) => this.api.Issues.all({ ...query, page, perPage }),
      (issue) => toIssue(this.id, issue),
      (issue) => String(issue.id),
    );
  }

  // -------------------------------------------------------------------------------------------
  // GitLab-only extras
  // -------------------------------------------------------------------------------------------

  /**
   * Creates a project-level merge request approval rule (GitLab Premium):
   * `POST /projects/:id/approval_rules` (`name`, `approvals_required`, `protected_branch_ids`
   * looked up with `GET /projects/:id/protected_branches/:name`, `usernames`, `group_ids`).
   * Docs: https://docs.gitlab.com/api/merge_request_approvals/#create-project-level-rule
   */
  async createApprovalRule(input: GitLabApprovalRuleInput, options: CallOptions = {}): Promise<GitLabApprovalRule> {
    const project = `${input.owner}/${input.repo}`;
    return this.run('gitlab.createApprovalRule', options, async () => {
      const protectedBranchIds: number[] = [];
      for (const name of input.protectedBranches ?? []) {
        const pb = (await this.api.ProtectedBranches.show(project, name)) as GlProtectedBranch;
        if (pb.id != null) protectedBranchIds.push(pb.id);
      }
      const body: Loose = {
        ...(protectedBranchIds.length ? { protectedBranchIds } : {}),
        ...(input.usernames?.length ? { usernames: input.usernames } : {}),
        ...(input.groupIds?.length ? { groupIds: input.groupIds } : {}),
      };
      return toApprovalRule(this.id, await this.api.MergeRequestApprovals.createApprovalRule(project, input.name, input.approvalsRequired, body));
    });
  }

  /** Lists project-level approval rules: `GET /projects/:id/approval_rules` (GitLab Premium). */
  async listApprovalRules(input: { owner: string; repo: string }, options: CallOptions = {}): Promise<GitLabApprovalRule[]> {
    const project = `${input.owner}/${input.repo}`;
    return this.run('gitlab.listApprovalRules', options, async () => {
      const rules = (await this.api.MergeRequestApprovals.allApprovalRules(project)) as unknown[];
      return rules.map((r) => toApprovalRule(this.id, r));
    });
  }

  // -------------------------------------------------------------------------------------------
  // Internals
  // -------------------------------------------------------------------------------------------

  private get api(): Api {
    if (this.apiCache) return this.apiCache;
    const auth = this.settings.tokenType === 'oauth' ? { oauthToken: () => this.readToken() } : { token: () => this.readToken() };
    const opts: Loose = {
      host: this.settings.baseUrl.replace(/\/+$/, ''),
      ...auth,
      requesterFn: this.transport.requesterFn,
      queryTimeout: 0,
      rateLimits: {},
      camelize: false,
    };
    this.apiCache = {
      Projects: new Projects(opts),
      Namespaces: new Namespaces(opts),
      Groups: new Groups(opts),
      Users: new Users(opts),
      Branches: new Branches(opts),
      ProtectedBranches: new ProtectedBranches(opts),
      MergeRequests: new MergeRequests(opts),
      MergeRequestApprovals: new MergeRequestApprovals(opts),
      MergeRequestNotes: new MergeRequestNotes(opts),
      Commits: new Commits(opts),
      Repositories: new Repositories(opts),
      Tags: new Tags(opts),
      ProjectHooks: new ProjectHooks(opts),
      ProjectMembers: new ProjectMembers(opts),
      Issues: new Issues(opts),
    };
    return this.apiCache;
  }

  private async readToken(): Promise<string> {
    const token = await resolveToken({ provider: this.id, token: this.settings.token, getToken: this.settings.getToken });
    this.lastToken = token;
    return token;
  }

  /**
   * POST with a JSON body through gitbeaker's requester. gitbeaker's `Tags.create` and
   * `ProtectedBranches.protect` send their parameters in the query string; GitLab's spec
   * declares them as a body, which GitLab also accepts, so that is what is sent.
   */
  private async post<T>(resource: { requester: { post<R>(endpoint: string, options?: Record<string, unknown>): Promise<{ body: unknown }> } }, endpoint: string, body: Record<string, unknown>): Promise<T> {
    const res = await resource.requester.post(endpoint, { body });
    return res.body as T;
  }

  private parse<N extends GitOpName>(name: N, input: unknown): ParsedOperationInput<N> {
    return parseOperationInput(name, input);
  }

  /** Runs gitbeaker calls with the call's operation and signal in context; rejects at once when already aborted. */
  private run<T>(operation: string, options: CallOptions, fn: () => Promise<T>): Promise<T> {
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    const ctx: CallContext = { operation, signal: options.signal };
    return this.transport.context.run(ctx, fn);
  }

  private list<V, T>(
    operation: GitOpName,
    options: CallOptions,
    input: { cursor?: string | undefined; limit?: number | undefined },
    fetchPage: (page: number, perPage: number) => Promise<unknown>,
    map: (item: V) => T | undefined,
    key: (item: V) => string,
    filtered = false,
  ): Promise<Page<T>> {
    return this.run(operation, options, () =>
      collectPages<V, T>({
        provider: this.id,
        operation,
        cursor: input.cursor,
        limit: input.limit,
        pageSize: this.settings.pageSize,
        maxPages: this.settings.maxPages,
        map,
        key,
        filtered,
        fetchPage: async (page, perPage): Promise<FetchedPage<V>> => {
          const data = await fetchPage(page, perPage);
          const headers = this.transport.context.getStore()?.lastHeaders;
          if (!Array.isArray(data)) {
            throw new ProviderCallError({ provider: this.id, operation, category: 'unknown', isRetryable: false, message: `${this.id} ${operation}: expected a JSON array` });
          }
          return { items: data as V[], ...paginationFromHeaders(headers) };
        },
      }),
    );
  }

  private async findMember(operation: string, project: string, username: string): Promise<GlMember> {
    const page = await collectPages<GlMember, GlMember>({
      provider: this.id,
      operation,
      pageSize: this.settings.pageSize,
      maxPages: this.settings.maxPages,
      limit: 10_000,
      map: (m) => (m.username === username ? m : undefined),
      key: (m) => String(m.id),
      filtered: true,
      fetchPage: async (p, perPage) => {
        const data = await this.api.ProjectMembers.all(project, { includeInherited: true, query: username, page: p, perPage } as Loose);
        return { items: Array.isArray(data) ? (data as GlMember[]) : [], ...paginationFromHeaders(this.transport.context.getStore()?.lastHeaders) };
      },
    });
    const member = page.items[0];
    if (!member || member.id == null) {
      throw new ProviderCallError({ provider: this.id, operation, category: 'not-found', status: 404, message: `${this.id} ${operation}: ${username} is not a member of ${project}` });
    }
    return member;
  }

  private async userIds(operation: string, project: string, usernames: string[], warnings: Warning[]): Promise<number[]> {
    const ids: number[] = [];
    const missing: string[] = [];
    for (const username of usernames) {
      try {
        ids.push(Number((await this.findMember(operation, project, username)).id));
      } catch (error) {
        if (!(ProviderCallError.isInstance(error) && error.category === 'not-found')) throw error;
        missing.push(username);
      }
    }
    if (missing.length) warnings.push({ type: 'partial', feature: 'assignees', message: `not project members, not assigned: ${missing.join(', ')}` });
    return ids;
  }
}

/** `owner/repo` project path (gitbeaker URL-encodes it as one segment). */
function pid(i: { owner: string; repo: string }): string {
  return `${i.owner}/${i.repo}`;
}

/** One URL path segment (gitbeaker's own `endpoint` tag encodes the same way). */
function enc(value: string): string {
  return encodeURIComponent(value);
}

/** `fork-owner:branch` → `branch`. */
function branchOf(head: string): string {
  const colon = head.indexOf(':');
  return colon === -1 ? head : head.slice(colon + 1);
}

/**
 * GitLab pagination: `X-Next-Page` (empty on the last page), else the `Link` header (keyset
 * pagination sends only that), and `X-Total` (absent above 10,000 items). Without any of them a
 * full page suggests more (bounded by `maxPages`).
 */
function paginationFromHeaders(headers: Headers | undefined): { nextPage: number | null | undefined; totalCount?: number } {
  if (!headers) return { nextPage: undefined };
  const next = headers.get('x-next-page');
  const total = headers.get('x-total');
  const totalCount = total !== null && /^\d+$/.test(total.trim()) ? Number(total) : undefined;
  let nextPage: number | null | undefined;
  if (next !== null) nextPage = next.trim() === '' ? null : /^\d+$/.test(next.trim()) ? Number(next) : Number.NaN;
  else nextPage = nextPageFromLink(headers.get('link'));
  // Offset pagination headers without a next page mean the last page (no guessing from page fullness).
  if (nextPage === undefined && (headers.get('x-page') !== null || headers.get('x-total-pages') !== null)) nextPage = null;
  return { nextPage, ...(totalCount !== undefined ? { totalCount } : {}) };
}

function eventFlags(events: string[], warnings: Warning[]): Record<string, boolean> {
  const wanted = new Set<string>();
  for (const event of events) {
    const flag = EVENT_FLAGS[event];
    if (flag) wanted.add(flag);
    else warnings.push({ type: 'unsupported', feature: `event:${event}` });
  }
  return Object.fromEntries(FLAG_EVENTS.map(([flag]) => [flag, wanted.has(flag)]));
}

function toApprovalRule(provider: string, raw: unknown): GitLabApprovalRule {
  const r = (raw ?? {}) as { id?: number; name?: string; approvals_required?: number; protected_branches?: Array<{ name?: string }>; eligible_approvers?: Array<{ username?: string }> };
  return {
    provider,
    raw,
    id: String(r.id ?? ''),
    name: String(r.name ?? ''),
    approvalsRequired: Number(r.approvals_required ?? 0),
    protectedBranches: (r.protected_branches ?? []).map((b) => String(b.name ?? '')),
    eligibleApprovers: (r.eligible_approvers ?? []).map((u) => String(u.username ?? '')),
  };
}

/**
 * Creates a GitLab git provider.
 *
 * @example
 * const gitlab = createGitLab({ token: process.env.GITLAB_TOKEN });
 * const selfHosted = createGitLab({ baseUrl: 'https://gitlab.internal', getToken: () => vault.read('gitlab') });
 * @throws ConfigError when settings are invalid
 */
export function createGitLab(settings: GitLabProviderSettings = {}): GitLabProvider {
  return new GitLabProvider(settings);
}
