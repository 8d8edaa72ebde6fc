import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { MosaicError } from '../errors/mosaic-error.js';
import { parseResourceId } from '../registry/define.js';
import { compileCondition, type CompiledCondition, type ConditionScope } from './conditions.js';
import { compilePattern, type CompiledPattern, type PatternSubject } from './patterns.js';
import type { ProviderStats } from './stats.js';
import { createStrategyRunner } from './strategies.js';
import {
  STRATEGY_NAMES,
  type RoutableProvider,
  type RouteDecision,
  type RouteRequest,
  type RouteRule,
  type RouterOptions,
  type RouterState,
  type Router,
  type RouteTrace,
  type RouteTraceFiltered,
  type RouteTraceRule,
  type StrategyName,
} from './types.js';

/** One rule after compilation. */
export interface CompiledRule {
  readonly index: number;
  readonly scope: 'global' | 'tenant';
  readonly pattern: CompiledPattern;
  readonly condition: CompiledCondition | undefined;
  readonly priority: number;
  readonly providers: readonly string[];
  readonly strategy: StrategyName | undefined;
}

/** A character trie of literal prefixes; a node holds the rules whose prefix ends there. */
interface TrieNode {
  rules: CompiledRule[] | undefined;
  next: Map<number, TrieNode> | undefined;
}

/** A path-compressed trie node: `label` is the text of the edge into it. */
interface RadixNode {
  label: string;
  rules: CompiledRule[] | undefined;
  /** Children by the first code unit of their label. */
  next: Map<number, RadixNode> | undefined;
}

function compress(node: TrieNode, label: string): RadixNode {
  let cur = node;
  let text = label;
  while (!cur.rules && cur.next && cur.next.size === 1) {
    const [c, child] = cur.next.entries().next().value as [number, TrieNode];
    text += String.fromCharCode(c);
    cur = child;
  }
  const out: RadixNode = { label: text, rules: cur.rules, next: undefined };
  if (cur.next) {
    out.next = new Map();
    for (const [c, child] of cur.next) out.next.set(c, compress(child, String.fromCharCode(c)));
  }
  return out;
}

interface PrefixBucket {
  subjectOf: (s: PatternSubject) => string | undefined;
  exact: Map<string, CompiledRule[]>;
  /** Globs by literal prefix, in a path-compressed trie. */
  prefixes: RadixNode | undefined;
  /** Rules with a literal prefix (to build the trie). */
  prefixed: CompiledRule[];
  /** Rules whose glob starts with magic or is negated: always checked. */
  residual: CompiledRule[];
}

function trieInsert(root: TrieNode, key: string, rule: CompiledRule): void {
  let node = root;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    node.next ??= new Map();
    let child = node.next.get(c);
    if (!child) {
      child = { rules: undefined, next: undefined };
      node.next.set(c, child);
    }
    node = child;
  }
  (node.rules ??= []).push(rule);
}

/**
 * The rule index. Rules are bucketed by what their pattern looks at (org, repo, user, tenant,
 * op, each input attribute key, the resource id) and, within a bucket, by their literal text:
 * fully literal patterns in an exact-match map, globs by their literal prefix (`acme-` of
 * `org:acme-*`) in a path-compressed character trie walked along the subject, and globs that start with magic
 * in a short residual list. A lookup costs O(B·(1 + L) + R + M log M) — B buckets (≤ 6 +
 * distinct attribute keys), L the length of the subject's longest prefix present in the trie,
 * R residual rules, M rules returned — independent of the number of literal/prefixed rules.
 */
export interface RuleIndex {
  readonly rules: readonly CompiledRule[];
  /** The rules whose pattern matches (conditions not yet checked), by priority desc then index. */
  lookup(subject: PatternSubject): CompiledRule[];
}

