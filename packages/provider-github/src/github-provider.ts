import { createHash } from 'node:crypto';
import {
  DEFAULT_LIST_LIMIT,
  InvalidArgumentError,
  ProviderCallError,
  getHeader,
  registerSecret,
  type Ack,
  type Branch,
  type BranchProtection,
  type CallOptions,
  type CapabilitiesV1,
  type Collaborator,
  type CollaboratorInvitation,
  type Commit,
  type Comparison,
  type GitProviderV1,
  type HealthCheckResult,
  type Logger,
  type MergeResult,
  type OperationName,
  type Page,
  type ProviderInitContext,
  type ProviderMetrics,
  type PullRequest,
  type RateLimitState,
  type Repository,
  type RepositoryIssue,
  type Review,
  type Tag,
  type Warning,
  type Webhook,
} from '@mosaic/orchestrator-core';
import { Octokit } from '@octokit/rest';
import { EtagCache } from './etag-cache.js';
import { paginationError, toMosaicError, type ErrorContext } from './errors.js';
import * as map from './mappers.js';
import { decodeCursor, encodeCursor, parseLinkHeader, type CursorState } from './pagination.js';
import { parseSettings, type GitHubProviderSettings, type ResolvedGitHubSettings } from './settings.js';
import { VERSION } from './version.js';

// Facet inputs, as the core hands them over after validation (defaults applied).
type FacetInput<M extends keyof GitProviderV1> = GitProviderV1[M] extends ((input: infer I, options: CallOptions) => unknown) | undefined ? I : never;

