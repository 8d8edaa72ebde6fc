import {
  InvalidArgumentError,
  collectPages,
  credentialFingerprintOf,
  nextPageFromLink,
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
  type Repository,
  type Warning,
} from '@mosaic/orchestrator-core';
import { GiteaClient, path, type GiteaRequest, type QueryValue } from './client.js';
import {
  fromGiteaPermission,
  toBranch,
  toBranchProtection,
  toCollaborator,
  toCommit,
  toFileCommit,
  toIssue,
  toPullRequest,
  toRepository,
  toReview,
  toTag,
  toWebhook,
  toGiteaPermission,
  type GiteaBranch,
  type GiteaBranchProtection,
  type GiteaCommit,
  type GiteaFileCommit,
  type GiteaHook,
  type GiteaIssue,
  type GiteaLabel,
  type GiteaPullRequest,
  type GiteaPullReview,
  type GiteaRepository,
  type GiteaTag,
  type GiteaUser,
} from './mappers.js';
import { parseSettings, type GiteaProviderSettings, type ResolvedGiteaSettings } from './settings.js';
import { VERSION } from './version.js';

type GitOpName = keyof typeof gitOperations;
type In<N extends GitOpName> = OperationInput<N>;
type Out<N extends GitOpName> = OperationOutput<N>;

/** Every git operation Gitea 1.22 serves through its API (all 36, issues included). */
export const GITEA_OPERATIONS: readonly OperationName[] = Object.keys(gitOperations) as OperationName[];

/** Input of {@link GiteaProvider.mirrorRepository} (Gitea `MigrateRepoOptions`). */
export interface GiteaMirrorInput {
  /** URL to clone from. */
  cloneAddr: string;
  /** Name of the new repository. */
  repoName: string;
  /** User or organization to create it in; default the authenticated user. */
  owner?: string;
  /** Keep it as a pull mirror (default true); false makes a one-time migration. */
  mirror?: boolean;
  /** Mirror sync interval, Go duration (`8h0m0s`). */
  mirrorInterval?: string;
  private?: boolean;
  description?: string;
  /** Also migrate LFS objects. */
  lfs?: boolean;
  /** LFS endpoint of the source, when not the default. */
  lfsEndpoint?: string;
  /** Source service (`git`, `github`, `gitea`, `gitlab`, …); default `git`. */
  service?: 'git' | 'github' | 'gitea' | 'gitlab' | 'gogs' | 'onedev' | 'gitbucket' | 'codebase';
  /** Token for a private source; registered for redaction and never returned. */
  authToken?: string;
  authUsername?: string;
  /** Password for a private source; registered for redaction and never returned. */
  authPassword?: string;
}

/** Input of {@link GiteaProvider.createOrganization} (Gitea `CreateOrgOption`). */
export interface GiteaOrganizationInput {
  /** Organization login name. */
  name: string;
  fullName?: string;
  description?: string;
  website?: string;
  /** `limited` = visible to signed-in users only. Default `public`. */
  visibility?: 'public' | 'limited' | 'private';
}

/** A Gitea organization. */
export interface GiteaOrganization {
  provider: string;
  id: string;
  name: string;
  fullName: string | null;
  visibility: string | null;
  raw: unknown;
}

/** Result of {@link GiteaProvider.enableLFS}. */
export interface GiteaLfsStatus {
  provider: string;
  /** `owner/repo`. */
  repository: string;
  /** True when the server's LFS endpoint answers for this repository. */
  enabled: boolean;
  /** Why LFS is unavailable, when it is. */
  detail?: string;
}

const DEFAULT_CAPABILITIES_FEATURES = {
  pagination: true,
  webhooks: true,
  streaming: false,
  etag: false,
  idempotencyKeys: false,
  credentialRefresh: false,
} as const;

/**
 * Mosaic git provider for Gitea (REST API v1, Gitea 1.22 swagger). Implements every git
 * operation (36, optional issue operations included) over a small `fetch` client; Gitea-only
 * features live on the instance ({@link mirrorRepository}, {@link createOrganization},
 * {@link enableLFS}).
 *
 * Mapping notes: Gitea has no `internal` repository visibility (→ `private` with a warning);
 * drafts are pull requests whose title starts with `WIP:`; collaborator permissions are
 * `read`/`write`/`admin` (`triage` → `read`, `maintain` → `write`, with a warning); issue
 * labels are resolved from names to ids; `listCommits` applies `since`/`until` itself (Gitea
 * 1.22's API lacks them).
 *
 * Errors: `ProviderCallError` family (classified from the HTTP status), `InvalidArgumentError`
 * for invalid input, `ConfigError` for invalid settings. The caller's `AbortSignal` aborts the
 * request and rejects with the signal's reason.
 */
