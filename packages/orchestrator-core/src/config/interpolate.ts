import type { RawIssue } from './format-issues.js';
import { registerSecret } from '../errors/index.js';
import { formatPath, isRecord, isSecretKey, isSecretPath } from './paths.js';

/** Where interpolation reads variables from (`process.env` by default). */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/** The result of {@link interpolateEnv}. */
export interface InterpolationResult {
  /** A deep copy of the input with every `${…}` in string values replaced. */
  value: unknown;
  /** One issue per missing variable or malformed expression, with its path. */
  issues: RawIssue[];
  /**
   * Formatted paths of string values that were exactly one `${…}` expression: these may be
   * coerced to numbers/booleans when the schema wants one (`timeoutMs: ${TIMEOUT:-5000}`).
   */
  whole: Set<string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value of a JSON-like document,
 * reading variables from `env`. `${VAR:-default}` uses the default when the variable is unset
 * or empty; defaults may themselves contain `${…}`. `$${` is a literal `${`. A variable that is
 * unset and has no default is an issue naming the variable and the path. Keys are not
 * interpolated.
 *
 * Interpolated values under an `auth` object, and every value at a key named like a credential
 * (`token`, `password`, `secret`, `privateKey`, `clientSecret`, `apiKey`), are registered with
 * `registerSecret` — the final string and each variable value substituted into it — so they
 * never appear in errors, logs or events.
 */
export function interpolateEnv(input: unknown, env: EnvRecord): InterpolationResult {
  const issues: RawIssue[] = [];
  const whole = new Set<string>();
  const path: Array<string | number> = [];

  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return visitString(value);
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        out[i] = visit(value[i]);
        path.pop();
      }
      return out;
    }
    if (isRecord(value)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        path.push(key);
        const v = visit(value[key]);
        path.pop();
        // define, not assign, for `__proto__`: it stays a plain property instead of a prototype
        if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
        else out[key] = v;
      }
      return out;
    }
    return value;
  };

  const visitString = (text: string): string => {
    if (!text.includes('$')) {
      // literal credentials are registered too: they must not leak either
      if (isSecretKey(path)) registerSecret(text);
      return text;
    }
    const secret = isSecretPath(path);
    const substituted: string[] = [];
    const problems: string[] = [];
    const out = expand(text, env, substituted, problems);
    if (problems.length > 0) {
      for (const message of problems) issues.push({ path: [...path], message });
    }
    if (substituted.length > 0 && /^\$\{[^]*\}$/.test(text) && findClose(text, 2) === text.length - 1) whole.add(formatPath(path));
    if (secret) {
      registerSecret(out);
      for (const v of substituted) registerSecret(v);
    }
    return out;
  };

  return { value: visit(input), issues, whole };
}

/** Index of the `}` closing the expression whose body starts at `start`, or -1. */
function findClose(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x24 /* $ */ && text.charCodeAt(i + 1) === 0x7b /* { */) {
      depth++;
      i++;
    } else if (c === 0x7d /* } */) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function expand(text: string, env: EnvRecord, substituted: string[], problems: string[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    if (text.startsWith('$${', dollar)) {
      out += '${';
      i = dollar + 3;
      continue;
    }
    if (text.charCodeAt(dollar + 1) !== 0x7b) {
      out += '$';
      i = dollar + 1;
      continue;
    }
    const close = findClose(text, dollar + 2);
    if (close === -1) {
      problems.push(`unterminated "\${" in ${JSON.stringify(text.slice(dollar, dollar + 40))} (write "$\${" for a literal "\${")`);
      out += text.slice(dollar);
      break;
    }
    const body = text.slice(dollar + 2, close);
    const sep = body.indexOf(':-');
    const name = sep === -1 ? body : body.slice(0, sep);
    if (!NAME.test(name)) {
      problems.push(`invalid variable name ${JSON.stringify(name)} in "\${${body}}" (letters, digits and _ only; write "$\${" for a literal "\${")`);
      i = close + 1;
      continue;
    }
    const value = env[name];
    if (value !== undefined && (value !== '' || sep === -1)) {
      out += value;
      substituted.push(value);
    } else if (sep !== -1) {
      const fallback = expand(body.slice(sep + 2), env, substituted, problems);
      out += fallback;
      substituted.push(fallback);
    } else {
      problems.push(`environment variable ${name} is not set`);
    }
    i = close + 1;
  }
  return out;
}
