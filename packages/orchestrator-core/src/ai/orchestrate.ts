import { MosaicError } from '../errors/mosaic-error.js';
import type { EventBus } from '../events/bus.js';
import type { ExecuteCandidate, Resilience } from '../resilience/types.js';
import type { RouteDecision, RouteRequest } from '../router/types.js';
import type { ChatStreamChunk } from '../spec/v1/models/ai.js';
import type { BudgetScope } from './budget.js';
import type { AiRouting } from './routing.js';
import { streamWithFailover, usageTokens } from './stream.js';
import { estimateTextTokens } from './tokens.js';

/** The budget scope of a call: its tenant, end user and tags. */
export function budgetScope(tenant: string, options: { user?: { id?: unknown } | undefined; tags?: Record<string, string> | undefined }): BudgetScope {
  return {
    tenant,
    ...(typeof options.user?.id === 'string' ? { userId: options.user.id } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
  };
}

/** What {@link aiStreamCall} needs from the orchestrator. */
export interface AiStreamDeps {
  ai: AiRouting;
  request: RouteRequest;
  decision: RouteDecision;
  callId: string;
  tenant: string;
  scope: BudgetScope;
  resilience: Resilience;
  events: EventBus;
  signal?: AbortSignal | undefined;
  candidate(providerId: string): ExecuteCandidate;
  open(providerId: string, input: unknown, signal: AbortSignal): { stream: AsyncIterable<unknown>; release(): void };
  /** Error when the decision has no candidates. */
  noCandidates(): Error;
}

/**
 * `ai.streamChat` through the orchestrator: plan (model per provider, cost order), budget
 * reservation before any provider is called, {@link streamWithFailover}, cost on the `finish`
 * chunk, settlement (actual usage; on a broken stream the input estimate plus the text
 * received), and the `request:*` events.
 */
export async function* aiStreamCall(d: AiStreamDeps): AsyncGenerator<ChatStreamChunk> {
  const op = d.request.operation;
  const base = { callId: d.callId, operation: op.name, service: op.service, tenant: d.tenant };
  const started = performance.now();
  d.events.emit('request:start', { ...base, resourceId: d.request.resourceId, kind: op.kind });
  let attempts = 0;
  try {
    const plan = d.ai.plan(d.request, d.decision);
    d.events.emit('request:routed', { ...base, candidates: d.decision.candidates, decision: d.decision.trace });
    if (d.decision.candidates.length === 0) throw d.noCandidates();
    const reservation = await plan?.reserve(d.scope);
    let served: string | undefined;
    let costUsd: number | undefined;
    const input = d.request.input as Record<string, unknown>;
    yield* streamWithFailover({
      callId: d.callId,
      operation: op,
      tenant: d.tenant,
      candidates: d.decision.candidates.map((id) => d.candidate(id)),
      input,
      inputFor: (id, i) => (plan ? plan.inputFor(id, i) : i),
      resilience: d.resilience,
      events: d.events,
      ...(d.signal ? { signal: d.signal } : {}),
      options: d.ai.streamFailover,
      open: (id, i, signal) => {
        attempts++;
        return d.open(id, i, signal);
      },
      onFinish: async (providerId, chunk) => {
        served = providerId;
        const model = (chunk.raw as { model?: string } | undefined)?.model;
        const priced = plan?.priceResult(providerId, { model, usage: chunk.usage, costUsd: chunk.costUsd });
        costUsd = priced?.costUsd ?? chunk.costUsd ?? undefined;
        if (costUsd !== undefined) chunk.costUsd = costUsd;
        await reservation?.settle({ costUsd: costUsd ?? 0, tokens: usageTokens(chunk.usage) }).catch(() => undefined);
      },
      onAbandon: async (providerId, partialText) => {
        if (!reservation) return;
        // The vendor bills what it generated: charge the input estimate and the text received.
        const tokens = (plan?.requirements.inputTokens ?? 0) + estimateTextTokens(partialText);
        const cost = providerId && plan ? (plan.costOf(providerId, undefined, { inputTokens: plan.requirements.inputTokens, outputTokens: estimateTextTokens(partialText) }) ?? 0) : 0;
        await reservation.settle(partialText || providerId ? { costUsd: cost, tokens } : { costUsd: 0, tokens: 0 }).catch(() => undefined);
      },
    });
    d.events.emit('request:success', {
      ...base,
      provider: served ?? 'unknown',
      durationMs: performance.now() - started,
      attempts,
      cached: false,
      ...(costUsd !== undefined ? { costUsd } : {}),
    });
  } catch (error) {
    const list = (error as { attempts?: unknown }).attempts;
    d.events.emit('request:error', {
      ...base,
      durationMs: performance.now() - started,
      attempts: Array.isArray(list) ? list : [],
      error: MosaicError.isInstance(error) ? { name: error.name, code: error.code, message: error.message } : { name: 'Error', message: new MosaicError({ message: String((error as Error)?.message ?? error) }).message },
    });
    throw error;
  }
}