export class GiteaProvider implements GitProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly id: string;
  readonly vendor = 'gitea';
  readonly serviceType = 'git' as const;
  readonly capabilities: CapabilitiesV1;
  /** Package version. */
  readonly version = VERSION;

  private readonly settings: ResolvedGiteaSettings;
  private readonly client: GiteaClient;
  private readonly meter: RateLimitMeter;
  private lastToken: string | undefined;

  constructor(settings: GiteaProviderSettings) {
    this.settings = parseSettings(settings);
    this.id = this.settings.id;
    this.meter = new RateLimitMeter({ provider: this.id, logger: this.settings.logger });
    if (this.settings.token) registerSecret(this.settings.token);
    this.capabilities = {
      operations: GITEA_OPERATIONS,
      features: { ...DEFAULT_CAPABILITIES_FEATURES },
      details: { vendor: 'gitea', apiVersion: 'v1', specVersion: '1.22', visibilities: ['public', 'private', 'internal (read only)'] },
    };
    this.client = new GiteaClient({
      baseUrl: this.settings.baseUrl,
      providerId: this.id,
      getToken: () => this.readToken(),
      ...(this.settings.fetch ? { fetch: this.settings.fetch } : {}),
      userAgent: this.settings.userAgent ?? `mosaic-provider-gitea/${VERSION}`,
      onResponse: (headers) => this.meter.record(headers),
    });
  }

  /** Receives the logger and the rate-limit reporter from the core. No network. */
  initialize(context: ProviderInitContext): void {
    this.meter.initialize(context);
  }

  /** Nothing to release (fetch keeps no state of ours). Idempotent. */
  dispose(): void {
    this.meter.dispose();
  }

  /**
   * `GET /api/v1/version`, bounded by `healthTimeoutMs`. Never throws: a 2xx is healthy, 429 is
   * degraded, anything else (401/403 included) is unhealthy with a redacted detail.
   */
  async healthCheck(signal: AbortSignal): Promise<HealthCheckResult> {
    return runHealthCheck({
      signal,
      timeoutMs: this.settings.healthTimeoutMs,
      probe: async (bounded) => {
        const res = await this.client.request<{ version?: string }>({ method: 'GET', path: '/version', signal: bounded, operation: 'healthCheck' });
        return `gitea ${res.data?.version ?? 'unknown'}`;
      },
    });
  }

  /** Last rate-limit state seen in `X-RateLimit-*` headers (when the server sends them) and the request count. */
  metrics(): ProviderMetrics {
    return this.meter.metrics();
  }

  /**
   * Short sha256 (16 hex chars) of the base URL and token in use. With `getToken`, of the token
   * last read (before the first call: of the base URL alone).
   */
  credentialFingerprint(): string {
    return credentialFingerprintOf(this.settings.baseUrl, this.settings.token ?? this.lastToken ?? '');
  }

  // -------------------------------------------------------------------------------------------
  // Repositories
  // -------------------------------------------------------------------------------------------

  /** `POST /orgs/{org}/repos` or `POST /user/repos` (`CreateRepoOption`). */
  async createRepository(input: In<'git.createRepository'>, options: CallOptions = {}): Promise<Out<'git.createRepository'>> {
    const i = this.parse('git.createRepository', input);
    const warnings: Warning[] = [];
    let isPrivate = i.private;
    if (i.visibility) {
      isPrivate = i.visibility !== 'public';
      if (i.visibility === 'internal') warnings.push({ type: 'unsupported', feature: 'visibility:internal', message: 'Gitea repositories are public or private; created as private' });
    }
    const body = { name: i.name, description: i.description, private: isPrivate, auto_init: i.autoInit, default_branch: i.defaultBranch };
    const res = await this.send<GiteaRepository>('git.createRepository', options, {
      method: 'POST',
      path: i.ownerType === 'user' ? '/user/repos' : path`/orgs/${i.owner}/repos`,
      body,
    });
    return withWarnings(toRepository(this.id, res), warnings);
  }

  /** `GET /repos/{owner}/{repo}`. */
  async getRepository(input: In<'git.getRepository'>, options: CallOptions = {}): Promise<Out<'git.getRepository'>> {
    const i = this.parse('git.getRepository', input);
    return toRepository(this.id, await this.send<GiteaRepository>('git.getRepository', options, { method: 'GET', path: path`/repos/${i.owner}/${i.repo}` }));
  }

  /** `PATCH /repos/{owner}/{repo}` (`EditRepoOption`). */
  async updateRepository(input: In<'git.updateRepository'>, options: CallOptions = {}): Promise<Out<'git.updateRepository'>> {
    const i = this.parse('git.updateRepository', input);
    const p = i.patch;
    const body = { name: p.name, description: p.description, private: p.private, default_branch: p.defaultBranch, archived: p.archived };
    return toRepository(this.id, await this.send<GiteaRepository>('git.updateRepository', options, { method: 'PATCH', path: path`/repos/${i.owner}/${i.repo}`, body }));
  }

  /** `DELETE /repos/{owner}/{repo}`. */
  async deleteRepository(input: In<'git.deleteRepository'>, options: CallOptions = {}): Promise<Ack> {
    const i = this.parse('git.deleteRepository', input);
    await this.send('git.deleteRepository', options, { method: 'DELETE', path: path`/repos/${i.owner}/${i.repo}` });
    return { provider: this.id, ok: true, id: `${i.owner}/${i.repo}` };
  }

  /** `GET /orgs/{org}/repos` or `GET /users/{username}/repos`, paged. */
  async listRepositories(input: In<'git.listRepositories'>, options: CallOptions = {}): Promise<Out<'git.listRepositories'>> {
    const i = this.parse('git.listRepositories', input);
    const p = i.ownerType === 'user' ? path`/users/${i.owner}/repos` : path`/orgs/${i.owner}/repos`;
    return this.list<GiteaRepository, Out<'git.listRepositories'>['items'][number]>('git.listRepositories', options, i, p, {}, (r) => toRepository(this.id, r), (r) => String(r.id));
  }

  /** `POST /repos/{owner}/{repo}/forks` (`CreateForkOption`); Gitea answers 202 with the new repository. */
  async forkRepository(input: In<'git.forkRepository'>, options: CallOptions = {}): Promise<Out<'git.forkRepository'>> {
    const i = this.parse('git.forkRepository', input);
    const body = { organization: i.targetOwner, name: i.name };
    return toRepository(this.id, await this.send<GiteaRepository>('git.forkRepository', options, { method: 'POST', path: path`/repos/${i.owner}/${i.repo}/forks`, body }));
  }

  // -------------------------------------------------------------------------------------------
  // Branches
  // -------------------------------------------------------------------------------------------

  /** `POST /repos/{owner}/{repo}/branches` (`CreateBranchRepoOption`, `old_ref_name` = branch, tag or sha). */
  async createBranch(input: In<'git.createBranch'>, options: CallOptions = {}): Promise<Out<'git.createBranch'>> {
    const i = this.parse('git.createBranch', input);
    const body = { new_branch_name: i.branch, old_ref_name: i.from };
    return toBranch(this.id, await this.send<GiteaBranch>('git.createBranch', options, { method: 'POST', path: path`/repos/${i.owner}/${i.repo}/branches`, body }));
  }

  /** `GET /repos/{owner}/{repo}/branches/{branch}`. */
  async getBranch(input: In<'git.getBranch'>, options: CallOptions = {}): Promise<Out<'git.getBranch'>> {
    const i = this.parse('git.getBranch', input);
    return toBranch(this.id, await this.send<GiteaBranch>('git.getBranch', options, { method: 'GET', path: path`/repos/${i.owner}/${i.repo}/branches/${i.branch}` }));
  }

  /** `DELETE /repos/{owner}/{repo}/branches/{branch}`. */
  async deleteBranch(input: In<'git.deleteBranch'>, options: CallOptions = {}): Promise<Ack> {
    const i = this.parse('git.deleteBranch', input);
    await this.send('git.deleteBranch', options, { method: 'DELETE', path: path`/repos/${i.owner}/${i.repo}/branches/${i.branch}` });
    return { provider: this.id, ok: true, id: i.branch };
  }

  /** `GET /repos/{owner}/{repo}/branches`, paged. */
  async listBranches(input: In<'git.listBranches'>, options: CallOptions = {}): Promise<Out<'git.listBranches'>> {
    const i = this.parse('git.listBranches', input);
    return this.list<GiteaBranch, Out<'git.listBranches'>['items'][number]>('git.listBranches', options, i, path`/repos/${i.owner}/${i.repo}/branches`, {}, (b) => toBranch(this.id, b), (b) => String(b.name));
  }

  /**
   * Creates or updates the protection rule named after the branch: `PATCH
   * /repos/{owner}/{repo}/branch_protections/{name}`, and on 404 `POST .../branch_protections`.
   * Gitea 1.22 has no admin-enforcement, force-push, deletion or linear-history flags: asking
   * for them gives an `unsupported` warning (Gitea never allows force pushes to or deletion of a
   * protected branch, so `false` for those is what it does anyway).
   */
  async protectBranch(input: In<'git.protectBranch'>, options: CallOptions = {}): Promise<Out<'git.protectBranch'>> {
    const i = this.parse('git.protectBranch', input);
    const r = i.rules;
    const warnings: Warning[] = [];
    if (r.enforceAdmins !== undefined) warnings.push({ type: 'unsupported', feature: 'enforceAdmins' });
    if (r.allowForcePushes === true) warnings.push({ type: 'unsupported', feature: 'allowForcePushes' });
    if (r.allowDeletions === true) warnings.push({ type: 'unsupported', feature: 'allowDeletions' });
    if (r.requireLinearHistory === true) warnings.push({ type: 'unsupported', feature: 'requireLinearHistory' });
    const rule = {
      ...(r.requiredApprovals !== undefined ? { required_approvals: r.requiredApprovals } : {}),
      ...(r.requiredStatusChecks !== undefined ? { enable_status_check: r.requiredStatusChecks.length > 0, status_check_contexts: r.requiredStatusChecks } : {}),
      ...(r.strictStatusChecks !== undefined ? { block_on_outdated_branch: r.strictStatusChecks } : {}),
    };
    let res: GiteaBranchProtection;
    try {
      res = await this.send<GiteaBranchProtection>('git.protectBranch', options, {
        method: 'PATCH',
        path: path`/repos/${i.owner}/${i.repo}/branch_protections/${i.branch}`,
        body: rule,
      });
    } catch (error) {
      if (!(ProviderCallError.isInstance(error) && error.status === 404)) throw error;
      res = await this.send<GiteaBranchProtection>('git.protectBranch', options, {
        method: 'POST',
        path: path`/repos/${i.owner}/${i.repo}/branch_protections`,
        body: { rule_name: i.branch, ...rule },
      });
    }
    return withWarnings(toBranchProtection(this.id, i.branch, res), warnings);
  }

  // -------------------------------------------------------------------------------------------
  // Pull requests
  // -------------------------------------------------------------------------------------------

  /** `POST /repos/{owner}/{repo}/pulls` (`CreatePullRequestOption`). A draft gets Gitea's `WIP: ` title prefix. */
  async createPullRequest(input: In<'git.createPullRequest'>, options: CallOptions = {}): Promise<Out<'git.createPullRequest'>> {
    const i = this.parse('git.createPullRequest', input);
    const title = i.draft && !/^(WIP:|\[WIP\])/i.test(i.title) ? `WIP: ${i.title}` : i.title;
    const body = { head: i.head, base: i.base, title, body: i.body };
    return toPullRequest(this.id, await this.send<GiteaPullRequest>('git.createPullRequest', options, { method: 'POST', path: path`/repos/${i.owner}/${i.repo}/pulls`, body }));
  }

  /** `GET /repos/{owner}/{repo}/pulls/{index}`. */
  async getPullRequest(input: In<'git.getPullRequest'>, options: CallOptions = {}): Promise<Out<'git.getPullRequest'>> {
    const i = this.parse('git.getPullRequest', input);
    return toPullRequest(this.id, await this.send<GiteaPullRequest>('git.getPullRequest', options, { method: 'GET', path: path`/repos/${i.owner}/${i.repo}/pulls/${i.number}` }));
  }

  /** `PATCH /repos/{owner}/{repo}/pulls/{index}` (`EditPullRequestOption`). */
  async updatePullRequest(input: In<'git.updatePullRequest'>, options: CallOptions = {}): Promise<Out<'git.updatePullRequest'>> {
    const i = this.parse('git.updatePullRequest', input);
    const body = { title: i.patch.title, body: i.patch.body, state: i.patch.state, base: i.patch.base };
    return toPullRequest(this.id, await this.send<GiteaPullRequest>('git.updatePullRequest', options, { method: 'PATCH', path: path`/repos/${i.owner}/${i.repo}/pulls/${i.number}`, body }));
  }

  /**
   * `POST /repos/{owner}/{repo}/pulls/{index}/merge` (`MergePullRequestOption`: `Do`,
   * `MergeTitleField`, `MergeMessageField`, `head_commit_id`), then `GET` of the pull request
   * for the merge commit sha. If that read fails the merge still succeeded: the result carries
   * `sha: null` and a `partial` warning.
   */
  async mergePullRequest(input: In<'git.mergePullRequest'>, options: CallOptions = {}): Promise<Out<'git.mergePullRequest'>> {
    const i = this.parse('git.mergePullRequest', input);
    const body = { Do: i.method, MergeTitleField: i.commitTitle, MergeMessageField: i.commitMessage, head_commit_id: i.sha };
    await this.send('git.mergePullRequest', options, { method: 'POST', path: path`/repos/${i.owner}/${i.repo}/pulls/${i.number}/merge`, body });
    try {
      const pr = await this.send<GiteaPullRequest>('git.mergePullRequest', options, { method: 'GET', path: path`/repos/${i.owner}/${i.repo}/pulls/${i.number}` });
      return { provider: this.id, raw: pr, merged: true, sha: pr.merge_commit_sha ?? null, message: null };
    } catch {
      return { provider: this.id, merged: true, sha: null, message: null, warnings: [{ type: 'partial', feature: 'sha', message: 'merged; reading the merge commit failed' }] };
    }
  }

  /**
   * `GET /repos/{owner}/{repo}/pulls?state=`, paged. Gitea 1.22 cannot filter by base or head
   * in this list, so those filters apply to each page here (`head` matches `branch` or
   * `owner:branch`).
   */
  async listPullRequests(input: In<'git.listPullRequests'>, options: CallOptions = {}): Promise<Out<'git.listPullRequests'>> {
    const i = this.parse('git.listPullRequests', input);
    const filtered = i.base !== undefined || i.head !== undefined;
    return this.list<GiteaPullRequest, Out<'git.listPullRequests'>['items'][number]>(
      'git.listPullRequests',
      options,
      i,
      path`/repos/${i.owner}/${i.repo}/pulls`,
      { state: i.state },
      (pr) => {
        if (i.base !== undefined && pr.base?.ref !== i.base) return undefined;
        if (i.head !== undefined && pr.head?.ref !== i.head && pr.head?.label !== i.head && `${pr.head?.repo?.owner?.login ?? ''}:${pr.head?.ref ?? ''}` !== i.head) return undefined;
        return toPullRequest(this.id, pr);
      },
      (pr) => String(pr.id),
      filtered,
    );
  }

  /** `POST /repos/{owner}/{repo}/pulls/{index}/reviews` (`CreatePullReviewOptions`: `APPROVED`, `REQUEST_CHANGES`, `COMMENT`). */
  async reviewPullRequest(input: In<'git.reviewPullRequest'>, options: CallOptions = {}): Promise<Out<'git.reviewPullRequest'>> {
    const i = this.parse('git.reviewPullRequest', input);
    const event = i.event === 'approve' ? 'APPROVED' : i.event === 'request-changes' ? 'REQUEST_CHANGES' : 'COMMENT';
    const body = { event, body: i.body ?? '' };
    return toReview(this.id, await this.send<GiteaPullReview>('git.reviewPullRequest', options, { method: 'POST', path: path`/repos/${i.owner}/${i.repo}/pulls/${i.number}/reviews`, body }));
  }

  // -------------------------------------------------------------------------------------------
  // Commits
  // -------------------------------------------------------------------------------------------

  /** `GET /repos/{owner}/{repo}/git/commits/{sha}` (a sha or a ref name). */
  async getCommit(input: In<'git.getCommit'>, options: CallOptions = {}): Promise<Out<'git.getCommit'>> {
    const i = this.parse('git.getCommit', input);
    return toCommit(this.id, await this.send<GiteaCommit>('git.getCommit', options, { method: 'GET', path: path`/repos/${i.owner}/${i.repo}/git/commits/${i.ref}` }));
  }

  /**
   * `GET /repos/{owner}/{repo}/commits?sha=&path=` (without stats, verification and file lists,
   * which are costly for Gitea), paged. An empty repository (Gitea 409) is an empty list.
   * Gitea 1.22's API has no `since`/`until`: commits are filtered here by committer date, and the
   * listing ends at the first commit older than `since` (Gitea lists newest first).
   * @throws InvalidArgumentError when `since`/`until` are not dates
   */
  async listCommits(input: In<'git.listCommits'>, options: CallOptions = {}): Promise<Out<'git.listCommits'>> {
    const i = this.parse('git.listCommits', input);
    const since = i.since !== undefined ? toTime('git.listCommits', 'since', i.since) : undefined;
    const until = i.until !== undefined ? toTime('git.listCommits', 'until', i.until) : undefined;
    const dateOf = (c: GiteaCommit) => Date.parse(c.commit?.committer?.date ?? c.commit?.author?.date ?? '');
    try {
      return await this.list<GiteaCommit, Out<'git.listCommits'>['items'][number]>(
        'git.listCommits',
        options,
        i,
        path`/repos/${i.owner}/${i.repo}/commits`,
        { sha: i.ref, path: i.path, stat: false, verification: false, files: false },
        (c) => (until !== undefined && dateOf(c) > until ? undefined : toCommit(this.id, c)),
        (c) => String(c.sha),
        since !== undefined || until !== undefined,
        [],
        since !== undefined ? (c) => dateOf(c) < since : undefined,
      );
    } catch (error) {
      if (ProviderCallError.isInstance(error) && error.status === 409 && !i.cursor) {
        return { items: [], provider: this.id, nextCursor: null, totalCount: 0 };
      }
      throw error;
    }
  }

  /**
   * `POST /repos/{owner}/{repo}/contents` (`ChangeFilesOptions`): one commit with every file
   * change; contents are sent base64-encoded.
   * @throws InvalidArgumentError when a create/update has no content
   */
  async createCommit(input: In<'git.createCommit'>, options: CallOptions = {}): Promise<Out<'git.createCommit'>> {
    const i = this.parse('git.createCommit', input);
    const files = i.files.map((f, index) => {
      if (f.action !== 'delete' && f.content === undefined) {
        throw new InvalidArgumentError({ argument: 'git.createCommit', issues: [{ path: `files[${index}].content`, message: `content is required to ${f.action} a file` }] });
      }
      return {
        operation: f.action,
        path: f.path,
        ...(f.content !== undefined ? { content: f.encoding === 'base64' ? f.content : Buffer.from(f.content, 'utf8').toString('base64') } : {}),
        ...(f.sha !== undefined ? { sha: f.sha } : {}),
      };
    });
    const body = { branch: i.branch, message: i.message, files, ...(i.author ? { author: { name: i.author.name, email: i.author.email } } : {}) };
    const res = await this.send<{ commit?: GiteaFileCommit }>('git.createCommit', options, { method: 'POST', path: path`/repos/${i.owner}/${i.repo}/contents`, body });
    return toFileCommit(this.id, res.commit ?? {}, res);
  }

  /**
   * `GET /repos/{owner}/{repo}/compare/{base}...{head}` and the reverse comparison (Gitea's
   * `Compare` only counts commits in one direction). Changed files are gathered from the
   * commits' file lists when Gitea includes them.
   */
  async compareCommits(input: In<'git.compareCommits'>, options: CallOptions = {}): Promise<Out<'git.compareCommits'>> {
    const i = this.parse('git.compareCommits', input);
    type GiteaCompare = { total_commits?: number | null; commits?: GiteaCommit[] | null };
    const ahead = await this.send<GiteaCompare>('git.compareCommits', options, { method: 'GET', path: `${path`/repos/${i.owner}/${i.repo}/compare/${i.base}`}...${encodeURIComponent(i.head)}` });
    const behind = await this.send<GiteaCompare>('git.compareCommits', options, { method: 'GET', path: `${path`/repos/${i.owner}/${i.repo}/compare/${i.head}`}...${encodeURIComponent(i.base)}` });
    const commits = (ahead.commits ?? []).map((c) => toCommit(this.id, c));
    const aheadBy = ahead.total_commits ?? commits.length;
    const behindBy = behind.total_commits ?? (behind.commits ?? []).length;
    const files = new Map<string, { filename: string; status: string }>();
    for (const c of ahead.commits ?? []) for (const f of c.files ?? []) if (f.filename) files.set(f.filename, { filename: f.filename, status: f.status ?? 'modified' });
    const status: Comparison['status'] = aheadBy > 0 && behindBy > 0 ? 'diverged' : aheadBy > 0 ? 'ahead' : behindBy > 0 ? 'behind' : 'identical';
    return { provider: this.id, raw: { ahead, behind }, base: i.base, head: i.head, status, aheadBy, behindBy, commits, files: [...files.values()] };
  }

  // -------------------------------------------------------------------------------------------
  // Tags
  // -------------------------------------------------------------------------------------------

  /** `POST /repos/{owner}/{repo}/tags` (`CreateTagOption`; annotated when `message` is given). */
  async createTag(input: In<'git.createTag'>, options: CallOptions = {}): Promise<Out<'git.createTag'>> {
    const i = this.parse('git.createTag', input);
    const body = { tag_name: i.tag, target: i.target, message: i.message };
    return toTag(this.id, await this.send<GiteaTag>('git.createTag', options, { method: 'POST', path: path`/repos/${i.owner}/${i.repo}/tags`, body }));
  }

  /** `GET /repos/{owner}/{repo}/tags/{tag}`. */
  async getTag(input: In<'git.getTag'>, options: CallOptions = {}): Promise<Out<'git.getTag'>> {
    const i = this.parse('git.getTag', input);
    return toTag(this.id, await this.send<GiteaTag>('git.getTag', options, { method: 'GET', path: path`/repos/${i.owner}/${i.repo}/tags/${i.tag}` }));
  }

  /** `DELETE /repos/{owner}/{repo}/tags/{tag}`. */
  async deleteTag(input: In<'git.deleteTag'>, options: CallOptions = {}): Promise<Ack> {
    const i = this.parse('git.deleteTag', input);
    await this.send('git.deleteTag', options, { method: 'DELETE', path: path`/repos/${i.owner}/${i.repo}/tags/${i.tag}` });
    return { provider: this.id, ok: true, id: i.tag };
  }

  /** `GET /repos/{owner}/{repo}/tags`, paged. */
  async listTags(input: In<'git.listTags'>, options: CallOptions = {}): Promise<Out<'git.listTags'>> {
    const i = this.parse('git.listTags', input);
    return this.list<GiteaTag, Out<'git.listTags'>['items'][number]>('git.listTags', options, i, path`/repos/${i.owner}/${i.repo}/tags`, {}, (t) => toTag(this.id, t), (t) => String(t.name));
  }

  // -------------------------------------------------------------------------------------------
  // Webhooks
  // -------------------------------------------------------------------------------------------

  /** `POST /repos/{owner}/{repo}/hooks` (`CreateHookOption`, `type: gitea`; the secret goes in `config.secret`). */
  async createWebhook(input: In<'git.createWebhook'>, options: CallOptions = {}): Promise<Out<'git.createWebhook'>> {
    const i = this.parse('git.createWebhook', input);
    if (i.secret) registerSecret(i.secret);
    const config: Record<string, string> = { url: i.url, content_type: i.contentType, ...(i.secret ? { secret: i.secret } : {}) };
    const body = { type: 'gitea', config, events: i.events, active: i.active };
    return toWebhook(this.id, await this.send<GiteaHook>('git.createWebhook', options, { method: 'POST', path: path`/repos/${i.owner}/${i.repo}/hooks`, body }));
  }

  /** `PATCH /repos/{owner}/{repo}/hooks/{id}` (`EditHookOption`). */
  async updateWebhook(input: In<'git.updateWebhook'>, options: CallOptions = {}): Promise<Out<'git.updateWebhook'>> {
    const i = this.parse('git.updateWebhook', input);
    const p = i.patch;
    if (p.secret) registerSecret(p.secret);
    const config: Record<string, string> = {
      ...(p.url !== undefined ? { url: p.url } : {}),
      ...(p.contentType !== undefined ? { content_type: p.contentType } : {}),
      ...(p.secret !== undefined ? { secret: p.secret } : {}),
    };
    const body = { ...(Object.keys(config).length ? { config } : {}), events: p.events, active: p.active };
    return toWebhook(this.id, await this.send<GiteaHook>('git.updateWebhook', options, { method: 'PATCH', path: path`/repos/${i.owner}/${i.repo}/hooks/${i.id}`, body }));
  }

  /** `DELETE /repos/{owner}/{repo}/hooks/{id}`. */
  async deleteWebhook(input: In<'git.deleteWebhook'>, options: CallOptions = {}): Promise<Ack> {
    const i = this.parse('git.deleteWebhook', input);
    await this.send('git.deleteWebhook', options, { method: 'DELETE', path: path`/repos/${i.owner}/${i.repo}/hooks/${i.id}` });
    return { provider: this.id, ok: true, id: i.id };
  }

  /** `GET /repos/{owner}/{repo}/hooks`, paged. */
  async listWebhooks(input: In<'git.listWebhooks'>, options: CallOptions = {}): Promise<Out<'git.listWebhooks'>> {
    const i = this.parse('git.listWebhooks', input);
    return this.list<GiteaHook, Out<'git.listWebhooks'>['items'][number]>('git.listWebhooks', options, i, path`/repos/${i.owner}/${i.repo}/hooks`, {}, (h) => toWebhook(this.id, h), (h) => String(h.id));
  }

  // -------------------------------------------------------------------------------------------
  // Collaborators
  // -------------------------------------------------------------------------------------------

  /**
   * `PUT /repos/{owner}/{repo}/collaborators/{collaborator}` (`AddCollaboratorOption`). Gitea
   * adds the user directly (no invitation). `triage`/`maintain` map to `read`/`write` with a warning.
   */
  async addCollaborator(input: In<'git.addCollaborator'>, options: CallOptions = {}): Promise<Out<'git.addCollaborator'>> {
    const i = this.parse('git.addCollaborator', input);
    const mapped = toGiteaPermission(i.permission);
    await this.send('git.addCollaborator', options, { method: 'PUT', path: path`/repos/${i.owner}/${i.repo}/collaborators/${i.username}`, body: { permission: mapped.permission } });
    const warnings: Warning[] = mapped.exact ? [] : [{ type: 'unsupported', feature: `permission:${i.permission}`, message: `granted ${mapped.permission}` }];
    return withWarnings({ provider: this.id, login: i.username, invited: false, permission: fromGiteaPermission(mapped.permission) }, warnings);
  }

  /** `DELETE /repos/{owner}/{repo}/collaborators/{collaborator}`. */
  async removeCollaborator(input: In<'git.removeCollaborator'>, options: CallOptions = {}): Promise<Ack> {
    const i = this.parse('git.removeCollaborator', input);
    await this.send('git.removeCollaborator', options, { method: 'DELETE', path: path`/repos/${i.owner}/${i.repo}/collaborators/${i.username}` });
    return { provider: this.id, ok: true, id: i.username };
  }

  /**
   * `GET /repos/{owner}/{repo}/collaborators`, paged. Gitea's list has no permission per user
   * (it would take one more request per user), so `permission` is `null`.
   */
  async listCollaborators(input: In<'git.listCollaborators'>, options: CallOptions = {}): Promise<Out<'git.listCollaborators'>> {
    const i = this.parse('git.listCollaborators', input);
    return this.list<GiteaUser, Out<'git.listCollaborators'>['items'][number]>('git.listCollaborators', options, i, path`/repos/${i.owner}/${i.repo}/collaborators`, {}, (u) => toCollaborator(this.id, u), (u) => String(u.id ?? u.login));
  }

  // -------------------------------------------------------------------------------------------
  // Issues
  // -------------------------------------------------------------------------------------------

  /** `POST /repos/{owner}/{repo}/issues` (`CreateIssueOption`); label names are resolved to ids (`GET .../labels`). */
  async createIssue(input: In<'git.createIssue'>, options: CallOptions = {}): Promise<Out<'git.createIssue'>> {
    const i = this.parse('git.createIssue', input);
    const warnings: Warning[] = [];
    const labels = i.labels?.length ? await this.labelIds('git.createIssue', i.owner, i.repo, i.labels, options, warnings) : undefined;
    const body = { title: i.title, body: i.body, labels, assignees: i.assignees };
    return withWarnings(toIssue(this.id, await this.send<GiteaIssue>('git.createIssue', options, { method: 'POST', path: path`/repos/${i.owner}/${i.repo}/issues`, body })), warnings);
  }

  /**
   * `PATCH /repos/{owner}/{repo}/issues/{index}` (`EditIssueOption`) and, when labels change,
   * `PUT .../issues/{index}/labels` (`IssueLabelsOption`, ids resolved from names).
   */
  async updateIssue(input: In<'git.updateIssue'>, options: CallOptions = {}): Promise<Out<'git.updateIssue'>> {
    const i = this.parse('git.updateIssue', input);
    const p = i.patch;
    const warnings: Warning[] = [];
    const labelIds = p.labels !== undefined ? await this.labelIds('git.updateIssue', i.owner, i.repo, p.labels, options, warnings) : undefined;
    const body = { title: p.title, body: p.body, state: p.state, assignees: p.assignees };
    const hasEdit = Object.values(body).some((v) => v !== undefined);
    let issue = hasEdit
      ? await this.send<GiteaIssue>('git.updateIssue', options, { method: 'PATCH', path: path`/repos/${i.owner}/${i.repo}/issues/${i.number}`, body })
      : undefined;
    if (labelIds !== undefined) {
      const labels = await this.send<GiteaLabel[]>('git.updateIssue', options, { method: 'PUT', path: path`/repos/${i.owner}/${i.repo}/issues/${i.number}/labels`, body: { labels: labelIds } });
      issue ??= await this.send<GiteaIssue>('git.updateIssue', options, { method: 'GET', path: path`/repos/${i.owner}/${i.repo}/issues/${i.number}` });
      issue = { ...issue, labels };
    }
    return withWarnings(toIssue(this.id, issue ?? {}), warnings);
  }

  /** `PATCH /repos/{owner}/{repo}/issues/{index}` with `state: closed`. */
  async closeIssue(input: In<'git.closeIssue'>, options: CallOptions = {}): Promise<Out<'git.closeIssue'>> {
    const i = this.parse('git.closeIssue', input);
    return toIssue(this.id, await this.send<GiteaIssue>('git.closeIssue', options, { method: 'PATCH', path: path`/repos/${i.owner}/${i.repo}/issues/${i.number}`, body: { state: 'closed' } }));
  }

  /** `GET /repos/{owner}/{repo}/issues?type=issues&state=&labels=` (labels comma-separated), paged. */
  async listIssues(input: In<'git.listIssues'>, options: CallOptions = {}): Promise<Out<'git.listIssues'>> {
    const i = this.parse('git.listIssues', input);
    const query = { state: i.state, type: 'issues', labels: i.labels?.length ? i.labels.join(',') : undefined };
    return this.list<GiteaIssue, Out<'git.listIssues'>['items'][number]>(
      'git.listIssues',
      options,
      i,
      path`/repos/${i.owner}/${i.repo}/issues`,
      query,
      (issue) => (issue.pull_request ? undefined : toIssue(this.id, issue)),
      (issue) => String(issue.id),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Gitea-only extras
  // -------------------------------------------------------------------------------------------

  /**
   * Creates a pull mirror (or a one-time migration) of a remote repository: `POST /repos/migrate`
   * (`MigrateRepoOptions`). Source credentials are registered for redaction and never returned.
   */
  async mirrorRepository(input: GiteaMirrorInput, options: CallOptions = {}): Promise<Repository> {
    if (input.authToken) registerSecret(input.authToken);
    if (input.authPassword) registerSecret(input.authPassword);
    const body = {
      clone_addr: input.cloneAddr,
      repo_name: input.repoName,
      repo_owner: input.owner,
      mirror: input.mirror ?? true,
      mirror_interval: input.mirrorInterval,
      private: input.private,
      description: input.description,
      lfs: input.lfs,
      lfs_endpoint: input.lfsEndpoint,
      service: input.service ?? 'git',
      auth_token: input.authToken,
      auth_username: input.authUsername,
      auth_password: input.authPassword,
    };
    return toRepository(this.id, await this.send<GiteaRepository>('gitea.mirrorRepository', options, { method: 'POST', path: '/repos/migrate', body }));
  }

  /** Creates an organization: `POST /orgs` (`CreateOrgOption`). */
  async createOrganization(input: GiteaOrganizationInput, options: CallOptions = {}): Promise<GiteaOrganization> {
    const body = { username: input.name, full_name: input.fullName, description: input.description, website: input.website, visibility: input.visibility };
    const org = await this.send<{ id?: number; name?: string; username?: string; full_name?: string; visibility?: string }>('gitea.createOrganization', options, { method: 'POST', path: '/orgs', body });
    return { provider: this.id, raw: org, id: String(org.id ?? ''), name: String(org.username ?? org.name ?? input.name), fullName: org.full_name || null, visibility: org.visibility ?? null };
  }

  /**
   * Reports whether Git LFS is available for a repository. Gitea switches LFS on per server
   * (`[server] LFS_START_SERVER`), not per repository, and its API v1 has no repository LFS
   * setting; so this checks the repository exists (`GET /repos/{owner}/{repo}`) and asks the
   * server's LFS batch endpoint (`POST /{owner}/{repo}.git/info/lfs/objects/batch` with no
   * objects): 200 means LFS is on. To bring LFS objects into a new repository use
   * {@link mirrorRepository} with `lfs: true`.
   */
  async enableLFS(input: { owner: string; repo: string }, options: CallOptions = {}): Promise<GiteaLfsStatus> {
    await this.send('gitea.enableLFS', options, { method: 'GET', path: path`/repos/${input.owner}/${input.repo}` });
    const repository = `${input.owner}/${input.repo}`;
    try {
      await this.client.request({
        method: 'POST',
        path: path`/${input.owner}/${input.repo}`.concat('.git/info/lfs/objects/batch'),
        outsideApi: true,
        accept: 'application/vnd.git-lfs+json',
        contentType: 'application/vnd.git-lfs+json',
        body: { operation: 'download', transfers: ['basic'], objects: [] },
        signal: options.signal,
        operation: 'gitea.enableLFS',
      });
      return { provider: this.id, repository, enabled: true };
    } catch (error) {
      if (ProviderCallError.isInstance(error) && (error.status === 404 || error.status === 501)) {
        return { provider: this.id, repository, enabled: false, detail: 'LFS is not enabled on this Gitea server (LFS_START_SERVER)' };
      }
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Internals
  // -------------------------------------------------------------------------------------------

  private async readToken(): Promise<string> {
    const token = await resolveToken({ provider: this.id, token: this.settings.token, getToken: this.settings.getToken });
    this.lastToken = token;
    return token;
  }

  private parse<N extends GitOpName>(name: N, input: unknown): ParsedOperationInput<N> {
    return parseOperationInput(name, input);
  }

  private async send<T>(operation: string, options: CallOptions, req: Omit<GiteaRequest, 'operation' | 'signal'>): Promise<T> {
    const res = await this.client.request<T>({ ...req, body: req.body === undefined ? undefined : dropUndefined(req.body), operation, signal: options.signal });
    return res.data;
  }

  private list<V, T>(
    operation: GitOpName,
    options: CallOptions,
    input: { cursor?: string | undefined; limit?: number | undefined },
    apiPath: string,
    query: Record<string, QueryValue>,
    map: (item: V) => T | undefined,
    key: (item: V) => string,
    filtered = false,
    warnings: Warning[] = [],
    stopAt?: (item: V) => boolean,
  ): Promise<Page<T>> {
    return collectPages<V, T>({
      ...(stopAt ? { stopAt } : {}),
      provider: this.id,
      operation,
      cursor: input.cursor,
      limit: input.limit,
      pageSize: this.settings.pageSize,
      maxPages: this.settings.maxPages,
      map,
      key,
      filtered,
      warnings,
      fetchPage: async (page, perPage): Promise<FetchedPage<V>> => {
        const res = await this.client.request<V[]>({ method: 'GET', path: apiPath, query: { ...query, page, limit: perPage }, signal: options.signal, operation });
        if (!Array.isArray(res.data)) {
          throw new ProviderCallError({ provider: this.id, operation, category: 'unknown', isRetryable: false, status: res.status, message: `${this.id} ${operation}: expected a JSON array` });
        }
        const total = res.headers.get('x-total-count');
        const totalCount = total !== null && /^\d+$/.test(total.trim()) ? Number(total) : undefined;
        return { items: res.data, nextPage: nextPageFromLink(res.headers.get('link')), totalCount };
      },
    });
  }

  private async labelIds(operation: GitOpName, owner: string, repo: string, names: string[], options: CallOptions, warnings: Warning[]): Promise<number[]> {
    if (names.length === 0) return [];
    const all = await collectPages<GiteaLabel, GiteaLabel>({
      provider: this.id,
      operation,
      pageSize: this.settings.pageSize,
      maxPages: this.settings.maxPages,
      limit: 10_000,
      map: (l) => l,
      key: (l) => String(l.id),
      fetchPage: async (page, perPage) => {
        const res = await this.client.request<GiteaLabel[]>({ method: 'GET', path: path`/repos/${owner}/${repo}/labels`, query: { page, limit: perPage }, signal: options.signal, operation });
        return { items: Array.isArray(res.data) ? res.data : [], nextPage: nextPageFromLink(res.headers.get('link')) };
      },
    });
    const byName = new Map(all.items.map((l) => [String(l.name), Number(l.id)]));
    const missing = names.filter((n) => !byName.has(n));
    if (missing.length) warnings.push({ type: 'partial', feature: 'labels', message: `unknown labels ignored: ${missing.join(', ')}` });
    return names.filter((n) => byName.has(n)).map((n) => byName.get(n) as number);
  }
}

function toTime(operation: string, field: string, value: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError({ argument: operation, issues: [{ path: field, message: 'not an ISO-8601 date' }] });
  return t;
}

function withWarnings<T extends object>(value: T, warnings: Warning[]): T {
  return warnings.length ? { ...value, warnings } : value;
}

function dropUndefined(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([, v]) => v !== undefined));
}

/**
 * Creates a Gitea git provider.
 *
 * @example
 * const gitea = createGitea({ baseUrl: 'https://gitea.internal', token: process.env.GITEA_TOKEN });
 * @throws ConfigError when settings are invalid
 */
export function createGitea(settings: GiteaProviderSettings): GiteaProvider {
  return new GiteaProvider(settings);
}