/** Builds a {@link RuleIndex} over compiled rules. */
export function buildRuleIndex(rules: readonly CompiledRule[]): RuleIndex {
  const buckets = new Map<string, PrefixBucket>();
  for (const rule of rules) {
    const p = rule.pattern;
    const key = p.kind === 'attr' ? `attr:${p.key}` : p.kind;
    let b = buckets.get(key);
    if (!b) {
      b = { subjectOf: p.subjectOf, exact: new Map(), prefixes: undefined, prefixed: [], residual: [] };
      buckets.set(key, b);
    }
    if (p.exact) push(b.exact, p.literalPrefix, rule);
    else if (p.literalPrefix === '') b.residual.push(rule);
    else b.prefixed.push(rule);
  }
  const list = [...buckets.values()];
  for (const b of list) {
    if (b.prefixed.length === 0) continue;
    const root: TrieNode = { rules: undefined, next: undefined };
    for (const r of b.prefixed) trieInsert(root, r.pattern.literalPrefix, r);
    b.prefixes = compress(root, '');
  }
  return {
    rules,
    lookup(subject) {
      const out: CompiledRule[] = [];
      for (const b of list) {
        const s = b.subjectOf(subject);
        if (s === undefined) continue;
        const ex = b.exact.get(s);
        if (ex) for (const r of ex) out.push(r);
        let node = b.prefixes;
        if (node && s.startsWith(node.label)) {
          let i = node.label.length;
          for (;;) {
            if (node.rules) for (const r of node.rules) if (r.pattern.test(s)) out.push(r);
            if (!node.next || i >= s.length) break;
            const child: RadixNode | undefined = node.next.get(s.charCodeAt(i));
            if (!child || !s.startsWith(child.label, i)) break;
            i += child.label.length;
            node = child;
          }
        }
        for (const r of b.residual) if (r.pattern.test(s)) out.push(r);
      }
      if (out.length > 1) out.sort(compareRules);
      return out;
    },
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

/** Priority desc, then rule index asc. */
export function compareRules(a: CompiledRule, b: CompiledRule): number {
  return b.priority - a.priority || a.index - b.index;
}

/**
 * Compiles rules (patterns and conditions) once.
 * @throws {ConfigError} listing every invalid rule with its path (`rules[2].conditions`); the
 * typed condition errors (`ConditionSyntaxError`, with its column) are collected in
 * `conditionErrors`; `createRouter` keeps the first as the `ConfigError`'s `cause`.
 */
export function compileRules(
  rules: readonly RouteRule[],
  scope: 'global' | 'tenant',
  path: string,
  issues: ConfigIssue[],
  conditionErrors: MosaicError[] = [],
): CompiledRule[] {
  const out: CompiledRule[] = [];
  rules.forEach((rule, index) => {
    const at = `${path}[${index}]`;
    if (typeof rule?.pattern !== 'string' || rule.pattern === '') {
      issues.push({ path: `${at}.pattern`, message: 'expected a non-empty string' });
      return;
    }
    const providers = dedupe([...(rule.provider !== undefined ? [rule.provider] : []), ...(rule.providers ?? [])]);
    if (providers.length === 0) issues.push({ path: `${at}.providers`, message: 'a rule needs `provider` or `providers`' });
    const priority = rule.priority ?? 0;
    if (typeof priority !== 'number' || !Number.isFinite(priority)) issues.push({ path: `${at}.priority`, message: 'expected a finite number' });
    if (rule.strategy !== undefined && !STRATEGY_NAMES.includes(rule.strategy)) {
      issues.push({ path: `${at}.strategy`, message: `expected one of ${STRATEGY_NAMES.join(', ')}` });
    }
    let condition: CompiledCondition | undefined;
    if (rule.conditions !== undefined) {
      try {
        condition = compileCondition(rule.conditions);
      } catch (error) {
        if (!MosaicError.isInstance(error)) throw error;
        issues.push({ path: `${at}.conditions`, message: error.message });
        conditionErrors.push(error);
      }
    }
    out.push({
      index,
      scope,
      pattern: compilePattern(rule.pattern),
      condition,
      priority: Number.isFinite(priority) ? priority : 0,
      providers: Object.freeze(providers),
      strategy: rule.strategy,
    });
  });
  return out;
}

function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function toList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : dedupe(Array.isArray(v) ? v : [v]);
}

/**
 * The service and attributes of a resource id, as `parseResourceId` gives them; ids without
 * `%` escapes take a fast path that skips decoding.
 */
function resourceParts(id: string, partsMemo: Map<string, ResourceParts>): ResourceParts {
  let parts = partsMemo.get(id);
  if (!parts) {
    const parsed = parseParts(id);
    const { org, repo } = parsed.attributes;
    parts = { ...parsed, repoPath: org !== undefined && repo !== undefined ? `${org}/${repo}` : undefined };
    if (partsMemo.size >= 2048) partsMemo.clear();
    partsMemo.set(id, parts);
  }
  return parts;
}

type ResourceParts = {
  service: string;
  attributes: Record<string, string>;
  repoPath?: string | undefined;
  /** `{ ...attributes, id, service }`, the `resource` of the condition scope (built once). */
  view?: Readonly<Record<string, string>>;
};

function parseParts(id: string): { service: string; attributes: Record<string, string> } {
  if (id.includes('%')) return parseResourceId(id);
  const colon = id.indexOf(':');
  const service = colon === -1 ? '' : id.slice(0, colon);
  const attributes: Record<string, string> = {};
  let i = colon + 1;
  const n = id.length;
  while (i < n) {
    const a = id.indexOf('/', i);
    if (a === -1) break;
    const b = id.indexOf('/', a + 1);
    attributes[id.slice(i, a)] = b === -1 ? id.slice(a + 1) : id.slice(a + 1, b);
    if (b === -1) break;
    i = b + 1;
  }
  return { service, attributes };
}

/** Builds the condition scope `{ ...context, input, op, kind, service, resource }`. */
function conditionScope(req: RouteRequest, parts: ResourceParts): ConditionScope {
  parts.view ??= Object.freeze({ ...parts.attributes, id: req.resourceId, service: parts.service });
  return {
    ...req.context,
    input: req.input,
    op: req.operation.name,
    kind: req.operation.kind,
    service: req.operation.service,
    resource: parts.view,
  };
}

interface Table {
  index: RuleIndex;
  default: string[];
}

interface Selection {
  rules: RouteTraceRule[];
  considered: number;
  chosen: string[];
  strategy: StrategyName;
  groupKey: string;
  source: RouteTrace['source'];
}

/**
 * Creates a router over a fixed provider set. Rules compile once; `route` and `explain` then
 * look rules up through the index (see {@link RuleIndex}), filter candidates and order them by
 * the strategy.
 *
 * Decision: the highest-priority matching rules win (tenant rules before global rules); equal
 * priorities share the union of their providers under the first strategy one of them names
 * (else `loadBalancing.strategy`, else `round-robin`); with no match, the tenant's or global
 * `default` is used. `fallbacks` are appended (deduplicated). Every candidate is then filtered —
 * capability (known provider of the operation's service declaring the operation), health,
 * breaker (`breakerAllows` for the operation's kind), quota, the tenant's provider set, extra
 * `filters` — each exclusion recorded with its reason. The chosen group is ordered by the
 * strategy; the remaining fallbacks follow in their configured order.
 *
 * An empty `candidates` list means nothing can serve the call (the orchestrator throws
 * `NoProviderAvailableError` with the trace). Deterministic for fixed state and `random`.
 * @throws {ConfigError} when a rule is invalid (see {@link compileRules}).
 */
export function createRouter(options: RouterOptions, providers: RoutableProvider[], state: RouterState, stats: ProviderStats): Router {
  const issues: ConfigIssue[] = [];
  const conditionErrors: MosaicError[] = [];
  const global: Table = {
    index: buildRuleIndex(compileRules(options.rules ?? [], 'global', 'rules', issues, conditionErrors)),
    default: toList(options.default),
  };
  const tenants = new Map<string, Table>();
  for (const [tenant, cfg] of Object.entries(options.tenants ?? {})) {
    tenants.set(tenant, {
      index: buildRuleIndex(compileRules(cfg.rules ?? [], 'tenant', `tenants.${tenant}.rules`, issues, conditionErrors)),
      default: toList(cfg.default),
    });
  }
  const globalStrategy = options.loadBalancing?.strategy ?? 'round-robin';
  if (!STRATEGY_NAMES.includes(globalStrategy)) {
    issues.push({ path: 'loadBalancing.strategy', message: `expected one of ${STRATEGY_NAMES.join(', ')}` });
  }
  if (issues.length) throw new ConfigError({ issues, ...(conditionErrors.length ? { cause: conditionErrors[0] } : {}) });

  const byId = new Map(providers.map((p) => [p.id, p]));
  /** Recently parsed resource ids (at most 2048; the parts are never mutated). */
  const partsMemo = new Map<string, ResourceParts>();
  const fallbacks = toList(options.fallbacks);
  const filters = options.filters ?? [];
  const weights = options.loadBalancing?.weights ?? {};
  const costs = options.costs ?? {};
  const runner = createStrategyRunner({
    stats,
    random: options.random ?? Math.random,
    weightOf: (id) => weights[id] ?? byId.get(id)?.weight ?? 1,
    costOf: (id, op) => costs[id]?.[op] ?? costs[id]?.['*'] ?? 0,
    ...(options.adaptive ? { adaptive: options.adaptive } : {}),
  });

  /** `<scope>:<index>`, the group key of a rule selected alone (built once per rule). */
  const groupKeys = new Map<CompiledRule, string>();
  const groupKeyOf = (r: CompiledRule): string => {
    let key = groupKeys.get(r);
    if (key === undefined) {
      key = `${r.scope}:${r.index}`;
      groupKeys.set(r, key);
    }
    return key;
  };

  const select = (table: Table, subject: PatternSubject, req: RouteRequest, parts: ResourceParts, scopeCache: { v?: ConditionScope }): Selection => {
    const hits = table.index.lookup(subject);
    const rules: RouteTraceRule[] = [];
    let top: number | undefined;
    const chosen: string[] = [];
    let strategy: StrategyName | undefined;
    let groupKey = '';
    for (const r of hits) {
      if (r.condition) {
        scopeCache.v ??= conditionScope(req, parts);
        let ok: boolean;
        try {
          ok = r.condition(scopeCache.v);
        } catch {
          ok = false;
        }
        if (!ok) continue;
      }
      top ??= r.priority;
      const selected = r.priority === top;
      rules.push({ index: r.index, scope: r.scope, pattern: r.pattern.source, priority: r.priority, providers: r.providers, selected });
      if (selected) {
        for (const p of r.providers) if (!chosen.includes(p)) chosen.push(p);
        strategy ??= r.strategy;
        groupKey = groupKey ? `${groupKey},${r.index}` : groupKeyOf(r);
      }
    }
    if (top === undefined) return { rules, considered: hits.length, chosen: [], strategy: globalStrategy, groupKey: '', source: 'none' };
    return { rules, considered: hits.length, chosen, strategy: strategy ?? globalStrategy, groupKey, source: 'rule' };
  };

  const exclude = (id: string, req: RouteRequest, tenant: string, tenantSet: ReadonlySet<string> | undefined): [RouteTraceFiltered['filter'], string] | undefined => {
    const op = req.operation;
    const p = byId.get(id);
    if (!p) return ['capability', 'unknown provider'];
    if (p.serviceType !== op.service) return ['capability', `serves ${p.serviceType}, not ${op.service}`];
    if (!p.operations.has(op.name)) return ['capability', `does not declare ${op.name}`];
    if (!state.isHealthy(id)) return ['health', 'unhealthy'];
    const b = state.breakerAllows(id, op.kind);
    if (!b.allowed) return ['breaker', b.reason ?? `breaker ${b.state}`];
    if (state.quotaExhausted?.(id)) return ['quota', 'rate-limit budget exhausted'];
    if (tenantSet && !tenantSet.has(id)) return ['tenant', `not in tenant ${tenant}'s provider set`];
    for (const f of filters) {
      const r = f(req, p);
      if (r !== undefined) return ['custom', r];
    }
    return undefined;
  };

  const decide = (req: RouteRequest, commit: boolean): RouteDecision => {
    const t0 = performance.now();
    const op = req.operation;
    const tenant = req.context.tenant;
    const parsed = resourceParts(req.resourceId, partsMemo);
    const user = req.context.user;
    const subject: PatternSubject = {
      operation: op.name,
      resourceId: req.resourceId,
      attributes: parsed.attributes,
      tenant,
      userId: user && typeof user.id === 'string' ? user.id : undefined,
      input: req.input,
      repoPath: parsed.repoPath,
    };
    const scopeCache: { v?: ConditionScope } = {};
    const tenantTable = tenants.get(tenant);
    let rulesMatched: RouteTraceRule[] = [];
    let considered = 0;
    let sel: Selection | undefined;
    if (tenantTable) {
      const s = select(tenantTable, subject, req, parsed, scopeCache);
      considered += s.considered;
      rulesMatched = s.rules;
      if (s.source === 'rule') {
        s.source = 'tenant-rule';
        sel = s;
      }
    }
    if (!sel) {
      const s = select(global, subject, req, parsed, scopeCache);
      considered += s.considered;
      rulesMatched = rulesMatched.length ? [...rulesMatched, ...s.rules] : s.rules;
      if (s.source === 'rule') sel = s;
    }
    if (!sel) {
      if (tenantTable && tenantTable.default.length) {
        sel = { rules: [], considered: 0, chosen: tenantTable.default, strategy: globalStrategy, groupKey: `tenant-default:${tenant}`, source: 'tenant-default' };
      } else if (global.default.length) {
        sel = { rules: [], considered: 0, chosen: global.default, strategy: globalStrategy, groupKey: 'default', source: 'default' };
      } else {
        sel = { rules: [], considered: 0, chosen: [], strategy: globalStrategy, groupKey: 'none', source: 'none' };
      }
    }

    const before = sel.chosen.slice();
    for (const f of fallbacks) if (!before.includes(f)) before.push(f);

    const filtered: RouteTraceFiltered[] = [];
    // A handful of ids: an array beats a Set (no hashing, no allocation of buckets).
    const allowed: string[] = [];
    const tenantSet = state.tenantProviders?.(tenant);
    for (const id of before) {
      const reason = exclude(id, req, tenant, tenantSet);
      if (reason) filtered.push({ provider: id, filter: reason[0], reason: reason[1] });
      else allowed.push(id);
    }
    const allowedSet = allowed.length > 16 ? new Set(allowed) : undefined;
    const isAllowed = (id: string): boolean => (allowedSet ? allowedSet.has(id) : allowed.includes(id));

    const group = filtered.length === 0 ? sel.chosen.slice() : sel.chosen.filter(isAllowed);
    const result = runner.run(sel.strategy, { ids: group, groupKey: sel.groupKey, operation: op.name, commit });
    const candidates = result.order;
    for (const id of allowed) if (!candidates.includes(id)) candidates.push(id);

    const trace: RouteTrace = {
      operation: op.name,
      kind: op.kind,
      resourceId: req.resourceId,
      tenant,
      source: sel.source,
      rulesMatched,
      rulesConsidered: considered,
      before,
      filtered,
      strategy: sel.strategy,
      scores: result.scores,
      candidates,
      durationUs: 0,
    };
    trace.durationUs = Math.round((performance.now() - t0) * 1000 * 100) / 100;
    return { candidates: candidates.slice(), trace };
  };

  return {
    route: (req) => decide(req, true),
    explain: (req) => decide(req, false).trace,
  };
}
