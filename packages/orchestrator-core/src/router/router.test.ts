import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { parseResourceId } from '../registry/define.js';
import { ConditionSyntaxError } from './condition-syntax-error.js';
import { compileCondition, type StructuredCondition } from './conditions.js';
import { compilePattern } from './patterns.js';
import { createRouter } from './router.js';
import { createProviderStats } from './stats.js';
import { fakeState, provider, request } from './test-fixtures.js';
import type { RouteRequest, RouteRule, RouterOptions } from './types.js';

const ids = ['github', 'gitea', 'gitlab', 'bitbucket', 'gitea-2', 'github-2'];
const providers = ids.map((id) => provider(id));

function router(options: Partial<RouterOptions> & { rules: RouteRule[] }, state = fakeState()) {
  return createRouter(options, providers, state, createProviderStats({ clock: () => 0 }));
}

const create = (owner: string, name = 'svc', extra: Record<string, unknown> = {}, ctx: Partial<RouteRequest['context']> = {}) =>
  request('git.createRepository', { owner, name, private: false, ...extra }, ctx);

describe('rule selection', () => {
  it('picks the highest-priority matching rule; default catches the rest', () => {
    const r = router({
      rules: [
        { pattern: 'org:internal-*', provider: 'gitea', priority: 10 },
        { pattern: 'op:git.*', provider: 'github', priority: 1 },
        { pattern: 'repo:*/legacy-*', provider: 'gitlab', priority: 20 },
      ],
      default: 'bitbucket',
    });
    expect(r.route(create('internal-tools')).candidates).toEqual(['gitea']);
    expect(r.route(create('internal-tools', 'legacy-x')).candidates).toEqual(['gitlab']);
    expect(r.route(create('acme')).candidates).toEqual(['github']);
    const d = r.route(request('git.getRepository', { owner: 'acme', repo: 'x' }));
    expect(d.candidates).toEqual(['github']);
    const noRule = router({ rules: [{ pattern: 'org:zzz', provider: 'gitea' }], default: ['bitbucket', 'gitlab'] });
    const t = noRule.route(create('acme')).trace;
    expect(t.source).toBe('default');
    expect(t.candidates).toEqual(['bitbucket', 'gitlab']);
  });

  it('equal priorities share the load across the union of their providers', () => {
    const r = router({
      rules: [
        { pattern: 'org:acme', providers: ['github', 'gitea'], priority: 5 },
        { pattern: 'op:git.createRepository', providers: ['gitea', 'gitlab'], priority: 5 },
        { pattern: 'org:*', provider: 'bitbucket', priority: 1 },
      ],
    });
    const primaries = Array.from({ length: 6 }, () => r.route(create('acme')).candidates);
    expect(primaries.map((c) => c[0])).toEqual(['github', 'gitea', 'gitlab', 'github', 'gitea', 'gitlab']);
    // the rest of the group follows the primary, so failover can use it
    for (const c of primaries) expect([...c].sort()).toEqual(['gitea', 'github', 'gitlab']);
    const trace = r.explain(create('acme'));
    expect(trace.rulesMatched.map((m) => [m.index, m.selected])).toEqual([
      [0, true],
      [1, true],
      [2, false],
    ]);
  });

  it('uses the strategy named by the group, else the global one', () => {
    const r = router({
      rules: [{ pattern: 'org:acme', providers: ['github', 'gitea'], strategy: 'cost' }],
      costs: { github: { '*': 5 }, gitea: { 'git.createRepository': 1, '*': 9 } },
      loadBalancing: { strategy: 'round-robin' },
      default: ['github', 'gitea'],
    });
    expect(r.route(create('acme')).trace.strategy).toBe('cost');
    expect(r.route(create('acme')).candidates).toEqual(['gitea', 'github']);
    expect(r.route(create('other')).trace.strategy).toBe('round-robin');
  });

  it('evaluates conditions over { ...context, input, op, kind, service, resource }', () => {
    const r = router({
      rules: [
        { pattern: 'op:git.*', provider: 'gitea', priority: 9, conditions: "user.region == 'EU' && resource.org == 'acme'" },
        { pattern: 'op:git.*', provider: 'gitlab', priority: 8, conditions: { 'input.private': true, kind: 'write' } },
        { pattern: 'op:git.*', provider: 'github', priority: 7, conditions: 'build.size > 10GB' },
      ],
      default: 'bitbucket',
    });
    expect(r.route(create('acme', 'svc', {}, { user: { region: 'EU' } })).candidates).toEqual(['gitea']);
    expect(r.route(create('other', 'svc', {}, { user: { region: 'EU' } })).candidates).toEqual(['bitbucket']);
    expect(r.route(create('other', 'svc', { private: true })).candidates).toEqual(['gitlab']);
    expect(r.route(create('other', 'svc', {}, { build: { size: 11e9 } })).candidates).toEqual(['github']);
  });

  it('tenant rules win over global rules; the tenant default over the global default', () => {
    const r = router({
      rules: [{ pattern: 'org:acme', provider: 'github', priority: 100 }],
      default: 'bitbucket',
      tenants: {
        t1: { rules: [{ pattern: 'org:*', provider: 'gitea', priority: 0 }] },
        t2: { default: 'gitlab' },
      },
    });
    const t1 = r.route(create('acme', 'svc', {}, { tenant: 't1' })).trace;
    expect(t1.candidates).toEqual(['gitea']);
    expect(t1.source).toBe('tenant-rule');
    expect(r.route(create('acme', 'svc', {}, { tenant: 't2' })).candidates).toEqual(['github']);
    const t2 = r.route(create('zeta', 'svc', {}, { tenant: 't2' })).trace;
    expect([t2.source, t2.candidates]).toEqual(['tenant-default', ['gitlab']]);
    expect(r.route(create('zeta')).candidates).toEqual(['bitbucket']);
  });

  it('decodes escaped resource ids (GitLab subgroups) and reuses parsed ids', () => {
    const r = router({ rules: [{ pattern: 'org:group/*', provider: 'gitlab' }, { pattern: 'repo:group/sub/svc', provider: 'gitea', priority: 1 }], default: 'github' });
    const req = create('group/sub');
    expect(req.resourceId).toBe('git:org/group%2Fsub/repo/svc');
    expect(r.route(req).candidates).toEqual(['gitea']);
    expect(r.route(create('group/sub', 'web')).candidates).toEqual(['gitlab']);
    expect(r.route(create('group/sub', 'web')).candidates).toEqual(['gitlab']);
    expect(r.route(create('group')).candidates).toEqual(['github']);
  });

  it('looks up only the rules that can match (index), whatever the number of rules', () => {
    const rules: RouteRule[] = Array.from({ length: 1000 }, (_, i) => ({ pattern: i % 2 ? `org:org-${i}` : `repo:org-${i}/*`, provider: 'github', priority: i % 7 }));
    rules.push({ pattern: 'org:special-*', provider: 'gitea', priority: 1 });
    const r = router({ rules });
    const t = r.explain(create('org-501'));
    expect(t.rulesConsidered).toBe(1);
    expect(t.candidates).toEqual(['github']);
    const s = r.explain(create('special-x'));
    expect(s.rulesConsidered).toBe(1);
    expect(s.candidates).toEqual(['gitea']);
  });
});

