/**
 * Secret redaction shared by every error, event, log line and audit record Mosaic produces.
 *
 * Two layers: values registered with {@link registerSecret} (the config loader and every
 * provider register the tokens they read) are replaced wherever they appear, and well-known
 * credential shapes (`Authorization` headers, `token=` query parameters, GitHub/OpenAI/
 * Anthropic/GitLab token prefixes) are replaced even when nobody registered them.
 */

const REDACTED = '[REDACTED]';
const registered = new Set<string>();

/**
 * Results for short strings seen before (provider ids, tenants, operation names repeat on every
 * call). Cleared whenever the set of registered secrets changes.
 */
const memo = new Map<string, string>();
const MEMO_MAX_LENGTH = 256;
const MEMO_MAX_ENTRIES = 4096;

/** Secrets shorter than this are not registered: replacing them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;

const PATTERNS: RegExp[] = [
  /\b(Bearer|Basic|token|Token)\s+[A-Za-z0-9._~+/=-]{6,}/g,
  /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}|sk-(?:ant-)?[A-Za-z0-9_-]{16,}|xox[baprs]-[A-Za-z0-9-]{10,})\b/g,
  /([?&](?:access_token|token|private_token|api_key|apikey|key|sig|signature|password)=)[^&#\s"']+/gi,
  /("?(?:authorization|x-api-key|private-token|api-key|x-gitea-token|cookie|set-cookie)"?\s*[:=]\s*"?)[^",}\n]+/gi,
];

/**
 * Registers a secret value so that it is replaced by `[REDACTED]` in everything Mosaic emits.
 * Values shorter than 6 characters are ignored. Registration is process-wide and idempotent.
 */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH && !registered.has(value)) {
    registered.add(value);
    memo.clear();
  }
}

/** Removes a value registered with {@link registerSecret} (for rotated credentials). */
export function unregisterSecret(value: string): void {
  if (registered.delete(value)) memo.clear();
}

/**
 * Returns `text` with every registered secret and every known credential shape replaced by
 * `[REDACTED]`. Safe to call on any string; returns the input unchanged when nothing matches.
 */
export function redact(text: string): string {
  if (text.length <= MEMO_MAX_LENGTH) {
    const known = memo.get(text);
    if (known !== undefined) return known;
    const result = redactUncached(text);
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(text, result);
    return result;
  }
  return redactUncached(text);
}

function redactUncached(text: string): string {
  let out = text;
  for (const secret of registered) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, prefix: string | undefined) => {
      if (prefix && match.startsWith(prefix) && prefix !== match) {
        // keep the header/parameter name, drop the value
        if (/^(Bearer|Basic|token|Token)$/.test(prefix)) return `${prefix} ${REDACTED}`;
        return `${prefix}${REDACTED}`;
      }
      return REDACTED;
    });
  }
  return out;
}

/**
 * Deep-copies a JSON-like value with every string passed through {@link redact} and every
 * property whose name looks like a credential (`token`, `authorization`, `password`, `secret`,
 * `apiKey`, …) replaced. Cycles are cut; depth is limited to 8.
 */
export function redactValue<T>(value: T, depth = 0, seen = new WeakSet<object>()): T {
  if (typeof value === 'string') return redact(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value as object)) return '[Truncated]' as T;
  seen.add(value as object);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1, seen)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SENSITIVE_KEY.test(k) && v != null && typeof v !== 'object' ? REDACTED : redactValue(v, depth + 1, seen);
  }
  return out as T;
}

const SENSITIVE_KEY = /^(token|access_?token|refresh_?token|authorization|password|passwd|secret|client_?secret|api_?key|private_?key|cookie|private-token|x-api-key)$/i;
