import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { ConditionSyntaxError } from './condition-syntax-error.js';

/**
 * A compiled routing condition: a pure function of the condition scope
 * (see {@link ConditionScope}). Never throws for any scope.
 */
export type CompiledCondition = (scope: ConditionScope) => boolean;

/**
 * What condition paths are read from. The root is `{ ...context, input, op, kind, service,
 * resource }`: the caller's {@link RequestContext} fields at the top level (`user.region`,
 * `tenant`, `tags.team`, `build.size`), then `input` (the validated operation input), `op`
 * (the operation name, `git.createRepository`), `kind` (`read` | `write`), `service`
 * (`git`, …) and `resource` (`{ id, service, ...attributes }`, e.g. `resource.org`). The
 * router's fields win over context fields of the same name.
 */
export type ConditionScope = Readonly<Record<string, unknown>>;

/** A literal value in a condition (either spelling). */
export type ConditionValue = string | number | boolean | null | ConditionValue[];

/**
 * Operators of the structured condition form, applied to the value at one path.
 * Values are JSON literals (no units: write `10000000000`, not `10GB`).
 */
export interface FieldOperators {
  $eq?: ConditionValue;
  $ne?: ConditionValue;
  $gt?: number | string;
  $gte?: number | string;
  $lt?: number | string;
  $lte?: number | string;
  $in?: ConditionValue[];
  $nin?: ConditionValue[];
  /** `true`: the path holds a value other than `undefined`/`null`; `false`: it does not. */
  $exists?: boolean;
}

/**
 * The structured spelling of a condition, e.g.
 * `{ "user.region": { "$in": ["EU"] }, "input.private": true }`. Keys are dotted paths into the
 * {@link ConditionScope} (a bare value means `$eq`), or the combinators `$and` / `$or` (arrays
 * of conditions) and `$not` (one condition). Several keys in one object must all hold.
 */
export interface StructuredCondition {
  $and?: StructuredCondition[];
  $or?: StructuredCondition[];
  $not?: StructuredCondition;
  [path: string]: ConditionValue | FieldOperators | StructuredCondition | StructuredCondition[] | undefined;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

type TokenType = 'num' | 'str' | 'ident' | 'op' | 'punct' | 'eof';
interface Token {
  type: TokenType;
  /** Source text for ident/op/punct; decoded value for str. */
  text: string;
  num?: number;
  /** 1-based column. */
  col: number;
}

/**
 * Size units are decimal (SI): KB = 1000 bytes, MB = 1000², GB = 1000³, TB = 1000⁴. The binary
 * units KiB, MiB, GiB, TiB are 1024-based. Duration units convert to milliseconds.
 * Units are case-sensitive (`m` is minutes, `MB` megabytes).
 */
const UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const MAX_CONDITION_LENGTH = 4096;
const MAX_DEPTH = 64;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
function isIdentStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$');
}
function isIdentPart(c: string | undefined): boolean {
  return isIdentStart(c) || isDigit(c) || c === '-';
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (col: number, message: string): never => {
    throw new ConditionSyntaxError({ source: src, column: col, message });
  };
  while (i < src.length) {
    const c = src[i]!;
    const col = i + 1;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '-' && isDigit(src[i + 1])) || (c === '.' && isDigit(src[i + 1]))) {
      let j = i + (c === '-' ? 1 : 0);
      while (isDigit(src[j])) j++;
      if (src[j] === '.') {
        j++;
        if (!isDigit(src[j])) fail(j + 1, 'expected a digit after the decimal point');
        while (isDigit(src[j])) j++;
      }
      const value = Number(src.slice(i, j));
      let u = j;
      while (u < src.length && /[A-Za-z]/.test(src[u]!)) u++;
      let num = value;
      if (u > j) {
        const unit = src.slice(j, u);
        const factor = UNITS[unit];
        if (factor === undefined) fail(j + 1, `unknown unit '${unit}' (sizes: B KB MB GB TB KiB MiB GiB TiB; durations: ms s m h d)`);
        num = value * factor!;
      }
      if (isIdentPart(src[u]) || src[u] === '.') fail(u + 1, `unexpected '${src[u]}' after number`);
      if (!Number.isFinite(num)) fail(col, 'number out of range');
      tokens.push({ type: 'num', text: src.slice(i, u), num, col });
      i = u;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let out = '';
      for (;;) {
        if (j >= src.length) fail(col, 'unterminated string');
        const d = src[j]!;
        if (d === c) break;
        if (d === '\\') {
          const e = src[j + 1];
          if (e === undefined) fail(col, 'unterminated string');
          out += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
          continue;
        }
        out += d;
        j++;
      }
      tokens.push({ type: 'str', text: out, col });
      i = j + 1;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      for (;;) {
        while (isIdentPart(src[j])) j++;
        if (src[j] === '.' && isIdentStart(src[j + 1])) {
          j++;
          continue;
        }
        break;
      }
      if (src[j] === '.') fail(j + 1, 'expected a name after "."');
      tokens.push({ type: 'ident', text: src.slice(i, j), col });
      i = j;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '>=' || two === '<=' || two === '&&' || two === '||') {
      tokens.push({ type: 'op', text: two, col });
      i += 2;
      continue;
    }
    if (c === '>' || c === '<' || c === '!') {
      tokens.push({ type: 'op', text: c, col });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') {
      tokens.push({ type: 'punct', text: c, col });
      i++;
      continue;
    }
    if (c === '=') fail(col, "'=' is not an operator; use '=='");
    if (c === '&' || c === '|') fail(col, `'${c}' is not an operator; use '${c}${c}'`);
    fail(col, `unexpected character '${c}'`);
  }
  tokens.push({ type: 'eof', text: '', col: src.length + 1 });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser → closures

