import type { Attempt } from '../errors/attempt.js';
import { MidStreamError } from '../errors/mid-stream-error.js';
import { MosaicError } from '../errors/mosaic-error.js';
import { NoProviderAvailableError } from '../errors/no-provider-available-error.js';
import type { CallEventBase } from '../events/types.js';
import type { AnyOperation } from '../registry/define.js';
import type { ExecuteCandidate, Resilience, ResilienceEventSink } from '../resilience/types.js';
import type { ChatStreamChunk, TokenUsage } from '../spec/v1/models/ai.js';

/** Streaming failover behaviour (orchestrator option `ai.streamFailover`). */
export interface StreamFailoverOptions {
  /**
   * When a stream fails after text was yielded, continue on the next candidate with the
   * partial text appended as an assistant message (a prefix the fallback model continues; with
   * Anthropic an assistant prefill, other vendors treat it as the start of the answer). The
   * fallback's `start` chunk is not yielded again. Never done once tool-call deltas were
   * yielded. Default false: the stream ends with a {@link MidStreamError}.
   */
  continueOnFallback?: boolean;
}

/** What {@link streamWithFailover} needs from the orchestrator. */
export interface StreamFailoverCall {
  callId: string;
  operation: AnyOperation;
  tenant: string;
  /** Ordered candidates (primary first), with the credential fingerprint scoping breakers. */
  candidates: ExecuteCandidate[];
  /** The validated input (`ai.streamChat`). */
  input: Record<string, unknown>;
  /** Input for a provider (fills the model the plan chose there). */
  inputFor(providerId: string, input: Record<string, unknown>): unknown;
  resilience: Resilience;
  events?: ResilienceEventSink;
  signal?: AbortSignal;
  options?: StreamFailoverOptions;
  /**
   * Opens the provider's stream. `release` is called once the stream ends (success, error or
   * the caller stopping early).
   */
  open(providerId: string, input: unknown, signal: AbortSignal): { stream: AsyncIterable<unknown>; release(): void };
  /** Called with the provider and `finish` chunk of a completed stream (cost, budgets). */
  onFinish?(providerId: string, chunk: Extract<ChatStreamChunk, { type: 'finish' }>, partialText: string): Promise<void> | void;
  /** Called when the stream ends without a finish chunk (error or early stop) with the text yielded so far. */
  onAbandon?(providerId: string | undefined, partialText: string): Promise<void> | void;
}

interface Opened {
  provider: string;
  iterator: AsyncIterator<unknown>;
  first: IteratorResult<unknown>;
  release(): void;
}

/**
 * Streams with failover (DESIGN §3 for streams): opening a stream and reading its first chunk
 * is one attempt of the resilience layer (retries honouring `retryAfterMs`, breakers,
 * timeouts, failover to the next candidate), so a stream that fails before its first chunk
 * fails over transparently. A stream that fails later ends with a {@link MidStreamError}
 * carrying the partial output and every attempt — or, with `continueOnFallback`, continues on
 * the remaining candidates with the partial text as prefix.
 *
 * @throws {NoProviderAvailableError} (or the resilience layer's error) when no candidate produced a first chunk.
 * @throws {MidStreamError} when a stream broke after yielding chunks and no continuation was possible.
 */
