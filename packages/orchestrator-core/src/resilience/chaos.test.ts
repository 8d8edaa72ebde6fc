import { describe, expect, it } from 'vitest';
import { NoProviderAvailableError } from '../errors/no-provider-available-error.js';
import { OutcomeUnknownError } from '../errors/outcome-unknown-error.js';
import { gitOperations } from '../registry/git.js';
import type { AnyOperation } from '../registry/define.js';
import { createResilience } from './executor.js';
import { createFaultInjectingProvider, type Fault, type FaultContext, type FaultInjectingProvider } from './testing/fault-injecting-provider.js';
import { createVirtualHarness, seededRandom as seeded } from './testing/harness.js';

const OPS = 10_000;
const CONCURRENCY = 8;
const THRESHOLD = 5;
const FAILURE_RATE = 0.2;
/** Injected faults per call and provider never exceed this, so a live provider serves within maxAttempts (3). */
const MAX_FAULTS_PER_CALL = 2;

const readOps: AnyOperation[] = [gitOperations['git.getRepository'], gitOperations['git.getBranch'], gitOperations['git.getPullRequest']];
const writeOps: AnyOperation[] = [gitOperations['git.createRepository'], gitOperations['git.createBranch'], gitOperations['git.updateRepository']];

function inputFor(op: AnyOperation, i: number): Record<string, unknown> {
  const repo = `r${i % 97}`;
  switch (op.name) {
    case 'git.createRepository':
      return { owner: 'acme', name: `new-${i}`, ownerType: 'organization', private: false, autoInit: false };
    case 'git.createBranch':
      return { owner: 'acme', repo, branch: `b-${i}`, from: 'main' };
    case 'git.updateRepository':
      return { owner: 'acme', repo, patch: { description: `d${i}` } };
    case 'git.getBranch':
      return { owner: 'acme', repo, branch: 'main' };
    case 'git.getPullRequest':
      return { owner: 'acme', repo, number: 1 + (i % 50) };
    default:
      return { owner: 'acme', repo };
  }
}