type Getter = (scope: ConditionScope) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** Compiles a dotted path to a getter that only reads own properties (never the prototype). */
export function compilePath(path: string): Getter {
  const parts = path.split('.');
  if (parts.length === 1) {
    const [p] = parts as [string];
    return (scope) => (scope != null && hasOwn.call(scope, p) ? scope[p] : undefined);
  }
  return (scope) => {
    let cur: unknown = scope;
    for (const p of parts) {
      if (cur === null || typeof cur !== 'object' || !hasOwn.call(cur, p)) return undefined;
      cur = (cur as Record<string, unknown>)[p];
    }
    return cur;
  };
}

function truthy(v: unknown): boolean {
  return Boolean(v);
}

function eq(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => eq(x, b[i]));
  }
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function cmp(a: unknown, b: unknown, op: '>' | '>=' | '<' | '<='): boolean {
  if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return false;
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    default:
      return a <= b;
  }
}

function isIn(a: unknown, b: unknown): boolean {
  if (Array.isArray(b)) return b.some((x) => eq(a, x));
  if (typeof b === 'string' && typeof a === 'string') return b.includes(a);
  return false;
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    return this.tokens[this.pos++]!;
  }
  private fail(tok: Token, message: string): never {
    throw new ConditionSyntaxError({ source: this.src, column: tok.col, message });
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.text === text;
  }
  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.type === 'punct' && t.text === text;
  }
  private describe(t: Token): string {
    return t.type === 'eof' ? 'end of condition' : t.type === 'str' ? 'a string' : `'${t.text}'`;
  }

  parse(): Getter {
    const e = this.or();
    const t = this.peek();
    if (t.type !== 'eof') this.fail(t, `unexpected ${this.describe(t)}; expected an operator or end of condition`);
    return e;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(this.peek(), `condition nested deeper than ${MAX_DEPTH}`);
  }

  private or(): Getter {
    this.enter();
    let left = this.and();
    while (this.isOp('||')) {
      this.next();
      const l = left;
      const r = this.and();
      left = (s) => truthy(l(s)) || truthy(r(s));
    }
    this.depth--;
    return left;
  }

  private and(): Getter {
    let left = this.not();
    while (this.isOp('&&')) {
      this.next();
      const l = left;
      const r = this.not();
      left = (s) => truthy(l(s)) && truthy(r(s));
    }
    return left;
  }

  private not(): Getter {
    if (this.isOp('!')) {
      this.next();
      this.enter();
      const inner = this.not();
      this.depth--;
      return (s) => !truthy(inner(s));
    }
    return this.comparison();
  }

  private comparison(): Getter {
    const left = this.operand();
    const t = this.peek();
    let op: string | undefined;
    if (t.type === 'op' && ['==', '!=', '>', '>=', '<', '<='].includes(t.text)) op = t.text;
    else if (t.type === 'ident' && t.text === 'in') op = 'in';
    if (op === undefined) return left;
    this.next();
    const right = this.operand();
    const next = this.peek();
    if ((next.type === 'op' && ['==', '!=', '>', '>=', '<', '<='].includes(next.text)) || (next.type === 'ident' && next.text === 'in')) {
      this.fail(next, 'comparisons cannot be chained; use && or parentheses');
    }
    switch (op) {
      case '==':
        return (s) => eq(left(s), right(s));
      case '!=':
        return (s) => !eq(left(s), right(s));
      case 'in':
        return (s) => isIn(left(s), right(s));
      default: {
        const o = op as '>' | '>=' | '<' | '<=';
        return (s) => cmp(left(s), right(s), o);
      }
    }
  }

  private operand(): Getter {
    const t = this.next();
    switch (t.type) {
      case 'num': {
        const v = t.num!;
        return () => v;
      }
      case 'str': {
        const v = t.text;
        return () => v;
      }
      case 'ident': {
        if (t.text === 'true') return () => true;
        if (t.text === 'false') return () => false;
        if (t.text === 'null') return () => null;
        if (t.text === 'in') this.fail(t, "expected a value before 'in'");
        return compilePath(t.text);
      }
      case 'punct':
        if (t.text === '(') {
          this.enter();
          const inner = this.or();
          this.depth--;
          const close = this.next();
          if (close.type !== 'punct' || close.text !== ')') this.fail(close, `expected ')' but found ${this.describe(close)}`);
          return inner;
        }
        if (t.text === '[') return this.array();
        return this.fail(t, `unexpected ${this.describe(t)}; expected a value`);
      default:
        return this.fail(t, `unexpected ${this.describe(t)}; expected a value`);
    }
  }

  private array(): Getter {
    const items: Getter[] = [];
    if (this.isPunct(']')) {
      this.next();
      return () => [];
    }
    for (;;) {
      this.enter();
      items.push(this.operand());
      this.depth--;
      const t = this.next();
      if (t.type === 'punct' && t.text === ']') break;
      if (t.type !== 'punct' || t.text !== ',') this.fail(t, `expected ',' or ']' but found ${this.describe(t)}`);
    }
    return (s) => items.map((g) => g(s));
  }
}