export async function* streamWithFailover(call: StreamFailoverCall): AsyncGenerator<ChatStreamChunk> {
  const attempts: Attempt[] = [];
  const base: CallEventBase = { callId: call.callId, operation: call.operation.name, service: call.operation.service, tenant: call.tenant };
  let remaining = call.candidates.slice();
  let input = call.input;
  let partialText = '';
  const toolCalls = new Map<number, { index: number; id?: string; name?: string; arguments: string }>();
  let started = false;
  let current: Opened | undefined;
  let finished = false;
  try {
    for (;;) {
      let opened: Opened;
      try {
        const result = await call.resilience.execute<Opened>({
          callId: call.callId,
          operation: call.operation,
          tenant: call.tenant,
          candidates: remaining,
          ...(call.signal ? { signal: call.signal } : {}),
          invoke: async (providerId, attemptSignal) => {
            // The attempt signal covers time to first chunk; afterwards only the caller's signal applies.
            const signal = call.signal ? AbortSignal.any([attemptSignal, call.signal]) : attemptSignal;
            const { stream, release } = call.open(providerId, call.inputFor(providerId, input), signal);
            const iterator = stream[Symbol.asyncIterator]();
            try {
              const first = await iterator.next();
              return { provider: providerId, iterator, first, release };
            } catch (error) {
              release();
              throw error;
            }
          },
        });
        opened = result.value;
        attempts.push(...renumber(result.attempts, attempts.length));
      } catch (error) {
        const prior = (error as { attempts?: Attempt[] }).attempts ?? [];
        const all = [...attempts, ...renumber(prior, attempts.length)];
        if (started) {
          throw new MidStreamError({ operation: call.operation.name, provider: attempts.at(-1)?.provider ?? 'unknown', partialText, partialToolCalls: [...toolCalls.values()], attempts: all, cause: error });
        }
        if (MosaicError.isInstance(error) && Array.isArray((error as { attempts?: unknown }).attempts)) throw error;
        throw new NoProviderAvailableError({ operation: call.operation.name, attempts: all, cause: error });
      }
      current = opened;
      const startedAt = Date.now();
      let next = opened.first;
      try {
        for (; !next.done; next = await opened.iterator.next()) {
          const chunk = next.value as ChatStreamChunk;
          if (chunk.type === 'start' && started) continue;
          if (chunk.type === 'text-delta') partialText += chunk.delta;
          if (chunk.type === 'tool-call-delta') {
            const t = toolCalls.get(chunk.index) ?? { index: chunk.index, arguments: '' };
            if (chunk.id) t.id = chunk.id;
            if (chunk.name) t.name = chunk.name;
            t.arguments += chunk.argumentsDelta;
            toolCalls.set(chunk.index, t);
          }
          if (chunk.type === 'finish') {
            finished = true;
            await call.onFinish?.(opened.provider, chunk, partialText);
          }
          started = true;
          yield chunk;
        }
        return;
      } catch (error) {
        if (call.signal?.aborted) throw call.signal.reason;
        const failed: Attempt = {
          provider: opened.provider,
          operation: call.operation.name,
          attempt: attempts.length + 1,
          startedAt,
          durationMs: Date.now() - startedAt,
          status: 'error',
          outcome: 'unknown',
          error: summarize(error),
        };
        attempts.push(failed);
        call.events?.emit('attempt', { ...base, attempt: failed });
        opened.release();
        current = undefined;
        const index = remaining.findIndex((c) => c.id === opened.provider);
        const rest = remaining.slice(index + 1);
        if (call.options?.continueOnFallback && toolCalls.size === 0 && !finished && rest.length > 0) {
          call.events?.emit('failover', { ...base, from: opened.provider, to: rest[0]!.id, reason: `mid-stream: ${failed.error!.message}` });
          remaining = rest;
          const messages = (call.input.messages as unknown[]) ?? [];
          input = partialText ? { ...call.input, messages: [...messages, { role: 'assistant', content: partialText }] } : call.input;
          continue;
        }
        throw new MidStreamError({ operation: call.operation.name, provider: opened.provider, partialText, partialToolCalls: [...toolCalls.values()], attempts, cause: error });
      }
    }
  } finally {
    if (current) {
      // Early stop by the caller (break/return) or normal end: close the vendor stream.
      const it = current.iterator;
      current.release();
      if (!finished) await it.return?.().catch(() => undefined);
    }
    if (!finished) await call.onAbandon?.(current?.provider ?? attempts.at(-1)?.provider, partialText);
  }
}

function renumber(list: Attempt[], offset: number): Attempt[] {
  return list.map((a) => ({ ...a, attempt: a.attempt + offset }));
}

function summarize(error: unknown): NonNullable<Attempt['error']> {
  if (MosaicError.isInstance(error)) {
    const e = error as MosaicError & { category?: string; status?: number; retryAfterMs?: number };
    return {
      name: e.name,
      code: e.code,
      message: e.message,
      ...(e.category ? { category: e.category } : {}),
      ...(e.status !== undefined ? { status: e.status } : {}),
      ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
    };
  }
  return { name: error instanceof Error ? error.name : 'Error', message: new MosaicError({ message: error instanceof Error ? error.message : String(error) }).message };
}

/** Usage of a finish chunk as a budget amount. */
export function usageTokens(usage: TokenUsage | undefined): number {
  if (!usage) return 0;
  return usage.totalTokens || usage.inputTokens + usage.outputTokens;
}