// Vendor objects are read leniently.
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface OctoResponse {
  status: number;
  url: string;
  headers: Record<string, string | number | undefined>;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Every git-facet operation this provider implements (all 36, the optional issue operations included). */
export const GITHUB_GIT_OPERATIONS = [
  'git.createRepository',
  'git.getRepository',
  'git.updateRepository',
  'git.deleteRepository',
  'git.listRepositories',
  'git.forkRepository',
  'git.createBranch',
  'git.getBranch',
  'git.deleteBranch',
  'git.listBranches',
  'git.protectBranch',
  'git.createPullRequest',
  'git.getPullRequest',
  'git.updatePullRequest',
  'git.mergePullRequest',
  'git.listPullRequests',
  'git.reviewPullRequest',
  'git.getCommit',
  'git.listCommits',
  'git.createCommit',
  'git.compareCommits',
  'git.createTag',
  'git.getTag',
  'git.deleteTag',
  'git.listTags',
  'git.createWebhook',
  'git.updateWebhook',
  'git.deleteWebhook',
  'git.listWebhooks',
  'git.addCollaborator',
  'git.removeCollaborator',
  'git.listCollaborators',
  'git.createIssue',
  'git.updateIssue',
  'git.closeIssue',
  'git.listIssues',
] as const satisfies readonly OperationName[];

/** Options of {@link GitHubProvider.enablePages}. */
export interface EnablePagesOptions {
  /** Branch to publish from. */
  branch: string;
  /** Folder to publish: `/` (default) or `/docs`. */
  path?: '/' | '/docs';
  signal?: AbortSignal;
}

/** Options of {@link GitHubProvider.createRelease}. */
export interface CreateReleaseOptions {
  tagName: string;
  /** Branch or sha the tag is created from when it does not exist (default: the default branch). */
  targetCommitish?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  /** Let GitHub write the release notes. */
  generateReleaseNotes?: boolean;
  signal?: AbortSignal;
}

const SHA = /^[0-9a-f]{40}$/i;

/**
 * GitHub (and GitHub Enterprise Server) as a Mosaic git provider, over `@octokit/rest` with
 * its own retries off (the core's resilience is the only retry layer). Implements all 36
 * git-facet operations, ETag revalidation (a 304 answers from the cache and costs no rate
 * limit), `Link`-header pagination with opaque cursors, and rate-limit reporting from
 * `x-ratelimit-*` headers. Vendor-only extras: {@link GitHubProvider.enablePages},
 * {@link GitHubProvider.createRelease}. Create it with {@link createGitHub}.
 */
export class GitHubProvider implements GitProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly vendor = 'github';
  readonly serviceType = 'git' as const;
  readonly id: string;
  readonly capabilities: CapabilitiesV1;

  /** The Octokit instance (escape hatch for calls Mosaic does not wrap; goes through the same auth, ETag and rate-limit hooks). */
  readonly octokit: Octokit;

  private readonly settings: ResolvedGitHubSettings;
  private readonly origin: string;
  private readonly etags: EtagCache;
  private logger: Logger | undefined;
  private reportRateLimit: ((state: RateLimitState) => void) | undefined;
  private rateLimit: RateLimitState | undefined;
  private token: string | undefined;
  private tokenPromise: Promise<string | undefined> | undefined;
  private fingerprint = 'anonymous';
  private requests = 0;
  private readonly logins = new Map<string, string>();

  constructor(settings: GitHubProviderSettings) {
    this.settings = parseSettings(settings);
    this.id = this.settings.id;
    this.origin = new URL(this.settings.baseUrl).origin;
    this.etags = new EtagCache(this.settings.etagCacheSize);
    this.logger = this.settings.logger;
    if (this.settings.token) this.setToken(this.settings.token);
    this.capabilities = {
      operations: GITHUB_GIT_OPERATIONS,
      features: {
        pagination: true,
        webhooks: true,
        streaming: false,
        etag: this.settings.etagCacheSize > 0,
        idempotencyKeys: false,
        credentialRefresh: this.settings.getToken !== undefined,
      },
      details: { baseUrl: this.settings.baseUrl, enterprise: this.origin !== 'https://api.github.com' },
    };
    const log = (level: 'debug' | 'warn' | 'error') => (message: string) => this.logger?.[level]?.(message, { provider: this.id });
    const octokitLog = { debug: log('debug'), info: log('debug'), warn: log('warn'), error: log('error') };
    this.octokit = new Octokit({
      baseUrl: this.settings.baseUrl,
      userAgent: this.settings.userAgent ?? `mosaic-provider-github/${VERSION}`,
      log: octokitLog,
      // `request.log` is what @octokit/request uses for deprecation notices (default: console).
      request: { log: octokitLog, ...(this.settings.fetch ? { fetch: this.settings.fetch } : {}) },
    });
    this.octokit.hook.wrap('request', (request, options) => this.send(request as never, options as never));
  }

  // -------------------------------------------------------------------------------------------
  // Lifecycle
  // -------------------------------------------------------------------------------------------

  /** Takes the core's logger (when no `logger` setting) and rate-limit callback; reads the token once. */
  async initialize(context: ProviderInitContext = {}): Promise<void> {
    if (!this.settings.logger && context.logger) this.logger = context.logger;
    this.reportRateLimit = context.reportRateLimit;
    await this.resolveToken();
  }

  /** Clears the ETag cache and the cached account login. Idempotent. */
  dispose(): void {
    this.etags.clear();
    this.logins.clear();
  }

  /** Short sha256 of the token in use (`anonymous` without one); scopes the ETag cache. */
  credentialFingerprint(): string {
    return this.fingerprint;
  }

  /** Re-reads `getToken` (no-op for a static token). True when the token changed. */
  async refreshCredentials(): Promise<boolean> {
    if (!this.settings.getToken) return false;
    const before = this.token;
    this.tokenPromise = undefined;
    const after = await this.resolveToken(true);
    return after !== before;
  }

  /** Rate-limit budget from the last response's `x-ratelimit-*` headers, ETag cache figures and the request count. */
  metrics(): ProviderMetrics {
    return {
      ...(this.rateLimit ? { rateLimit: { ...this.rateLimit } } : {}),
      etag: { hits: this.etags.hits, misses: this.etags.misses, entries: this.etags.size },
      requests: this.requests,
    };
  }

  /**
   * `GET /rate_limit` (does not count against the limit), bounded by `healthTimeoutMs`.
   * `healthy` on 200 with budget left, `degraded` when the core budget is exhausted,
   * `unhealthy` on any failure or timeout (detail redacted). Rejects with the signal's reason
   * when `signal` aborts.
   */
  async healthCheck(signal: AbortSignal): Promise<HealthCheckResult> {
    const started = performance.now();
    const checkedAt = Date.now();
    if (signal.aborted) throw signal.reason;
    const budget = AbortSignal.timeout(this.settings.healthTimeoutMs);
    try {
      const res = await this.call('healthCheck', 'GET /rate_limit', {}, { signal: AbortSignal.any([signal, budget]) });
      const core = (res.data as Obj)?.resources?.core as Obj | undefined;
      const latencyMs = Math.round(performance.now() - started);
      if (core && core.remaining === 0) return { status: 'degraded', latencyMs, checkedAt, detail: `core rate limit exhausted until ${new Date(core.reset * 1000).toISOString()}` };
      return { status: 'healthy', latencyMs, checkedAt };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const latencyMs = Math.round(performance.now() - started);
      if (budget.aborted) return { status: 'unhealthy', latencyMs, checkedAt, detail: `no answer within ${this.settings.healthTimeoutMs} ms` };
      return { status: 'unhealthy', latencyMs, checkedAt, detail: (error as Error).message };
    }
  }

  // -------------------------------------------------------------------------------------------
  // Repositories
  // -------------------------------------------------------------------------------------------

  /** `POST /orgs/{org}/repos` (`visibility` public/private/internal) or, for `ownerType: 'user'`, `POST /user/repos` (the token's account; `internal` becomes private with a warning). `defaultBranch` is not settable at creation (warning). */
  async createRepository(input: FacetInput<'createRepository'>, options: CallOptions = {}): Promise<Repository> {
    const warnings: Warning[] = [];
    const visibility = input.visibility ?? (input.private ? 'private' : 'public');
    const body: Obj = { name: input.name, auto_init: input.autoInit };
    if (input.description !== undefined) body.description = input.description;
    if (input.defaultBranch !== undefined) {
      warnings.push({ type: 'unsupported', feature: 'defaultBranch', message: 'GitHub names the first branch after the account default; change it with updateRepository once it exists' });
    }
    let res: OctoResponse;
    if (input.ownerType === 'user') {
      if (visibility === 'internal') warnings.push({ type: 'unsupported', feature: 'visibility:internal', message: 'user repositories cannot be internal; created private' });
      body.private = visibility !== 'public';
      res = await this.call('git.createRepository', 'POST /user/repos', body, options);
    } else {
      if (visibility === 'internal') body.visibility = 'internal';
      else body.private = visibility === 'private';
      res = await this.call('git.createRepository', 'POST /orgs/{org}/repos', { org: input.owner, ...body }, options);
    }
    const repo = map.toRepository(this.id, res.data);
    return warnings.length ? { ...repo, warnings } : repo;
  }

  /** `GET /repos/{owner}/{repo}` (conditional with ETag). */
  async getRepository(input: FacetInput<'getRepository'>, options: CallOptions = {}): Promise<Repository> {
    const res = await this.call('git.getRepository', 'GET /repos/{owner}/{repo}', { owner: input.owner, repo: input.repo }, options);
    return map.toRepository(this.id, res.data);
  }

  /** `PATCH /repos/{owner}/{repo}` (`name`, `description`, `private`, `default_branch`, `archived`). */
  async updateRepository(input: FacetInput<'updateRepository'>, options: CallOptions = {}): Promise<Repository> {
    const p = input.patch;
    const body: Obj = {};
    if (p.name !== undefined) body.name = p.name;
    if (p.description !== undefined) body.description = p.description;
    if (p.private !== undefined) body.private = p.private;
    if (p.defaultBranch !== undefined) body.default_branch = p.defaultBranch;
    if (p.archived !== undefined) body.archived = p.archived;
    const res = await this.call('git.updateRepository', 'PATCH /repos/{owner}/{repo}', { owner: input.owner, repo: input.repo, ...body }, options);
    return map.toRepository(this.id, res.data);
  }

  /** `DELETE /repos/{owner}/{repo}` (needs the `delete_repo` scope). */
  async deleteRepository(input: FacetInput<'deleteRepository'>, options: CallOptions = {}): Promise<Ack> {
    const res = await this.call('git.deleteRepository', 'DELETE /repos/{owner}/{repo}', { owner: input.owner, repo: input.repo }, options);
    return { provider: this.id, ok: true, id: `${input.owner}/${input.repo}`, raw: res.data || undefined };
  }

  /**
   * Organization: `GET /orgs/{org}/repos`. User: when `owner` is the token's own login (read
   * once with `GET /user`), `GET /user/repos?affiliation=owner` (private repositories included);
   * otherwise `GET /users/{username}/repos` (what GitHub shows of another account).
   */
  async listRepositories(input: FacetInput<'listRepositories'>, options: CallOptions = {}): Promise<Page<Repository>> {
    const op = 'git.listRepositories';
    const mapRepo = (r: Obj) => map.toRepository(this.id, r);
    if (input.ownerType !== 'user') return this.paginate(op, 'GET /orgs/{org}/repos', { org: input.owner }, input, options, mapRepo);
    const self = await this.authenticatedLogin(op, options);
    if (self !== undefined && self.toLowerCase() === input.owner.toLowerCase()) {
      return this.paginate(op, 'GET /user/repos', { affiliation: 'owner' }, input, options, mapRepo);
    }
    return this.paginate(op, 'GET /users/{username}/repos', { username: input.owner }, input, options, mapRepo);
  }

  /** `POST /repos/{owner}/{repo}/forks` (`organization`, `name`); GitHub creates the fork asynchronously (202). */
  async forkRepository(input: FacetInput<'forkRepository'>, options: CallOptions = {}): Promise<Repository> {
    const body: Obj = {};
    if (input.targetOwner !== undefined) body.organization = input.targetOwner;
    if (input.name !== undefined) body.name = input.name;
    const res = await this.call('git.forkRepository', 'POST /repos/{owner}/{repo}/forks', { owner: input.owner, repo: input.repo, ...body }, options);
    return map.toRepository(this.id, res.data);
  }

  // -------------------------------------------------------------------------------------------
  // Branches
  // -------------------------------------------------------------------------------------------

  /** Resolves `from` to a commit sha (a sha is used as is; a branch/tag through `GET commits/{ref}` with the `sha` media type), then `POST /repos/{owner}/{repo}/git/refs` (`refs/heads/<branch>`). */
  async createBranch(input: FacetInput<'createBranch'>, options: CallOptions = {}): Promise<Branch> {
    const sha = await this.resolveSha('git.createBranch', input.owner, input.repo, input.from, options);
    const res = await this.call('git.createBranch', 'POST /repos/{owner}/{repo}/git/refs', { owner: input.owner, repo: input.repo, ref: `refs/heads/${input.branch}`, sha }, options);
    return { provider: this.id, raw: res.data, name: input.branch, commitSha: (res.data as Obj)?.object?.sha ?? sha, protected: false };
  }

  /** `GET /repos/{owner}/{repo}/branches/{branch}`. */
  async getBranch(input: FacetInput<'getBranch'>, options: CallOptions = {}): Promise<Branch> {
    const res = await this.call('git.getBranch', 'GET /repos/{owner}/{repo}/branches/{branch}', { owner: input.owner, repo: input.repo, branch: input.branch }, options);
    return map.toBranch(this.id, res.data);
  }

  /** `DELETE /repos/{owner}/{repo}/git/refs/heads/{branch}`. */
  async deleteBranch(input: FacetInput<'deleteBranch'>, options: CallOptions = {}): Promise<Ack> {
    await this.call('git.deleteBranch', 'DELETE /repos/{owner}/{repo}/git/refs/{ref}', { owner: input.owner, repo: input.repo, ref: `heads/${input.branch}` }, options);
    return { provider: this.id, ok: true, id: input.branch };
  }

  /** `GET /repos/{owner}/{repo}/branches`, paginated. */
  async listBranches(input: FacetInput<'listBranches'>, options: CallOptions = {}): Promise<Page<Branch>> {
    return this.paginate('git.listBranches', 'GET /repos/{owner}/{repo}/branches', { owner: input.owner, repo: input.repo }, input, options, (b) => map.toBranch(this.id, b));
  }

  /**
   * `PUT /repos/{owner}/{repo}/branches/{branch}/protection`. GitHub replaces the whole
   * protection: rules not given are switched off (no required reviews / checks, admins not
   * enforced, force pushes and deletions as GitHub defaults them: blocked).
   */
  async protectBranch(input: FacetInput<'protectBranch'>, options: CallOptions = {}): Promise<BranchProtection> {
    const r = input.rules;
    const body: Obj = {
      required_status_checks:
        r.requiredStatusChecks !== undefined || r.strictStatusChecks !== undefined
          ? { strict: r.strictStatusChecks ?? false, contexts: r.requiredStatusChecks ?? [] }
          : null,
      enforce_admins: r.enforceAdmins ?? false,
      required_pull_request_reviews: r.requiredApprovals !== undefined && r.requiredApprovals > 0 ? { required_approving_review_count: r.requiredApprovals } : null,
      restrictions: null,
    };
    if (r.allowForcePushes !== undefined) body.allow_force_pushes = r.allowForcePushes;
    if (r.allowDeletions !== undefined) body.allow_deletions = r.allowDeletions;
    if (r.requireLinearHistory !== undefined) body.required_linear_history = r.requireLinearHistory;
    const res = await this.call(
      'git.protectBranch',
      'PUT /repos/{owner}/{repo}/branches/{branch}/protection',
      { owner: input.owner, repo: input.repo, branch: input.branch, ...body },
      options,
    );
    return map.toBranchProtection(this.id, input.branch, res.data);
  }

  // -------------------------------------------------------------------------------------------
  // Pull requests
  // -------------------------------------------------------------------------------------------

  /** `POST /repos/{owner}/{repo}/pulls` (`head` may be `owner:branch` for forks). */
  async createPullRequest(input: FacetInput<'createPullRequest'>, options: CallOptions = {}): Promise<PullRequest> {
    const body: Obj = { title: input.title, head: input.head, base: input.base, draft: input.draft };
    if (input.body !== undefined) body.body = input.body;
    const res = await this.call('git.createPullRequest', 'POST /repos/{owner}/{repo}/pulls', { owner: input.owner, repo: input.repo, ...body }, options);
    return map.toPullRequest(this.id, res.data);
  }

  /** `GET /repos/{owner}/{repo}/pulls/{pull_number}`; `state` is `merged` when GitHub reports `merged_at`. */
  async getPullRequest(input: FacetInput<'getPullRequest'>, options: CallOptions = {}): Promise<PullRequest> {
    const res = await this.call('git.getPullRequest', 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: input.owner, repo: input.repo, pull_number: input.number }, options);
    return map.toPullRequest(this.id, res.data);
  }

  /** `PATCH /repos/{owner}/{repo}/pulls/{pull_number}`. */
  async updatePullRequest(input: FacetInput<'updatePullRequest'>, options: CallOptions = {}): Promise<PullRequest> {
    const body: Obj = {};
    for (const k of ['title', 'body', 'state', 'base'] as const) if (input.patch[k] !== undefined) body[k] = input.patch[k];
    const res = await this.call(
      'git.updatePullRequest',
      'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
      { owner: input.owner, repo: input.repo, pull_number: input.number, ...body },
      options,
    );
    return map.toPullRequest(this.id, res.data);
  }

  /** `PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge` (`merge_method`, `sha` guard: 409 when the head moved). */
  async mergePullRequest(input: FacetInput<'mergePullRequest'>, options: CallOptions = {}): Promise<MergeResult> {
    const body: Obj = { merge_method: input.method };
    if (input.commitTitle !== undefined) body.commit_title = input.commitTitle;
    if (input.commitMessage !== undefined) body.commit_message = input.commitMessage;
    if (input.sha !== undefined) body.sha = input.sha;
    const res = await this.call(
      'git.mergePullRequest',
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
      { owner: input.owner, repo: input.repo, pull_number: input.number, ...body },
      options,
    );
    return map.toMergeResult(this.id, res.data);
  }

  /** `GET /repos/{owner}/{repo}/pulls` by `state`, `base`, `head`, paginated. */
  async listPullRequests(input: FacetInput<'listPullRequests'>, options: CallOptions = {}): Promise<Page<PullRequest>> {
    const params: Obj = { owner: input.owner, repo: input.repo, state: input.state };
    if (input.base !== undefined) params.base = input.base;
    if (input.head !== undefined) params.head = input.head;
    return this.paginate('git.listPullRequests', 'GET /repos/{owner}/{repo}/pulls', params, input, options, (p) => map.toPullRequest(this.id, p));
  }

  /** `POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews` (`APPROVE`, `REQUEST_CHANGES`, `COMMENT`). */
  async reviewPullRequest(input: FacetInput<'reviewPullRequest'>, options: CallOptions = {}): Promise<Review> {
    const event = input.event === 'approve' ? 'APPROVE' : input.event === 'request-changes' ? 'REQUEST_CHANGES' : 'COMMENT';
    const body: Obj = { event };
    if (input.body !== undefined) body.body = input.body;
    const res = await this.call(
      'git.reviewPullRequest',
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      { owner: input.owner, repo: input.repo, pull_number: input.number, ...body },
      options,
    );
    return map.toReview(this.id, res.data);
  }

  // -------------------------------------------------------------------------------------------
  // Commits
  // -------------------------------------------------------------------------------------------

  /** `GET /repos/{owner}/{repo}/commits/{ref}`. */
  async getCommit(input: FacetInput<'getCommit'>, options: CallOptions = {}): Promise<Commit> {
    const res = await this.call('git.getCommit', 'GET /repos/{owner}/{repo}/commits/{ref}', { owner: input.owner, repo: input.repo, ref: input.ref }, options);
    return map.toCommit(this.id, res.data);
  }

  /** `GET /repos/{owner}/{repo}/commits` (`sha` = `ref`, `path`, `since`, `until`), paginated. */
  async listCommits(input: FacetInput<'listCommits'>, options: CallOptions = {}): Promise<Page<Commit>> {
    const params: Obj = { owner: input.owner, repo: input.repo };
    if (input.ref !== undefined) params.sha = input.ref;
    if (input.path !== undefined) params.path = input.path;
    if (input.since !== undefined) params.since = input.since;
    if (input.until !== undefined) params.until = input.until;
    return this.paginate('git.listCommits', 'GET /repos/{owner}/{repo}/commits', params, input, options, (c) => map.toCommit(this.id, c));
  }

  /**
   * One file that is created, or updated/deleted with its blob `sha`: the contents API
   * (`PUT`/`DELETE /repos/{owner}/{repo}/contents/{path}`), one request. Anything else (several
   * files, or an update/delete without `sha`): the Git Data API — read the branch head
   * (`GET git/ref/heads/{branch}`, `GET git/commits/{sha}`), `POST git/blobs` for base64
   * content, `POST git/trees` on the head's tree, `POST git/commits`, then move the branch
   * (`PATCH git/refs/heads/{branch}`, no force). If the branch moved meanwhile the last step
   * fails with a `conflict` error and nothing visible changed (the new objects are unreferenced).
   */
  async createCommit(input: FacetInput<'createCommit'>, options: CallOptions = {}): Promise<Commit> {
    const op = 'git.createCommit';
    const { owner, repo, branch } = input;
    const only = input.files.length === 1 ? input.files[0]! : undefined;
    if (only && (only.action === 'create' || only.sha !== undefined)) {
      const base: Obj = { owner, repo, path: only.path, message: input.message, branch };
      if (input.author) {
        base.author = { name: input.author.name, email: input.author.email };
        base.committer = { name: input.author.name, email: input.author.email };
      }
      if (only.sha !== undefined) base.sha = only.sha;
      let res: OctoResponse;
      if (only.action === 'delete') {
        res = await this.call(op, 'DELETE /repos/{owner}/{repo}/contents/{path}', base, options);
      } else {
        const content = only.encoding === 'base64' ? (only.content ?? '') : Buffer.from(only.content ?? '', 'utf8').toString('base64');
        res = await this.call(op, 'PUT /repos/{owner}/{repo}/contents/{path}', { ...base, content }, options);
      }
      return map.toCommit(this.id, (res.data as Obj).commit);
    }

    const ref = await this.call(op, 'GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` }, options);
    const headSha: string = (ref.data as Obj).object.sha;
    const head = await this.call(op, 'GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { owner, repo, commit_sha: headSha }, options);
    const tree: Obj[] = [];
    for (const f of input.files) {
      if (f.action === 'delete') {
        tree.push({ path: f.path, mode: '100644', type: 'blob', sha: null });
      } else if (f.encoding === 'base64') {
        const blob = await this.call(op, 'POST /repos/{owner}/{repo}/git/blobs', { owner, repo, content: f.content ?? '', encoding: 'base64' }, options);
        tree.push({ path: f.path, mode: '100644', type: 'blob', sha: (blob.data as Obj).sha });
      } else {
        tree.push({ path: f.path, mode: '100644', type: 'blob', content: f.content ?? '' });
      }
    }
    const newTree = await this.call(op, 'POST /repos/{owner}/{repo}/git/trees', { owner, repo, base_tree: (head.data as Obj).tree.sha, tree }, options);
    const commitBody: Obj = { owner, repo, message: input.message, tree: (newTree.data as Obj).sha, parents: [headSha] };
    if (input.author) commitBody.author = { name: input.author.name, email: input.author.email };
    const commit = await this.call(op, 'POST /repos/{owner}/{repo}/git/commits', commitBody, options);
    try {
      await this.call(op, 'PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}`, sha: (commit.data as Obj).sha, force: false }, options);
    } catch (error) {
      if (ProviderCallError.isInstance(error) && error.status === 422) {
        throw new ProviderCallError({
          provider: this.id,
          operation: op,
          category: 'conflict',
          status: 422,
          outcome: 'not-applied',
          message: `${this.id} ${op}: branch ${branch} moved while the commit was being created (not a fast-forward); nothing was applied`,
          cause: error,
        });
      }
      throw error;
    }
    return map.toCommit(this.id, commit.data);
  }

  /** `GET /repos/{owner}/{repo}/compare/{base}...{head}`. */
  async compareCommits(input: FacetInput<'compareCommits'>, options: CallOptions = {}): Promise<Comparison> {
    const res = await this.call(
      'git.compareCommits',
      'GET /repos/{owner}/{repo}/compare/{basehead}',
      { owner: input.owner, repo: input.repo, basehead: `${input.base}...${input.head}` },
      options,
    );
    return map.toComparison(this.id, input.base, input.head, res.data);
  }

  // -------------------------------------------------------------------------------------------
  // Tags
  // -------------------------------------------------------------------------------------------

  /** Lightweight: `POST git/refs` (`refs/tags/<tag>`). Annotated (with `message`): `POST git/tags`, then the ref to the tag object. */
  async createTag(input: FacetInput<'createTag'>, options: CallOptions = {}): Promise<Tag> {
    const op = 'git.createTag';
    const { owner, repo } = input;
    const sha = await this.resolveSha(op, owner, repo, input.target, options);
    if (input.message === undefined) {
      const res = await this.call(op, 'POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/tags/${input.tag}`, sha }, options);
      return map.toTag(this.id, input.tag, sha, null, res.data);
    }
    const tagObject = await this.call(op, 'POST /repos/{owner}/{repo}/git/tags', { owner, repo, tag: input.tag, message: input.message, object: sha, type: 'commit' }, options);
    await this.call(op, 'POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/tags/${input.tag}`, sha: (tagObject.data as Obj).sha }, options);
    return map.toTag(this.id, input.tag, sha, (tagObject.data as Obj).message ?? input.message, tagObject.data);
  }

  /** `GET /repos/{owner}/{repo}/git/ref/tags/{tag}`, then `GET git/tags/{sha}` for an annotated tag (message, target commit). */
  async getTag(input: FacetInput<'getTag'>, options: CallOptions = {}): Promise<Tag> {
    const op = 'git.getTag';
    const { owner, repo } = input;
    const ref = await this.call(op, 'GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `tags/${input.tag}` }, options);
    let object: Obj = (ref.data as Obj).object;
    let message: string | null = null;
    let raw: unknown = ref.data;
    // Annotated tags point at a tag object; follow (a tag of a tag at most a few times).
    for (let hops = 0; object?.type === 'tag' && hops < 5; hops++) {
      const tag = await this.call(op, 'GET /repos/{owner}/{repo}/git/tags/{tag_sha}', { owner, repo, tag_sha: object.sha }, options);
      message ??= (tag.data as Obj).message ?? null;
      raw = tag.data;
      object = (tag.data as Obj).object;
    }
    return map.toTag(this.id, input.tag, object?.sha ?? '', message, raw);
  }

  /** `DELETE /repos/{owner}/{repo}/git/refs/tags/{tag}`. */
  async deleteTag(input: FacetInput<'deleteTag'>, options: CallOptions = {}): Promise<Ack> {
    await this.call('git.deleteTag', 'DELETE /repos/{owner}/{repo}/git/refs/{ref}', { owner: input.owner, repo: input.repo, ref: `tags/${input.tag}` }, options);
    return { provider: this.id, ok: true, id: input.tag };
  }

  /** `GET /repos/{owner}/{repo}/tags`; annotation messages are not listed (`message` is null). */
  async listTags(input: FacetInput<'listTags'>, options: CallOptions = {}): Promise<Page<Tag>> {
    return this.paginate('git.listTags', 'GET /repos/{owner}/{repo}/tags', { owner: input.owner, repo: input.repo }, input, options, (t: Obj) =>
      map.toTag(this.id, t.name, t.commit?.sha ?? '', null, t),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Webhooks
  // -------------------------------------------------------------------------------------------

  /** `POST /repos/{owner}/{repo}/hooks` (`name: 'web'`); the secret is registered for redaction and never returned. */
  async createWebhook(input: FacetInput<'createWebhook'>, options: CallOptions = {}): Promise<Webhook> {
    const config: Obj = { url: input.url, content_type: input.contentType };
    if (input.secret !== undefined) {
      registerSecret(input.secret);
      config.secret = input.secret;
    }
    const res = await this.call(
      'git.createWebhook',
      'POST /repos/{owner}/{repo}/hooks',
      { owner: input.owner, repo: input.repo, name: 'web', config, events: input.events, active: input.active },
      options,
    );
    return map.toWebhook(this.id, res.data);
  }

  /** `PATCH /repos/{owner}/{repo}/hooks/{hook_id}`; only the given config fields are sent. */
  async updateWebhook(input: FacetInput<'updateWebhook'>, options: CallOptions = {}): Promise<Webhook> {
    const p = input.patch;
    const body: Obj = {};
    const config: Obj = {};
    if (p.url !== undefined) config.url = p.url;
    if (p.contentType !== undefined) config.content_type = p.contentType;
    if (p.secret !== undefined) {
      registerSecret(p.secret);
      config.secret = p.secret;
    }
    if (Object.keys(config).length) body.config = config;
    if (p.events !== undefined) body.events = p.events;
    if (p.active !== undefined) body.active = p.active;
    const res = await this.call(
      'git.updateWebhook',
      'PATCH /repos/{owner}/{repo}/hooks/{hook_id}',
      { owner: input.owner, repo: input.repo, hook_id: this.hookId('git.updateWebhook', input.id), ...body },
      options,
    );
    return map.toWebhook(this.id, res.data);
  }

  /** `DELETE /repos/{owner}/{repo}/hooks/{hook_id}`. */
  async deleteWebhook(input: FacetInput<'deleteWebhook'>, options: CallOptions = {}): Promise<Ack> {
    await this.call('git.deleteWebhook', 'DELETE /repos/{owner}/{repo}/hooks/{hook_id}', { owner: input.owner, repo: input.repo, hook_id: this.hookId('git.deleteWebhook', input.id) }, options);
    return { provider: this.id, ok: true, id: input.id };
  }

  /** `GET /repos/{owner}/{repo}/hooks`, paginated. */
  async listWebhooks(input: FacetInput<'listWebhooks'>, options: CallOptions = {}): Promise<Page<Webhook>> {
    return this.paginate('git.listWebhooks', 'GET /repos/{owner}/{repo}/hooks', { owner: input.owner, repo: input.repo }, input, options, (h) => map.toWebhook(this.id, h));
  }

  // -------------------------------------------------------------------------------------------
  // Collaborators
  // -------------------------------------------------------------------------------------------

  /** `PUT …/collaborators/{username}`: 201 = an invitation was sent, 204 = already a member (permission updated). */
  async addCollaborator(input: FacetInput<'addCollaborator'>, options: CallOptions = {}): Promise<CollaboratorInvitation> {
    const res = await this.call(
      'git.addCollaborator',
      'PUT /repos/{owner}/{repo}/collaborators/{username}',
      { owner: input.owner, repo: input.repo, username: input.username, permission: map.GITHUB_PERMISSION[input.permission] },
      options,
    );
    const invited = res.status === 201;
    const data = res.data as Obj | '';
    return {
      provider: this.id,
      raw: data || undefined,
      login: input.username,
      invited,
      permission: (data && map.toPermission(data.permissions)) || input.permission,
    };
  }

  /** `DELETE /repos/{owner}/{repo}/collaborators/{username}`. */
  async removeCollaborator(input: FacetInput<'removeCollaborator'>, options: CallOptions = {}): Promise<Ack> {
    await this.call('git.removeCollaborator', 'DELETE /repos/{owner}/{repo}/collaborators/{username}', { owner: input.owner, repo: input.repo, username: input.username }, options);
    return { provider: this.id, ok: true, id: input.username };
  }

  /** `GET /repos/{owner}/{repo}/collaborators`, paginated; permission from `role_name` or the `permissions` flags. */
  async listCollaborators(input: FacetInput<'listCollaborators'>, options: CallOptions = {}): Promise<Page<Collaborator>> {
    return this.paginate('git.listCollaborators', 'GET /repos/{owner}/{repo}/collaborators', { owner: input.owner, repo: input.repo }, input, options, (c) => map.toCollaborator(this.id, c));
  }

  // -------------------------------------------------------------------------------------------
  // Issues
  // -------------------------------------------------------------------------------------------

  /** `POST /repos/{owner}/{repo}/issues`. */
  async createIssue(input: FacetInput<'createIssue'>, options: CallOptions = {}): Promise<RepositoryIssue> {
    const body: Obj = { title: input.title };
    if (input.body !== undefined) body.body = input.body;
    if (input.labels !== undefined) body.labels = input.labels;
    if (input.assignees !== undefined) body.assignees = input.assignees;
    const res = await this.call('git.createIssue', 'POST /repos/{owner}/{repo}/issues', { owner: input.owner, repo: input.repo, ...body }, options);
    return map.toIssue(this.id, res.data);
  }

  /** `PATCH /repos/{owner}/{repo}/issues/{issue_number}`. */
  async updateIssue(input: FacetInput<'updateIssue'>, options: CallOptions = {}): Promise<RepositoryIssue> {
    const body: Obj = {};
    for (const k of ['title', 'body', 'state', 'labels', 'assignees'] as const) if (input.patch[k] !== undefined) body[k] = input.patch[k];
    const res = await this.call(
      'git.updateIssue',
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      { owner: input.owner, repo: input.repo, issue_number: input.number, ...body },
      options,
    );
    return map.toIssue(this.id, res.data);
  }

  /** `PATCH /repos/{owner}/{repo}/issues/{issue_number}` with `state: closed`. */
  async closeIssue(input: FacetInput<'closeIssue'>, options: CallOptions = {}): Promise<RepositoryIssue> {
    const res = await this.call(
      'git.closeIssue',
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      { owner: input.owner, repo: input.repo, issue_number: input.number, state: 'closed' },
      options,
    );
    return map.toIssue(this.id, res.data);
  }

  /** `GET /repos/{owner}/{repo}/issues`; GitHub lists pull requests there too, they are left out. */
  async listIssues(input: FacetInput<'listIssues'>, options: CallOptions = {}): Promise<Page<RepositoryIssue>> {
    const params: Obj = { owner: input.owner, repo: input.repo, state: input.state };
    if (input.labels?.length) params.labels = input.labels.join(',');
    return this.paginate('git.listIssues', 'GET /repos/{owner}/{repo}/issues', params, input, options, (i: Obj) => (i.pull_request ? undefined : map.toIssue(this.id, i)));
  }

  // -------------------------------------------------------------------------------------------
  // Vendor-only extras
  // -------------------------------------------------------------------------------------------

  /**
   * Enables GitHub Pages for a repository from a branch and folder
   * (`POST /repos/{owner}/{repo}/pages`, https://docs.github.com/en/rest/pages/pages#create-a-github-pages-site).
   * Returns GitHub's Pages object. Errors as for facet calls (409 when Pages is already enabled).
   */
  async enablePages(owner: string, repo: string, options: EnablePagesOptions): Promise<Obj> {
    const res = await this.call(
      'github.enablePages',
      'POST /repos/{owner}/{repo}/pages',
      { owner, repo, source: { branch: options.branch, path: options.path ?? '/' } },
      options.signal ? { signal: options.signal } : {},
    );
    return res.data as Obj;
  }

  /**
   * Creates a release (`POST /repos/{owner}/{repo}/releases`,
   * https://docs.github.com/en/rest/releases/releases#create-a-release). Returns GitHub's
   * release object. Errors as for facet calls (422 when the tag already has a release).
   */
  async createRelease(owner: string, repo: string, options: CreateReleaseOptions): Promise<Obj> {
    const body: Obj = { tag_name: options.tagName };
    if (options.targetCommitish !== undefined) body.target_commitish = options.targetCommitish;
    if (options.name !== undefined) body.name = options.name;
    if (options.body !== undefined) body.body = options.body;
    if (options.draft !== undefined) body.draft = options.draft;
    if (options.prerelease !== undefined) body.prerelease = options.prerelease;
    if (options.generateReleaseNotes !== undefined) body.generate_release_notes = options.generateReleaseNotes;
    const res = await this.call('github.createRelease', 'POST /repos/{owner}/{repo}/releases', { owner, repo, ...body }, options.signal ? { signal: options.signal } : {});
    return res.data as Obj;
  }

  // -------------------------------------------------------------------------------------------
  // Internals
  // -------------------------------------------------------------------------------------------

  private ctx(operation: string): ErrorContext {
    return { provider: this.id, operation, timeoutMs: this.settings.timeoutMs };
  }

  private setToken(token: string | undefined): void {
    this.token = token || undefined;
    if (this.token) {
      registerSecret(this.token);
      this.fingerprint = createHash('sha256').update(this.token).digest('hex').slice(0, 16);
    } else {
      this.fingerprint = 'anonymous';
    }
  }

  private async resolveToken(force = false): Promise<string | undefined> {
    if (!this.settings.getToken) return this.token;
    if (!this.tokenPromise || force) {
      const getToken = this.settings.getToken;
      this.tokenPromise = (async () => {
        const token = await getToken();
        this.setToken(typeof token === 'string' ? token : undefined);
        return this.token;
      })();
      this.tokenPromise.catch(() => {
        this.tokenPromise = undefined;
      });
    }
    return this.tokenPromise;
  }

  /** Login of the token's account (`GET /user`), cached per credential; `undefined` without a token. */
  private async authenticatedLogin(operation: string, options: CallOptions): Promise<string | undefined> {
    await this.resolveToken();
    if (!this.token) return undefined;
    const fingerprint = this.fingerprint;
    const cached = this.logins.get(fingerprint);
    if (cached !== undefined) return cached;
    const res = await this.call(operation, 'GET /user', {}, options);
    const login = typeof (res.data as Obj)?.login === 'string' ? ((res.data as Obj).login as string) : undefined;
    if (login !== undefined) this.logins.set(fingerprint, login);
    return login;
  }

  private hookId(operation: string, id: string): number {
    if (!/^\d+$/.test(id)) throw new InvalidArgumentError({ argument: operation, issues: [{ path: 'id', message: 'GitHub webhook ids are numeric' }] });
    return Number(id);
  }

  /** Records `x-ratelimit-*` headers and reports them to the core. */
  private observeRateLimit(headers: Record<string, unknown> | undefined): void {
    if (!headers) return;
    const h = headers as Record<string, string>;
    const limit = getHeader(h, 'x-ratelimit-limit');
    const remaining = getHeader(h, 'x-ratelimit-remaining');
    if (limit === undefined && remaining === undefined) return;
    const reset = getHeader(h, 'x-ratelimit-reset');
    const resource = getHeader(h, 'x-ratelimit-resource');
    const state: RateLimitState = {};
    if (limit !== undefined && Number.isFinite(Number(limit))) state.limit = Number(limit);
    if (remaining !== undefined && Number.isFinite(Number(remaining))) state.remaining = Number(remaining);
    if (reset !== undefined && Number.isFinite(Number(reset))) {
      const n = Number(reset);
      state.resetAt = n > 1e12 ? n : n * 1000; // epoch seconds (GitHub); tolerate milliseconds
    }
    if (resource) state.resource = resource;
    this.rateLimit = state;
    try {
      this.reportRateLimit?.({ ...state });
    } catch (error) {
      this.logger?.warn?.('reportRateLimit callback threw', { provider: this.id, error: (error as Error)?.message });
    }
  }

  /** Octokit `request` hook: credentials, conditional GET (ETag) and rate-limit bookkeeping. */
  private async send(
    request: (options: Obj) => Promise<OctoResponse>,
    options: Obj & { method: string; headers: Record<string, string> },
  ): Promise<OctoResponse> {
    this.requests++;
    const token = await this.resolveToken();
    if (token) options.headers.authorization = `token ${token}`;
    let key: string | undefined;
    let cached: ReturnType<EtagCache['get']>;
    if (options.method.toUpperCase() === 'GET' && this.settings.etagCacheSize > 0) {
      const url = (this.octokit.request.endpoint.parse as unknown as (o: Obj) => { url: string })(options).url;
      key = `${this.fingerprint}\n${options.headers.accept ?? ''}\n${url}`;
      cached = this.etags.get(key);
      if (cached && !options.headers['if-none-match']) options.headers['if-none-match'] = cached.etag;
    }
    try {
      const res = await request(options);
      this.observeRateLimit(res.headers);
      if (key) {
        this.etags.misses++;
        const etag = res.headers.etag;
        if (res.status === 200 && typeof etag === 'string' && etag) {
          this.etags.set(key, { etag, status: res.status, url: res.url, headers: { ...(res.headers as Record<string, string>) }, data: structuredClone(res.data) });
        } else {
          this.etags.delete(key);
        }
      }
      return res;
    } catch (error) {
      const response = (error as { response?: OctoResponse }).response;
      if (response?.headers) this.observeRateLimit(response.headers);
      if (cached && (error as { status?: number }).status === 304) {
        this.etags.hits++;
        return {
          status: cached.status,
          url: cached.url,
          headers: { ...cached.headers, ...(response?.headers as Record<string, string> | undefined) },
          data: structuredClone(cached.data),
        };
      }
      throw error;
    }
  }

  /** One Octokit call with the caller's signal (plus `timeoutMs`) and error mapping. */
  private async call(operation: string, route: string, params: Obj, options: CallOptions): Promise<OctoResponse> {
    const callerSignal = options.signal;
    if (callerSignal?.aborted) throw callerSignal.reason;
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    try {
      return (await this.octokit.request(route as never, { ...params, request: { signal } } as never)) as unknown as OctoResponse;
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      throw toMosaicError(error, this.ctx(operation));
    }
  }

  /** GET of an absolute page URL (from a `Link` header or a cursor). */
  private async callUrl(operation: string, url: string, options: CallOptions): Promise<OctoResponse> {
    return this.call(operation, 'GET {+url}', { url }, options);
  }

  /** Commit sha of a sha, branch or tag name (`GET commits/{ref}` with the `sha` media type: a plain-text sha). */
  private async resolveSha(operation: string, owner: string, repo: string, ref: string, options: CallOptions): Promise<string> {
    if (SHA.test(ref)) return ref.toLowerCase();
    const res = await this.call(operation, 'GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref, mediaType: { format: 'sha' } }, options);
    const data = res.data as unknown;
    const sha = typeof data === 'string' ? data.trim() : typeof (data as Obj)?.sha === 'string' ? (data as Obj).sha : '';
    if (!SHA.test(sha)) throw new ProviderCallError({ provider: this.id, operation, category: 'unknown', message: `${this.id} ${operation}: could not resolve ${JSON.stringify(ref)} to a commit` });
    return sha.toLowerCase();
  }

  private checkSameOrigin(operation: string, url: string, what: string): void {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      throw paginationError(this.ctx(operation), 'malformed_link_header', `${what} is not a URL`);
    }
    if (origin !== this.origin) throw paginationError(this.ctx(operation), 'foreign_link', `${what} points to another origin (${origin}); credentials are only sent to ${this.origin}`);
  }

  /**
   * Lists across pages: `per_page` = min(100, limit), then follows `rel="next"` links until
   * `limit` items (default {@link DEFAULT_LIST_LIMIT}) are collected. `nextCursor` encodes the page
   * URL and the position in it. A malformed `Link` header, a next link already visited, a link
   * to another origin, or more than `maxPages` pages end the call with a non-retryable
   * `ProviderCallError` (category `unknown`, vendorCode `malformed_link_header` /
   * `pagination_cycle` / `foreign_link` / `too_many_pages`).
   */
  private async paginate<T>(
    operation: string,
    route: string,
    params: Obj,
    input: { cursor?: string | undefined; limit?: number | undefined },
    options: CallOptions,
    mapItem: (raw: Obj) => T | undefined,
  ): Promise<Page<T>> {
    const limit = input.limit ?? DEFAULT_LIST_LIMIT;
    let state: CursorState;
    let res: OctoResponse;
    if (input.cursor !== undefined) {
      const decoded = decodeCursor(input.cursor);
      if (!decoded) throw new InvalidArgumentError({ argument: operation, issues: [{ path: 'cursor', message: 'not a cursor returned by this provider' }] });
      if (new URL(decoded.u).origin !== this.origin) throw new InvalidArgumentError({ argument: operation, issues: [{ path: 'cursor', message: 'cursor belongs to another GitHub host' }] });
      state = decoded;
      res = await this.callUrl(operation, state.u, options);
    } else {
      const first = { ...params, per_page: Math.min(100, limit) };
      state = { u: (this.octokit.request.endpoint as unknown as (r: string, p: Obj) => { url: string })(route, first).url, s: 0 };
      res = await this.call(operation, route, first, options);
    }
    const items: T[] = [];
    const visited = new Set<string>();
    for (let pages = 1; ; pages++) {
      visited.add(state.u);
      const data: unknown[] = Array.isArray(res.data) ? res.data : [];
      for (let i = state.s; i < data.length; i++) {
        if (items.length >= limit) return { provider: this.id, items, nextCursor: encodeCursor({ u: state.u, s: i }) };
        const mapped = mapItem(data[i] as Obj);
        if (mapped !== undefined) items.push(mapped);
      }
      const link = getHeader(res.headers as Record<string, string>, 'link');
      if (link === undefined) return { provider: this.id, items, nextCursor: null };
      const parsed = parseLinkHeader(link);
      if (!parsed.ok) throw paginationError(this.ctx(operation), 'malformed_link_header', `GitHub sent a malformed Link header: ${parsed.reason}`);
      const next = parsed.links.next;
      if (!next) return { provider: this.id, items, nextCursor: null };
      this.checkSameOrigin(operation, next, 'the next-page link');
      if (items.length >= limit) return { provider: this.id, items, nextCursor: encodeCursor({ u: next, s: 0 }) };
      if (visited.has(next)) throw paginationError(this.ctx(operation), 'pagination_cycle', `the next-page link repeats a page already read (${next})`);
      if (pages >= this.settings.maxPages) throw paginationError(this.ctx(operation), 'too_many_pages', `more than ${this.settings.maxPages} pages`);
      state = { u: next, s: 0 };
      res = await this.callUrl(operation, next, options);
    }
  }
}

/**
 * Creates a GitHub git provider.
 *
 * ```ts
 * const github = createGitHub({ token: process.env.GITHUB_TOKEN });
 * const ghes = createGitHub({ id: 'ghes', baseUrl: 'https://github.example.com/api/v3', getToken: () => vault.read('ghes') });
 * ```
 * @throws ConfigError when settings are invalid (unknown keys, both token and getToken, bad URL)
 */
export function createGitHub(settings: GitHubProviderSettings = {}): GitHubProvider {
  return new GitHubProvider(settings);
}
