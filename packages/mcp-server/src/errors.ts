import { InvalidArgumentError, MosaicError, NoProviderAvailableError, redact, redactValue, type Attempt } from '@mosaic/orchestrator-core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** What a failed tool call carries in its text content, as JSON. Never a stack, never a credential. */
export interface ToolErrorBody {
  error: {
    /** Error class, e.g. `RateLimitedError`, `InvalidArgumentError`; `Error` for anything not from Mosaic. */
    name: string;
    /** Stable code, e.g. `rate_limited`, `invalid_argument`, `internal`. */
    code: string;
    message: string;
    /** Whether calling again with the same arguments may succeed. */
    isRetryable: boolean;
    /** Milliseconds to wait before retrying, when a provider (or an open breaker) said so. */
    retryAfterMs?: number;
    /** Invalid arguments: one entry per field (`path` is the dotted field path). */
    issues?: Array<{ path: string; message: string }>;
    /** Provider errors: the error family (`not-found`, `rate-limited`, …), provider id, HTTP status, whether the call may have been applied. */
    category?: string;
    provider?: string;
    status?: number;
    outcome?: string;
    /** Failover and outcome-unknown errors: every attempt (provider, status, outcome, the attempt's error). */
    attempts?: Array<{
      provider: string;
      attempt: number;
      status: string;
      outcome: string;
      error?: { name: string; code?: string; message: string; category?: string; status?: number; retryAfterMs?: number };
    }>;
  };
}

/** Provider ids a tenant must not learn about: they are left out of (or masked in) errors. */
export interface ErrorScope {
  hidden: readonly string[];
}

const COPIED = ['category', 'provider', 'status', 'outcome'] as const;

/** The redacted, JSON-safe description of `error` a tool result carries (see {@link ToolErrorBody}); `scope` hides other tenants' providers. */
export function describeError(error: unknown, scope?: ErrorScope): ToolErrorBody {
  const hidden = new Set(scope?.hidden ?? []);
  const mask = (text: string) => maskProviders(redact(text), hidden);
  if (MosaicError.isInstance(error)) {
    const e = error as MosaicError & Record<string, unknown>;
    const body: ToolErrorBody['error'] = { name: e.name, code: e.code, message: mask(messageOf(e, hidden)), isRetryable: e.isRetryable };
    const retryAfterMs = retryHint(e);
    if (retryAfterMs !== undefined) body.retryAfterMs = retryAfterMs;
    if (InvalidArgumentError.isInstance(e)) body.issues = e.issues.map((i) => ({ path: i.path, message: redact(i.message) }));
    for (const key of COPIED) {
      const value = e[key];
      if (typeof value === 'string' || typeof value === 'number') (body as Record<string, unknown>)[key] = typeof value === 'string' ? mask(value) : value;
    }
    if (Array.isArray(e.attempts) && e.attempts.length) {
      body.attempts = (e.attempts as Attempt[])
        .filter((a) => !hidden.has(a.provider))
        .map((a) => ({
          provider: a.provider,
          attempt: a.attempt,
          status: a.status,
          outcome: a.outcome,
          ...(a.error ? { error: { ...a.error, message: mask(a.error.message) } } : {}),
        }));
    }
    return { error: body };
  }
  const aborted = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
  return {
    error: {
      name: aborted ? error.name : 'Error',
      code: aborted ? 'aborted' : 'internal',
      message: error instanceof Error ? mask(error.message) : mask(String(error)),
      isRetryable: false,
    },
  };
}

/** The message, rebuilt for `NoProviderAvailableError` so that excluded providers outside the scope are not listed. */
function messageOf(error: MosaicError & Record<string, unknown>, hidden: ReadonlySet<string>): string {
  const reasons = error.reasons as Record<string, string> | undefined;
  if (!NoProviderAvailableError.isInstance(error) || !reasons || hidden.size === 0) return error.message;
  const attempts = error.attempts.length;
  const shown = Object.entries(reasons).filter(([p]) => !hidden.has(p)).map(([p, r]) => `${p}: ${r}`);
  return `No provider available for ${error.operation} after ${attempts} attempt${attempts === 1 ? '' : 's'}${shown.length ? ` (excluded: ${shown.join('; ')})` : ''}`;
}

function maskProviders(text: string, hidden: ReadonlySet<string>): string {
  let out = text;
  for (const id of hidden) out = out.replace(new RegExp(`(?<![\\w.-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`, 'g'), '(another provider)');
  return out;
}

function retryHint(error: Record<string, unknown>): number | undefined {
  if (typeof error.retryAfterMs === 'number') return error.retryAfterMs;
  const cause = error.cause as Record<string, unknown> | undefined;
  if (cause && typeof cause === 'object' && typeof cause.retryAfterMs === 'number') return cause.retryAfterMs;
  const attempts = error.attempts;
  if (Array.isArray(attempts)) {
    const hints = attempts.map((a) => (a as Attempt)?.error?.retryAfterMs).filter((v): v is number => typeof v === 'number');
    if (hints.length) return Math.min(...hints);
  }
  return undefined;
}

/**
 * A tool error result (`isError: true`) for `error`: one text block with a one-line summary
 * and the {@link ToolErrorBody} as JSON. With a `scope`, providers in `scope.hidden` (other
 * tenants') are left out of attempts and masked in messages. No structured content (a tool's output schema
 * describes successful results only).
 */
export function toolErrorResult(error: unknown, scope?: ErrorScope): CallToolResult {
  const body = redactValue(describeError(error, scope));
  const e = body.error;
  const hint = e.retryAfterMs !== undefined ? ` Retry after ${e.retryAfterMs} ms.` : e.isRetryable ? ' Retrying may succeed.' : '';
  const stop = /[.!?)]$/.test(e.message) ? '' : '.';
  return {
    isError: true,
    content: [{ type: 'text', text: `${e.name} (${e.code}): ${e.message}${stop}${hint}\n${JSON.stringify(body)}` }],
  };
}