describe('chaos: 10,000 mixed operations over 3 fault-injecting providers', () => {
  it('never duplicates or loses a write, serves every read that had a healthy candidate, and opens breakers quickly', async () => {
    const h = createVirtualHarness();
    const random = seeded(20261122);
    const faultsPerCall = new Map<string, number>();
    const script = (ctx: FaultContext): Fault | undefined => {
      const callId = String(ctx.options.context?.['callId'] ?? '');
      const key = `${ctx.providerId}/${callId}`;
      const used = faultsPerCall.get(key) ?? 0;
      if (used >= MAX_FAULTS_PER_CALL || random() >= FAILURE_RATE) return undefined;
      faultsPerCall.set(key, used + 1);
      const r = random();
      const isWrite = ctx.operation.kind === 'write';
      if (r < 0.3) return { type: 'status', status: 503 };
      if (r < 0.5) return { type: 'reset' };
      if (r < 0.65) return isWrite ? { type: 'drop-after-commit' } : { type: 'reset' };
      if (r < 0.8) return { type: 'connection-refused' };
      return { type: 'rate-limit', retryAfter: '0.05' };
    };
    const providers: Record<string, FaultInjectingProvider> = {
      a: createFaultInjectingProvider({ id: 'a', idempotencyKeys: true, faults: script }),
      b: createFaultInjectingProvider({ id: 'b', idempotencyKeys: false, faults: script }),
      c: createFaultInjectingProvider({ id: 'c', idempotencyKeys: true, faults: script }),
    };
    const ids = Object.keys(providers);
    const dead = new Set<string>();
    const openedAfterDeath = new Map<string, boolean>();
    const wastedBeforeOpen = { read: 0, write: 0 };
    let probesToDead = 0;

    const resilience = createResilience({
      clock: h.clock,
      sleep: h.sleep,
      random,
      events: {
        emit(name, payload) {
          if (name === 'breaker:state') {
            const e = payload as { provider: string; operationKind: string; to: string };
            if (dead.has(e.provider) && e.to === 'open') openedAfterDeath.set(`${e.provider}/${e.operationKind}`, true);
          }
        },
      },
      defaults: {
        retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 200 },
        breaker: { mode: 'consecutive', threshold: THRESHOLD, halfOpenAfterMs: 500 },
        bulkhead: { maxConcurrent: 50 },
      },
    });

    type Outcome =
      | { kind: 'read'; ok: boolean; healthy: boolean; error?: unknown }
      | { kind: 'write'; key: string; ok: boolean; provider?: string; error?: unknown };
    const outcomes: Outcome[] = [];
    let next = 0;

    const runOne = async (i: number): Promise<void> => {
      h.time.now += 1;
      if (i === OPS / 2) {
        dead.add('c');
        providers.c!.setOutage('connection-refused');
      }
      const isWrite = random() < 0.5;
      const op = (isWrite ? writeOps : readOps)[i % 3]!;
      const input = inputFor(op, i);
      const order = [0, 1, 2].map((k) => ids[(i + k) % 3]!);
      const callId = `call-${i}`;
      const key = `key-${i}`;
      const healthy = order.some((id) => !dead.has(id) && resilience.breakerAllows(id, op.kind, `fp-${id}`).allowed);
      try {
        const result = await resilience.execute({
          callId,
          operation: op,
          tenant: 'acme',
          candidates: order.map((id) => ({ id, credential: `fp-${id}`, idempotencyKeys: providers[id]!.capabilities.features?.idempotencyKeys === true })),
          ...(isWrite ? { idempotencyKey: key } : {}),
          invoke: (id, signal) => {
            if (dead.has(id)) {
              const scope = `${id}/${op.kind}`;
              if (!openedAfterDeath.get(scope)) wastedBeforeOpen[op.kind]++;
              else probesToDead++;
            }
            const method = (providers[id] as unknown as Record<string, (input: unknown, options: unknown) => Promise<unknown>>)[op.method]!;
            return method(input, { signal, context: { tenant: 'acme', callId }, ...(isWrite ? { idempotencyKey: key } : {}) });
          },
        });
        outcomes.push(isWrite ? { kind: 'write', key, ok: true, provider: result.provider } : { kind: 'read', ok: true, healthy });
      } catch (error) {
        outcomes.push(isWrite ? { kind: 'write', key, ok: false, error } : { kind: 'read', ok: false, healthy, error });
      }
    };

    const worker = async (): Promise<void> => {
      while (next < OPS) await runOne(next++);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    // Reconcile every write against the providers' stores.
    const applied = (key: string) => ids.reduce((sum, id) => sum + providers[id]!.appliedCount(key), 0);
    let duplicated = 0;
    let lost = 0;
    let phantom = 0;
    let unknownApplied = 0;
    let unknownNotApplied = 0;
    let unexpectedWriteErrors = 0;
    let writesOk = 0;
    for (const o of outcomes) {
      if (o.kind !== 'write') continue;
      const total = applied(o.key);
      if (total > 1) duplicated++;
      if (o.ok) {
        writesOk++;
        if (total !== 1 || providers[o.provider!]!.appliedCount(o.key) !== 1) lost++;
      } else if (OutcomeUnknownError.isInstance(o.error)) {
        if (total === 1 && providers[o.error.provider]!.appliedCount(o.key) === 1) unknownApplied++;
        else if (total === 0) unknownNotApplied++;
        else lost++;
      } else if (NoProviderAvailableError.isInstance(o.error)) {
        if (total !== 0) phantom++;
      } else {
        unexpectedWriteErrors++;
      }
    }
    const reads = outcomes.filter((o): o is Extract<Outcome, { kind: 'read' }> => o.kind === 'read');
    const readsHealthy = reads.filter((r) => r.healthy);
    const readsFailedWithHealthy = readsHealthy.filter((r) => !r.ok).length;
    const writes = outcomes.length - reads.length;
    const totalCalls = ids.reduce((s, id) => s + providers[id]!.calls, 0);
    const bound = THRESHOLD + CONCURRENCY - 1;

    console.log(
      [
        `chaos: ${OPS} operations (${reads.length} reads, ${writes} writes), concurrency ${CONCURRENCY}, ${FAILURE_RATE * 100}% injected failures, provider c dead from op ${OPS / 2}`,
        `  provider calls: ${totalCalls} (a ${providers.a!.calls}, b ${providers.b!.calls}, c ${providers.c!.calls}); virtual time ${h.time.now - 1_700_000_000_000} ms`,
        `  reads: ${reads.filter((r) => r.ok).length} ok, ${reads.length - reads.filter((r) => r.ok).length} failed; with a healthy candidate: ${readsHealthy.length}, of which failed: ${readsFailedWithHealthy}`,
        `  writes: ${writesOk} ok, outcome unknown ${unknownApplied + unknownNotApplied} (applied ${unknownApplied}, not applied ${unknownNotApplied}), no provider ${outcomes.filter((o) => o.kind === 'write' && NoProviderAvailableError.isInstance(o.error)).length}`,
        `  duplicated writes: ${duplicated}; lost writes: ${lost}; phantom writes: ${phantom}; unexpected write errors: ${unexpectedWriteErrors}`,
        `  calls to dead c before its breaker opened: read ${wastedBeforeOpen.read}, write ${wastedBeforeOpen.write} (bound ${bound}); half-open probes after: ${probesToDead}`,
      ].join('\n'),
    );

    expect(outcomes).toHaveLength(OPS);
    expect(duplicated).toBe(0);
    expect(lost).toBe(0);
    expect(phantom).toBe(0);
    expect(unexpectedWriteErrors).toBe(0);
    expect(readsFailedWithHealthy).toBe(0);
    expect(wastedBeforeOpen.read).toBeLessThanOrEqual(bound);
    expect(wastedBeforeOpen.write).toBeLessThanOrEqual(bound);
    expect(openedAfterDeath.get('c/read')).toBe(true);
    expect(openedAfterDeath.get('c/write')).toBe(true);
    // the run exercised every path it claims to
    expect(writesOk).toBeGreaterThan(0);
    expect(unknownApplied).toBeGreaterThan(0);
    expect(unknownNotApplied).toBeGreaterThan(0);
  }, 120_000);
});