describe('filters and fallbacks', () => {
  it('records each excluded provider with its reason, fallbacks included', () => {
    const state = fakeState();
    state.unhealthy.add('gitea');
    state.breakers.set('gitlab', { allowed: false, state: 'half-open', reason: 'probe in flight' });
    state.exhausted.add('bitbucket');
    state.tenantSets.set('t1', new Set(['github', 'gitea', 'gitlab', 'bitbucket', 'github-2', 'nope']));
    const others = [provider('ci', { serviceType: 'cicd' }), provider('readonly', { operations: new Set(['git.getRepository']) })];
    const r = createRouter(
      {
        rules: [{ pattern: 'org:acme', providers: ['gitea', 'github', 'gitlab', 'bitbucket', 'ghost', 'ci', 'readonly', 'gitea-2'] }],
        fallbacks: ['github', 'github-2', 'gitea'],
        filters: [(req, p) => (p.id === 'github-2' && req.operation.kind === 'write' ? 'writes disabled' : undefined)],
      },
      [...providers, ...others],
      state,
      createProviderStats(),
    );
    const d = r.route(create('acme', 'svc', {}, { tenant: 't1' }));
    expect(d.candidates).toEqual(['github']);
    expect(d.trace.before).toEqual(['gitea', 'github', 'gitlab', 'bitbucket', 'ghost', 'ci', 'readonly', 'gitea-2', 'github-2']);
    expect(d.trace.filtered).toEqual([
      { provider: 'gitea', filter: 'health', reason: 'unhealthy' },
      { provider: 'gitlab', filter: 'breaker', reason: 'probe in flight' },
      { provider: 'bitbucket', filter: 'quota', reason: 'rate-limit budget exhausted' },
      { provider: 'ghost', filter: 'capability', reason: 'unknown provider' },
      { provider: 'ci', filter: 'capability', reason: 'serves cicd, not git' },
      { provider: 'readonly', filter: 'capability', reason: 'does not declare git.createRepository' },
      { provider: 'gitea-2', filter: 'tenant', reason: "not in tenant t1's provider set" },
      { provider: 'github-2', filter: 'custom', reason: 'writes disabled' },
    ]);
    // a read: the custom filter lets github-2 through as a fallback; readonly is outside t1's set
    const read = r.route(request('git.getRepository', { owner: 'acme', repo: 'svc' }, { tenant: 't1' }));
    expect(read.candidates).toEqual(['github', 'github-2']);
    expect(read.trace.filtered.find((f) => f.provider === 'readonly')?.filter).toBe('tenant');
  });

  it('passes the operation kind to the breaker view and falls back when the group is empty', () => {
    const state = fakeState();
    const kinds: string[] = [];
    state.breakerAllows = (id, kind) => {
      kinds.push(kind);
      return id === 'github' ? { allowed: false, state: 'open' } : { allowed: true, state: 'closed' };
    };
    const r = router({ rules: [{ pattern: 'org:*', provider: 'github' }], fallbacks: ['gitea', 'github', 'gitlab'] }, state);
    const d = r.route(create('acme'));
    expect(d.candidates).toEqual(['gitea', 'gitlab']);
    expect(d.trace.filtered).toEqual([{ provider: 'github', filter: 'breaker', reason: 'breaker open' }]);
    expect(kinds).toContain('write');
    r.route(request('git.getRepository', { owner: 'a', repo: 'b' }));
    expect(kinds).toContain('read');
  });

  it('returns no candidates (and says why) when nothing can serve', () => {
    const state = fakeState();
    state.unhealthy.add('github');
    const r = router({ rules: [], default: 'github' }, state);
    const d = r.route(create('acme'));
    expect(d.candidates).toEqual([]);
    expect(d.trace.filtered).toEqual([{ provider: 'github', filter: 'health', reason: 'unhealthy' }]);
    expect(router({ rules: [] }).route(create('acme')).trace.source).toBe('none');
  });
});

