import { getOperation, listOperations } from '../registry/index.js';
import { SERVICE_TYPES, type ServiceType } from '../spec/v1/provider.js';
import { closest, didYouMean, isRecord } from './paths.js';

/** Prefixes a routing pattern may start with (`org:internal-*`). */
export const PATTERN_PREFIXES = ['org', 'repo', 'user', 'tenant', 'op'] as const;

/** What a routing pattern is, as the config validator reads it. */
export interface PatternInfo {
  /**
   * `org`/`repo`/`user`/`tenant`/`op`: a known prefix; `attribute`: `key:value` over an input
   * or context attribute (`private:true`); `glob`: a glob over the resource id
   * (`git:org/acme/**`, `*`).
   */
  kind: (typeof PATTERN_PREFIXES)[number] | 'attribute' | 'glob';
  /** The part before the first `:` for prefixed and attribute patterns. */
  key?: string;
  /** The part after the first `:` (the whole pattern for globs). */
  value: string;
  /** The service type the pattern is restricted to, when it says (`op:git.*`, `git:org/**`). */
  service?: ServiceType;
  /** Why the pattern is invalid. */
  error?: string;
  /** Something that is valid but probably a mistake. */
  warning?: string;
}

const GLOB_CHARS = /[*?[\]{}!]/;
/** Attribute keys, as the router reads them (`private:true`, `visibility:int*`). */
const KEY = /^[A-Za-z_$][\w$-]*$/;
/** Field names of structured conditions: dotted paths (`user.region`). */
const FIELD_PATH = /^[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*$/;
const SERVICES = new Set<string>(SERVICE_TYPES);

/**
 * Reads a routing pattern without compiling anything: its kind, and whether it is empty, has
 * unbalanced `{}`/`[]`, names an unknown operation (`op:git.createRepo`), or uses an attribute
 * key that looks like a misspelt prefix (`rpo:x`).
 */
export function analyzePattern(pattern: string): PatternInfo {
  let info = analyzed.get(pattern);
  if (info === undefined) {
    if (analyzed.size >= 4096) analyzed.clear();
    info = Object.freeze(analyze(pattern));
    analyzed.set(pattern, info);
  }
  return info;
}

/** Pattern → analysis; rules are validated by the schema and the cross-checks, and on reloads. */
const analyzed = new Map<string, PatternInfo>();
const PREFIX_SET = new Set<string>(PATTERN_PREFIXES);
const NEAR_PREFIX_CANDIDATES: readonly string[] = [...PATTERN_PREFIXES, ...SERVICE_TYPES];

function analyze(pattern: string): PatternInfo {
  if (pattern.trim() === '') return { kind: 'glob', value: pattern, error: 'must not be empty' };
  if (pattern.trim() !== pattern) return { kind: 'glob', value: pattern, error: `pattern ${JSON.stringify(pattern)} has leading or trailing spaces` };
  const balance = bracketProblem(pattern);
  if (pattern.startsWith('glob:')) {
    // `glob:<pattern>` forces a glob over the resource id
    const value = pattern.slice(5);
    if (value === '') return { kind: 'glob', key: 'glob', value, error: `nothing after "glob:" in pattern ${JSON.stringify(pattern)}` };
    return balance ? { kind: 'glob', key: 'glob', value, error: balance } : { kind: 'glob', key: 'glob', value };
  }
  const colon = pattern.indexOf(':');
  const key = colon > 0 ? pattern.slice(0, colon) : '';
  if (colon <= 0 || !KEY.test(key) || SERVICES.has(key)) {
    const info: PatternInfo = { kind: 'glob', value: pattern };
    if (SERVICES.has(key)) info.service = key as ServiceType;
    if (colon === 0) info.error = `pattern ${JSON.stringify(pattern)} starts with ":"; expected "<prefix>:<value>" or a glob`;
    else if (balance) info.error = balance;
    return info;
  }
  const value = pattern.slice(colon + 1);
  const kind = PREFIX_SET.has(key) ? (key as PatternInfo['kind']) : 'attribute';
  const info: PatternInfo = { kind, key, value };
  if (value === '') {
    info.error = `nothing after "${key}:" in pattern ${JSON.stringify(pattern)}`;
    return info;
  }
  if (balance) {
    info.error = balance;
    return info;
  }
  if (kind === 'op') {
    const dot = value.indexOf('.');
    const service = dot === -1 ? value : value.slice(0, dot);
    if (SERVICES.has(service)) info.service = service as ServiceType;
    if (!GLOB_CHARS.test(value)) {
      if (!getOperation(value)) {
        info.error = `unknown operation "${value}"${didYouMean(value, operationNames())}`;
      }
    } else if (!GLOB_CHARS.test(service) && !SERVICES.has(service)) {
      info.error = `unknown service type "${service}" in "op:${value}" (expected one of ${SERVICE_TYPES.join('|')})`;
    }
  } else if (kind === 'attribute') {
    const near = closest(key, NEAR_PREFIX_CANDIDATES);
    if (near !== undefined) {
      info.warning = `pattern ${JSON.stringify(pattern)} is read as the input attribute "${key}"; did you mean "${near}:"?`;
    }
  }
  return info;
}

let opNames: string[] | undefined;
function operationNames(): string[] {
  opNames ??= listOperations().map((o) => o.name);
  return opNames;
}

/** The known operation names (for suggestions). */
export function knownOperationNames(): readonly string[] {
  return operationNames();
}

/** `undefined` when `{}`/`[]` are balanced (honouring `\` escapes), else the problem. */
function bracketProblem(pattern: string): string | undefined {
  let braces = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') return `unbalanced "]" in pattern ${JSON.stringify(pattern)}`;
    else if (c === '{') braces++;
    else if (c === '}') {
      if (braces === 0) return `unbalanced "}" in pattern ${JSON.stringify(pattern)}`;
      braces--;
    }
  }
  if (inClass) return `unclosed "[" in pattern ${JSON.stringify(pattern)}`;
  if (braces > 0) return `unclosed "{" in pattern ${JSON.stringify(pattern)}`;
  return undefined;
}