/**
 * Parses and compiles a condition string once into a closure. Grammar (lowest precedence
 * first): `a || b`, `a && b`, `!a`, comparisons `== != > >= < <= in` (not chainable), operands:
 * dotted paths (`user.region`, `input.private`; see {@link ConditionScope} for the root),
 * strings (`'EU'`, `"EU"`, backslash escapes), numbers with optional size units (B, KB, MB, GB,
 * TB decimal; KiB, MiB, GiB, TiB binary → bytes) or duration units (ms, s, m, h, d →
 * milliseconds), `true`, `false`, `null`, arrays (`['EU', 'US']`) and parentheses.
 * A bare operand is tested for truthiness. `==` is strict (no type coercion; a missing path
 * equals `null`); ordering operators compare two numbers or two strings and are false
 * otherwise; `x in [..]` tests membership, `'ab' in s` tests a substring.
 *
 * Never evaluates code (no `eval`/`Function`) and reads only own properties.
 * @throws {ConditionSyntaxError} with the 1-based column when the string is not valid (also
 * for strings longer than 4096 characters or nested deeper than 64).
 */
export function compileConditionString(source: string): CompiledCondition {
  if (typeof source !== 'string') {
    throw new ConditionSyntaxError({ source: String(source), column: 1, message: 'a condition must be a string' });
  }
  if (source.length > MAX_CONDITION_LENGTH) {
    throw new ConditionSyntaxError({ source: source.slice(0, 64), column: MAX_CONDITION_LENGTH + 1, message: `condition longer than ${MAX_CONDITION_LENGTH} characters` });
  }
  const tokens = tokenize(source);
  if (tokens.length === 1) throw new ConditionSyntaxError({ source, column: 1, message: 'empty condition' });
  const getter = new Parser(source, tokens).parse();
  return (scope) => truthy(getter(scope));
}