describe('explain and trace', () => {
  it('explain has no side effects on round-robin and weighted counters', () => {
    for (const strategy of ['round-robin', 'weighted'] as const) {
      const r = router({ rules: [{ pattern: 'org:*', providers: ['github', 'gitea', 'gitlab'], strategy }], loadBalancing: { weights: { github: 2 } } });
      const first = r.explain(create('acme'));
      for (let i = 0; i < 5; i++) expect(r.explain(create('acme')).candidates).toEqual(first.candidates);
      expect(r.route(create('acme')).candidates).toEqual(first.candidates);
      expect(r.explain(create('acme')).candidates).not.toEqual(first.candidates);
    }
  });

  it('is JSON-serializable and complete', () => {
    const r = router({ rules: [{ pattern: 'org:acme', providers: ['github', 'gitea'], priority: 2, strategy: 'adaptive' }], fallbacks: ['gitlab'] });
    const t = r.explain(create('acme'));
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    expect(t).toMatchObject({
      operation: 'git.createRepository',
      kind: 'write',
      resourceId: 'git:org/acme/repo/svc',
      tenant: 'default',
      source: 'rule',
      rulesMatched: [{ index: 0, scope: 'global', pattern: 'org:acme', priority: 2, providers: ['github', 'gitea'], selected: true }],
      rulesConsidered: 1,
      before: ['github', 'gitea', 'gitlab'],
      filtered: [],
      strategy: 'adaptive',
      scores: { github: 0, gitea: 0 },
      candidates: ['github', 'gitea', 'gitlab'],
    });
    expect(t.durationUs).toBeGreaterThanOrEqual(0);
  });

  it('rejects invalid rules with a ConfigError naming each path', () => {
    let err: unknown;
    try {
      router({
        rules: [
          { pattern: 'org:a', provider: 'github', conditions: "user.region = 'EU'" },
          { pattern: '', provider: 'github' },
          { pattern: 'org:b' },
          { pattern: 'org:c', provider: 'github', strategy: 'fastest' as never },
        ],
        tenants: { t: { rules: [{ pattern: 'org:d', provider: 'x', conditions: { $bad: 1 } as unknown as StructuredCondition }] } },
      });
    } catch (e) {
      err = e;
    }
    expect(ConfigError.isInstance(err)).toBe(true);
    const ce = err as ConfigError;
    expect(ce.issues.map((i) => i.path)).toEqual(['rules[0].conditions', 'rules[1].pattern', 'rules[2].providers', 'rules[3].strategy', 'tenants.t.rules[0].conditions']);
    expect(ConditionSyntaxError.isInstance(ce.cause)).toBe(true);
    expect((ce.cause as ConditionSyntaxError).column).toBe(13);
  });
});

