import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/**
 * A fresh canary credential: `mcanary_` and 32 hex characters. It matches none of the
 * credential shapes the core redacts by pattern, so only a provider that registers its token
 * (or never puts it anywhere) keeps it out of errors and logs.
 */
export function createCanaryToken(): string {
  return `mcanary_${randomBytes(16).toString('hex')}`;
}

/**
 * Every place `token` appears in `value`: for errors the message, stack, every `cause` (and
 * `errors[]`) in the chain, `JSON.stringify` and `util.inspect` (what a logger prints); for
 * other values their JSON and `util.inspect` forms. Returns descriptions such as
 * `error.cause.message`; an empty array means no leak.
 */
export function findCanary(value: unknown, token: string, label = 'value'): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const scanError = (error: unknown, path: string, depth: number): void => {
    if (depth > 8 || error === null || error === undefined || seen.has(error)) return;
    seen.add(error);
    if (typeof error === 'string') {
      if (error.includes(token)) found.push(path);
      return;
    }
    if (typeof error !== 'object') return;
    const e = error as { message?: unknown; stack?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.message === 'string' && e.message.includes(token)) found.push(`${path}.message`);
    if (typeof e.stack === 'string' && e.stack.includes(token)) found.push(`${path}.stack`);
    const s = safeJson(error);
    if (s.includes(token)) found.push(`JSON.stringify(${path})`);
    if (safeInspect(error).includes(token)) found.push(`util.inspect(${path})`);
    if (e.cause !== undefined) scanError(e.cause, `${path}.cause`, depth + 1);
    if (Array.isArray(e.errors)) e.errors.forEach((inner, i) => scanError(inner, `${path}.errors[${i}]`, depth + 1));
  };
  if (value instanceof Error) {
    scanError(value, label, 0);
  } else if (typeof value === 'string') {
    if (value.includes(token)) found.push(label);
  } else if (value !== undefined) {
    if (safeJson(value).includes(token)) found.push(`JSON.stringify(${label})`);
    else if (safeInspect(value).includes(token)) found.push(`util.inspect(${label})`);
  }
  return [...new Set(found)];
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function safeInspect(value: unknown): string {
  try {
    return inspect(value, { depth: 8, showHidden: false, getters: false });
  } catch {
    return '';
  }
}