// ---------------------------------------------------------------------------------------------
// Structured form

const FIELD_OPS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function invalid(path: string, message: string): never {
  throw new InvalidArgumentError({ argument: 'routing condition', issues: [{ path, message }] });
}

function compileStructuredAt(cond: unknown, at: string, depth: number): CompiledCondition {
  if (depth > MAX_DEPTH) invalid(at, `condition nested deeper than ${MAX_DEPTH}`);
  if (!isPlainObject(cond)) invalid(at, 'expected an object');
  const parts: CompiledCondition[] = [];
  for (const [key, value] of Object.entries(cond)) {
    const here = at ? `${at}.${key}` : key;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) invalid(here, 'expected an array of conditions');
      const subs = (value as unknown[]).map((v, i) => compileStructuredAt(v, `${here}[${i}]`, depth + 1));
      parts.push(key === '$and' ? (s) => subs.every((f) => f(s)) : (s) => subs.some((f) => f(s)));
    } else if (key === '$not') {
      const sub = compileStructuredAt(value, here, depth + 1);
      parts.push((s) => !sub(s));
    } else if (key.startsWith('$')) {
      invalid(here, `unknown operator '${key}' (expected $and, $or, $not or a path)`);
    } else {
      if (!/^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/.test(key)) invalid(here, 'not a dotted path');
      const get = compilePath(key);
      parts.push(compileField(get, value, here));
    }
  }
  if (parts.length === 1) return parts[0]!;
  return (s) => parts.every((f) => f(s));
}

function checkLiteral(v: unknown, at: string): void {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return;
  if (Array.isArray(v)) {
    v.forEach((x, i) => checkLiteral(x, `${at}[${i}]`));
    return;
  }
  invalid(at, 'expected a string, number, boolean, null or array');
}

function compileField(get: Getter, spec: unknown, at: string): CompiledCondition {
  if (!isPlainObject(spec)) {
    checkLiteral(spec, at);
    return (s) => eq(get(s), spec);
  }
  const tests: CompiledCondition[] = [];
  for (const [op, v] of Object.entries(spec)) {
    const here = `${at}.${op}`;
    if (!FIELD_OPS.has(op)) invalid(here, `unknown operator '${op}' (expected ${[...FIELD_OPS].join(', ')})`);
    switch (op) {
      case '$eq':
        checkLiteral(v, here);
        tests.push((s) => eq(get(s), v));
        break;
      case '$ne':
        checkLiteral(v, here);
        tests.push((s) => !eq(get(s), v));
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) invalid(here, 'expected a number or string');
        const o = ({ $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const)[op];
        tests.push((s) => cmp(get(s), v, o));
        break;
      }
      case '$in':
      case '$nin': {
        if (!Array.isArray(v)) invalid(here, 'expected an array');
        checkLiteral(v, here);
        tests.push(op === '$in' ? (s) => isIn(get(s), v) : (s) => !isIn(get(s), v));
        break;
      }
      case '$exists': {
        if (typeof v !== 'boolean') invalid(here, 'expected true or false');
        tests.push((s) => (get(s) != null) === v);
        break;
      }
    }
  }
  if (tests.length === 0) invalid(at, 'expected at least one operator');
  if (tests.length === 1) return tests[0]!;
  return (s) => tests.every((f) => f(s));
}

/**
 * Compiles a structured condition (see {@link StructuredCondition}) once into a closure.
 * @throws {InvalidArgumentError} naming the path of the first invalid part.
 */
export function compileStructuredCondition(cond: StructuredCondition): CompiledCondition {
  return compileStructuredAt(cond, '', 0);
}

/**
 * Compiles either spelling of a condition.
 * @throws {ConditionSyntaxError} for an invalid string; {@link InvalidArgumentError} for an
 * invalid structured condition.
 */
export function compileCondition(cond: string | StructuredCondition): CompiledCondition {
  return typeof cond === 'string' ? compileConditionString(cond) : compileStructuredCondition(cond);
}