// -------------------------------------------------------------------------------------------
// Property tests

const orgs = ['acme', 'acme-tools', 'beta', 'internal-x', 'internal-y', 'zeta'];
const repos = ['svc', 'legacy-api', 'web'];
const patternArb = fc.constantFrom(
  ...orgs.map((o) => `org:${o}`),
  'org:acme*',
  'org:acme-*',
  'org:acme-t*',
  'org:internal-*',
  'org:internal-?',
  'org:*',
  'org:!acme',
  'org:{beta,zeta}',
  'org:*-tools',
  'repo:*/legacy-*',
  'repo:acme/svc',
  'repo:internal-*/*',
  'user:bot-*',
  'user:alice',
  'tenant:t1',
  'tenant:t*',
  'op:git.*',
  'op:git.getRepository',
  'op:git.create*',
  'private:true',
  'private:false',
  'name:legacy-*',
  'git:org/acme/**',
  '**',
  '*:org/*/repo/web',
  'git:org/beta/repo/svc',
);
const conditionArb = fc.option(
  fc.constantFrom<string | StructuredCondition>("user.region == 'EU'", { 'user.region': { $in: ['US'] } }, 'input.private', '!input.private || tenant == "t2"'),
  { nil: undefined },
);
const ruleArb: fc.Arbitrary<RouteRule> = fc.record({
  pattern: patternArb,
  providers: fc.subarray(ids, { minLength: 1 }),
  priority: fc.integer({ min: 0, max: 3 }),
  conditions: conditionArb,
});
const requestArb = fc
  .record({
    op: fc.constantFrom('git.createRepository', 'git.getRepository'),
    owner: fc.constantFrom(...orgs),
    repo: fc.constantFrom(...repos),
    private: fc.boolean(),
    user: fc.option(fc.constantFrom('bot-1', 'alice', 'carol'), { nil: undefined }),
    region: fc.constantFrom('EU', 'US'),
    tenant: fc.constantFrom('t1', 't2'),
  })
  .map((g) =>
    g.op === 'git.createRepository'
      ? request(g.op, { owner: g.owner, name: g.repo, private: g.private }, { tenant: g.tenant, user: { id: g.user, region: g.region } })
      : request(g.op, { owner: g.owner, repo: g.repo }, { tenant: g.tenant, user: { id: g.user, region: g.region } }),
  );

