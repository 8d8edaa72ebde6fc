import { Minimatch } from 'minimatch';
import { SERVICE_TYPES } from '../spec/v1/provider.js';

/**
 * The kinds of routing pattern:
 * - `org:<glob>` — the resource's `org` attribute (from the resource id, e.g. `git:org/acme/…`);
 * - `repo:<glob>` — `<org>/<repo>` of the resource (both attributes must be present);
 * - `user:<glob>` — `context.user.id`;
 * - `tenant:<glob>` — the request's tenant;
 * - `op:<glob>` — the operation name (`op:git.*`);
 * - `attr` — `<key>:<glob>` over the input's top-level field `key`, compared as a string
 *   (`private:true` matches `input.private === true`; fields that are missing, null or objects
 *   never match);
 * - `resource` — a minimatch glob over the whole resource id (`git:org/acme/**`).
 */
export type PatternKind = 'org' | 'repo' | 'user' | 'tenant' | 'op' | 'attr' | 'resource';

/** The request fields a pattern is matched against. */
export interface PatternSubject {
  operation: string;
  resourceId: string;
  /** Attributes of the resource id (`parseResourceId(resourceId).attributes`). */
  attributes: Readonly<Record<string, string>>;
  tenant: string;
  userId: string | undefined;
  input: unknown;
  /** `<org>/<repo>` when precomputed by the caller (else derived from `attributes`). */
  repoPath?: string | undefined;
}

/** A parsed, compiled pattern. */
export interface CompiledPattern {
  readonly source: string;
  readonly kind: PatternKind;
  /** For `attr` patterns, the input field name. */
  readonly key?: string;
  /** The glob part (after the prefix). */
  readonly glob: string;
  /**
   * The literal text every matching subject starts with (`acme-` for `org:acme-*`); the whole
   * glob when it has no magic; `''` for negated patterns or globs that start with magic.
   */
  readonly literalPrefix: string;
  /** True when the glob has no magic characters: it matches exactly `literalPrefix`. */
  readonly exact: boolean;
  /** The subject string this pattern looks at, or `undefined` when the request has none. */
  subjectOf(subject: PatternSubject): string | undefined;
  /** True when the request matches. */
  matches(subject: PatternSubject): boolean;
  /** True when a subject string (from {@link CompiledPattern.subjectOf}) matches the glob. */
  test(value: string): boolean;
}

const PREFIX_KINDS = new Set(['org', 'repo', 'user', 'tenant', 'op']);
const SERVICE_SET = new Set<string>(SERVICE_TYPES);
const MAGIC = /[*?[\]{}()!+@\\]/;
const ATTR_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Tells which kind a pattern is. Rules, in order:
 * 1. `glob:<pattern>` forces a resource-id glob (escape hatch);
 * 2. `org:`, `repo:`, `user:`, `tenant:`, `op:` prefixes are those kinds;
 * 3. a pattern with no `:`, or whose part before the first `:` is a service type (`git`, `cicd`,
 *    `docs`, `project`, `ai`, `workflow`) or is not a plain identifier (contains `*`, `/`, …),
 *    is a resource-id glob (`git:org/acme/**`, `*:org/acme/**`, `**`);
 * 4. anything else `key:value` is an input attribute pattern (`private:true`, `visibility:int*`).
 * So an input field named like a service type or a reserved prefix can only be matched with a
 * condition (`input.git == ...`), never with a pattern.
 */
export function classifyPattern(pattern: string): { kind: PatternKind; key?: string; glob: string } {
  if (pattern.startsWith('glob:')) return { kind: 'resource', glob: pattern.slice(5) };
  const colon = pattern.indexOf(':');
  if (colon === -1) return { kind: 'resource', glob: pattern };
  const head = pattern.slice(0, colon);
  const rest = pattern.slice(colon + 1);
  if (PREFIX_KINDS.has(head)) return { kind: head as PatternKind, glob: rest };
  if (SERVICE_SET.has(head) || !ATTR_KEY.test(head)) return { kind: 'resource', glob: pattern };
  return { kind: 'attr', key: head, glob: rest };
}

function literalPrefixOf(glob: string): { prefix: string; exact: boolean } {
  if (glob.startsWith('!')) return { prefix: '', exact: false };
  const m = MAGIC.exec(glob);
  if (!m) return { prefix: glob, exact: true };
  return { prefix: glob.slice(0, m.index), exact: false };
}

const SIMPLE_GLOB = /^[^*?[\]{}()!+@\\]*(?:[*?][^*?[\]{}()!+@\\]*)*$/;

/**
 * Compiles a glob once into a string test with minimatch's semantics (`dot: true`; `!` negates).
 * Globs made only of literal text, single `*` and `?` compile to one anchored RegExp (`*` → any
 * run of characters but `/`, `?` → one character but `/`); a property test checks these
 * against minimatch. Other globs (`**`, braces, classes, extglobs, negation) use minimatch,
 * memoized per subject string (at most 1024 entries per pattern, then the memo restarts).
 */
function compileGlob(glob: string, exact: boolean): (s: string) => boolean {
  if (exact) return (s) => s === glob;
  if (SIMPLE_GLOB.test(glob) && !glob.includes('**')) {
    const src = glob
      .split('/')
      .map((seg) => {
        // minimatch: a segment that is only `*` needs at least one character
        if (seg === '*') return '[^/]+';
        let out = '';
        for (const ch of seg) {
          if (ch === '*') out += '[^/]*';
          else if (ch === '?') out += '[^/]';
          else out += ch.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
        }
        return out;
      })
      .join('\\/');
    const re = new RegExp(`^${src}$`);
    return (s) => re.test(s);
  }
  const mm = new Minimatch(glob, { dot: true, nocomment: true });
  let memo = new Map<string, boolean>();
  return (s) => {
    let hit = memo.get(s);
    if (hit === undefined) {
      hit = mm.match(s);
      if (memo.size >= 1024) memo = new Map();
      memo.set(s, hit);
    }
    return hit;
  };
}

function attrString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Parses and compiles a routing pattern once (see {@link classifyPattern} for the kinds). */
export function compilePattern(pattern: string): CompiledPattern {
  const { kind, key, glob } = classifyPattern(pattern);
  const { prefix, exact } = literalPrefixOf(glob);
  const test = compileGlob(glob, exact);
  let subjectOf: (s: PatternSubject) => string | undefined;
  switch (kind) {
    case 'org':
      subjectOf = (s) => s.attributes.org;
      break;
    case 'repo':
      subjectOf = (s) =>
        s.repoPath !== undefined ? s.repoPath : s.attributes.org !== undefined && s.attributes.repo !== undefined ? `${s.attributes.org}/${s.attributes.repo}` : undefined;
      break;
    case 'user':
      subjectOf = (s) => s.userId;
      break;
    case 'tenant':
      subjectOf = (s) => s.tenant;
      break;
    case 'op':
      subjectOf = (s) => s.operation;
      break;
    case 'attr': {
      const k = key!;
      subjectOf = (s) => {
        const input = s.input;
        if (input === null || typeof input !== 'object' || !hasOwn.call(input, k)) return undefined;
        return attrString((input as Record<string, unknown>)[k]);
      };
      break;
    }
    default:
      subjectOf = (s) => s.resourceId;
  }
  return {
    source: pattern,
    kind,
    ...(key !== undefined ? { key } : {}),
    glob,
    literalPrefix: prefix,
    exact,
    subjectOf,
    matches(s) {
      const v = subjectOf(s);
      return v !== undefined && test(v);
    },
    test,
  };
}