/**
 * Operators of the structured condition form, for the router to implement:
 * `{ "user.region": { "$in": ["EU"] } }`, `{ "$or": [{ … }, { … }] }`.
 * Comparison: `$eq $ne $gt $gte $lt $lte $in $nin $exists`; logical: `$and $or $not`. Field
 * names are dotted paths (`user.region`, `build.size`).
 */
export const CONDITION_OPERATORS = {
  comparison: ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists'],
  logical: ['$and', '$or', '$not'],
} as const;

/** One shape problem of a condition, with a path relative to the `conditions` value. */
export interface ConditionProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * Shape-checks a rule's `conditions` (the router parses the string grammar): strings must be
 * non-empty with balanced quotes and parentheses; structured conditions must use known
 * operators with values of the right kind.
 */
export function conditionProblems(conditions: unknown): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  if (typeof conditions === 'string') {
    const p = stringConditionProblem(conditions);
    if (p) problems.push({ path: [], message: p });
  } else {
    structured(conditions, [], problems);
  }
  return problems;
}

function stringConditionProblem(text: string): string | undefined {
  if (text.trim() === '') return 'must not be empty';
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return `unbalanced ")" in condition ${JSON.stringify(text)}`;
      depth--;
    }
  }
  if (quote) return `unterminated ${quote} quote in condition ${JSON.stringify(text)}`;
  if (depth > 0) return `unclosed "(" in condition ${JSON.stringify(text)}`;
  return undefined;
}

const COMPARISON = new Set<string>(CONDITION_OPERATORS.comparison);

function structured(value: unknown, path: Array<string | number>, problems: ConditionProblem[]): void {
  if (!isRecord(value)) {
    problems.push({ path, message: 'expected a condition object' });
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    problems.push({ path, message: 'must not be empty' });
    return;
  }
  for (const key of keys) {
    const v = value[key];
    const at = [...path, key];
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(v) || v.length === 0) {
        problems.push({ path: at, message: `expected a non-empty array of conditions` });
        continue;
      }
      v.forEach((item, i) => structured(item, [...at, i], problems));
    } else if (key === '$not') {
      structured(v, at, problems);
    } else if (key.startsWith('$')) {
      problems.push({ path: at, message: `unknown logical operator "${key}"${didYouMean(key, CONDITION_OPERATORS.logical)}; expected $and, $or or $not (field names do not start with "$")` });
    } else if (!FIELD_PATH.test(key)) {
      problems.push({ path: at, message: `field ${JSON.stringify(key)} is not a dotted path such as "user.region"` });
    } else {
      fieldCondition(v, at, problems);
    }
  }
}

function isLiteral(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function fieldCondition(value: unknown, path: Array<string | number>, problems: ConditionProblem[]): void {
  if (value === null || typeof value !== 'object') return; // equality with a scalar
  if (Array.isArray(value)) {
    problems.push({ path, message: 'a list is ambiguous here: write { "$in": [...] } to match any of the values' });
    return;
  }
  const ops = Object.keys(value as Record<string, unknown>);
  if (ops.length === 0) {
    problems.push({ path, message: 'expected a value or an operator object such as { "$eq": ... }' });
    return;
  }
  for (const op of ops) {
    const v = (value as Record<string, unknown>)[op];
    const at = [...path, op];
    if (!COMPARISON.has(op)) {
      problems.push({ path: at, message: `unknown operator "${op}"${didYouMean(op, CONDITION_OPERATORS.comparison)}; expected one of ${CONDITION_OPERATORS.comparison.join(' ')}` });
    } else if (op === '$in' || op === '$nin') {
      if (!Array.isArray(v)) problems.push({ path: at, message: `expected an array` });
      else if (!v.every(isLiteral)) problems.push({ path: at, message: 'expected an array of strings, numbers, booleans or null' });
    } else if (op === '$exists') {
      if (typeof v !== 'boolean') problems.push({ path: at, message: 'expected true or false' });
    } else if (op === '$eq' || op === '$ne') {
      if (!isLiteral(v) && !(Array.isArray(v) && v.every(isLiteral))) problems.push({ path: at, message: 'expected a string, number, boolean, null or array' });
    } else if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
      problems.push({ path: at, message: 'expected a number or a string with a unit (e.g. "10GB")' });
    }
  }
}