/** The naive reference: scan every rule in order. */
function naive(rules: RouteRule[], options: { default?: string[]; fallbacks?: string[] }, req: RouteRequest) {
  const attributes = parseResourceId(req.resourceId).attributes;
  const subject = { operation: req.operation.name, resourceId: req.resourceId, attributes, tenant: req.context.tenant, userId: req.context.user?.id, input: req.input };
  const scope = { ...req.context, input: req.input, op: req.operation.name, kind: req.operation.kind, service: req.operation.service, resource: { ...attributes, id: req.resourceId, service: 'git' } };
  const matched = rules
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => compilePattern(r.pattern).matches(subject as never) && (r.conditions === undefined || compileCondition(r.conditions)(scope)));
  const top = Math.max(...matched.map((m) => m.r.priority ?? 0));
  const group = matched.filter((m) => (m.r.priority ?? 0) === top);
  const chosen = group.length ? [...new Set(group.flatMap((g) => g.r.providers ?? []))] : (options.default ?? []);
  const candidates = [...new Set([...chosen, ...(options.fallbacks ?? [])])];
  const sortedMatched = [...matched].sort((a, b) => (b.r.priority ?? 0) - (a.r.priority ?? 0) || a.index - b.index).map((m) => m.index);
  return { selected: group.map((g) => g.index), matched: sortedMatched, candidates };
}

describe('properties', () => {
  it('the index decides exactly like a naive linear scan', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { maxLength: 40 }),
        fc.option(fc.subarray(ids, { minLength: 1 }), { nil: undefined }),
        fc.subarray(ids),
        fc.array(requestArb, { minLength: 1, maxLength: 10 }),
        (rules, def, fallbacks, reqs) => {
          const r = router({ rules, ...(def ? { default: def } : {}), fallbacks });
          for (const req of reqs) {
            const t = r.explain(req);
            const n = naive(rules, { ...(def ? { default: def } : {}), fallbacks }, req);
            expect(t.rulesMatched.filter((m) => m.selected).map((m) => m.index)).toEqual(n.selected);
            expect(t.rulesMatched.map((m) => m.index)).toEqual(n.matched);
            expect(t.candidates).toEqual(n.candidates);
            expect(t.rulesConsidered).toBeLessThanOrEqual(rules.length);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('is deterministic for fixed state and fixed random, for every strategy', () => {
    const strategies = ['round-robin', 'weighted', 'least-connections', 'response-time', 'adaptive', 'cost'] as const;
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 15 }), fc.constantFrom(...strategies), fc.integer(), fc.array(requestArb, { minLength: 1, maxLength: 20 }), (rules, strategy, seed, reqs) => {
        const run = () => {
          const rng = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { seed, numRuns: 200 });
          let i = 0;
          const stats = createProviderStats({ clock: () => 1000 });
          ids.forEach((id, k) => stats.onEnd(id, { latencyMs: 10 * (k + 1), ok: k !== 2 }));
          const r = createRouter(
            { rules, default: ids, loadBalancing: { strategy, weights: { github: 3, gitea: 2 } }, costs: { gitlab: { '*': 1 } }, random: () => rng[i++ % rng.length]! },
            providers,
            fakeState(),
            stats,
          );
          return reqs.map((q) => {
            const d = r.route(q);
            return { c: d.candidates, s: d.trace.scores };
          });
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: 150 },
    );
  });
});
