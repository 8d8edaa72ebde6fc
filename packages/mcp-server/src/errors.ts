import { InvalidArgumentError, MosaicError, redact, redactValue } from '@mosaic/orchestrator-core';
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
  };
}

const COPIED = ['category', 'provider', 'status', 'outcome'] as const;

/** The redacted, JSON-safe description of `error` a tool result carries (see {@link ToolErrorBody}). */
export function describeError(error: unknown): ToolErrorBody {
  if (MosaicError.isInstance(error)) {
    const e = error as MosaicError & Record<string, unknown>;
    const body: ToolErrorBody['error'] = { name: e.name, code: e.code, message: e.message, isRetryable: e.isRetryable };
    const retryAfterMs = retryHint(e);
    if (retryAfterMs !== undefined) body.retryAfterMs = retryAfterMs;
    if (InvalidArgumentError.isInstance(e)) body.issues = e.issues.map((i) => ({ path: i.path, message: redact(i.message) }));
    for (const key of COPIED) {
      const value = e[key];
      if (typeof value === 'string' || typeof value === 'number') (body as Record<string, unknown>)[key] = typeof value === 'string' ? redact(value) : value;
    }
    return { error: body };
  }
  const aborted = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
  return {
    error: {
      name: aborted ? error.name : 'Error',
      code: aborted ? 'aborted' : 'internal',
      message: error instanceof Error ? redact(error.message) : redact(String(error)),
      isRetryable: false,
    },
  };
}

function retryHint(error: Record<string, unknown>): number | undefined {
  if (typeof error.retryAfterMs === 'number') return error.retryAfterMs;
  const cause = error.cause as Record<string, unknown> | undefined;
  if (cause && typeof cause === 'object' && typeof cause.retryAfterMs === 'number') return cause.retryAfterMs;
  const attempts = error.attempts;
  if (Array.isArray(attempts)) {
    const hints = attempts.map((a) => (a as { retryAfterMs?: unknown })?.retryAfterMs).filter((v): v is number => typeof v === 'number');
    if (hints.length) return Math.min(...hints);
  }
  return undefined;
}

/**
 * A tool error result (`isError: true`) for `error`: one text block with a one-line summary
 * and the {@link ToolErrorBody} as JSON. No structured content (a tool's output schema
 * describes successful results only).
 */
export function toolErrorResult(error: unknown): CallToolResult {
  const body = redactValue(describeError(error));
  const e = body.error;
  const hint = e.retryAfterMs !== undefined ? ` Retry after ${e.retryAfterMs} ms.` : e.isRetryable ? ' Retrying may succeed.' : '';
  return {
    isError: true,
    content: [{ type: 'text', text: `${e.name} (${e.code}): ${e.message}${hint}\n${JSON.stringify(body)}` }],
  };
}
