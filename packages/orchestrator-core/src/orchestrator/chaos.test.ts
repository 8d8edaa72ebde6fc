import { describe, expect, it } from 'vitest';
import { MosaicError } from '../errors/mosaic-error.js';
import { OutcomeUnknownError } from '../errors/outcome-unknown-error.js';
import { createFaultInjectingProvider, type Fault, type FaultContext, type FaultInjectingProvider } from '../resilience/testing/index.js';
import { seededRandom as seeded } from '../resilience/testing/harness.js';
import { createOrchestrator } from './orchestrator.js';

const OPS = 3000;
const CONCURRENCY = 8;
const FAILURE_RATE = 0.2;
const MAX_FAULTS_PER_CALL = 2;

/**
 * The same invariants as the executor's chaos test, through the whole orchestrator: input
 * validation, router (round-robin over three providers), cache (reads cached, writes
 * invalidating), resilience and failover.
 */
describe('chaos through createOrchestrator: 3,000 mixed operations, 20% faults, one provider dies', () => {
  it('never duplicates or loses a write and serves every read', async () => {
    const random = seeded(7);
    const used = new Map<string, number>();
    const script = (ctx: FaultContext): Fault | undefined => {
      const key = `${ctx.providerId}/${String(ctx.options.context?.['callId'])}`;
      const n = used.get(key) ?? 0;
      if (n >= MAX_FAULTS_PER_CALL || random() >= FAILURE_RATE) return undefined;
      used.set(key, n + 1);
      const r = random();
      if (r < 0.3) return { type: 'status', status: 503 };
      if (r < 0.5) return { type: 'reset' };
      if (r < 0.65) return ctx.operation.kind === 'write' ? { type: 'drop-after-commit' } : { type: 'reset' };
      if (r < 0.8) return { type: 'connection-refused' };
      return { type: 'rate-limit', retryAfter: '1' };
    };
    const providers: FaultInjectingProvider[] = ['a', 'b', 'c'].map((id) => createFaultInjectingProvider({ id, idempotencyKeys: id !== 'b', faults: script }));
    let virtualNow = Date.parse('2026-11-22T00:00:00Z');
    const mosaic = await createOrchestrator({
      providers,
      routing: { default: ['a', 'b', 'c'], loadBalancing: { strategy: 'round-robin' } },
      resilience: {
        defaults: { retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 }, breaker: { threshold: 5, halfOpenAfterMs: 2000 }, timeoutMs: 1000 },
        clock: { now: () => virtualNow },
        sleep: async (ms, signal) => {
          signal?.throwIfAborted();
          virtualNow += ms;
        },
      },
      cache: { defaultTtlSeconds: 30, clock: () => virtualNow },
      healthCheck: { intervalMs: 0 },
    });

    const writes: Array<{ key: string; outcome: 'ok' | 'unknown' | 'failed' }> = [];
    const reads = { ok: 0, failed: 0 };
    let next = 0;
    const dead = providers[2]!;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < OPS) {
          const i = next++;
          if (i === OPS / 2) dead.setOutage('connection-refused');
          virtualNow += 3;
          if (random() < 0.5) {
            try {
              await mosaic.git.getRepository({ owner: 'acme', repo: `r${i % 37}` });
              reads.ok++;
            } catch {
              reads.failed++;
            }
          } else {
            const key = `write-${i}`;
            try {
              await mosaic.git.updateRepository({ owner: 'acme', repo: `r${i % 37}`, patch: { description: key } }, { idempotencyKey: key });
              writes.push({ key, outcome: 'ok' });
            } catch (error) {
              expect(MosaicError.isInstance(error)).toBe(true);
              writes.push({ key, outcome: OutcomeUnknownError.isInstance(error) ? 'unknown' : 'failed' });
            }
          }
        }
      }),
    );
    await mosaic.close();

    const applied = (key: string) => providers.reduce((n, p) => n + p.appliedCount(key), 0);
    const duplicated = writes.filter((w) => applied(w.key) > 1).length;
    const lost = writes.filter((w) => w.outcome === 'ok' && applied(w.key) !== 1).length;
    const phantom = writes.filter((w) => w.outcome === 'failed' && applied(w.key) !== 0).length;
    const summary = {
      operations: OPS,
      reads,
      writes: {
        ok: writes.filter((w) => w.outcome === 'ok').length,
        unknown: writes.filter((w) => w.outcome === 'unknown').length,
        failed: writes.filter((w) => w.outcome === 'failed').length,
      },
      providerCalls: Object.fromEntries(providers.map((p) => [p.id, p.calls])),
      duplicated,
      lost,
      phantom,
    };
    console.log(`chaos through the orchestrator: ${JSON.stringify(summary)}`);
    expect(duplicated).toBe(0);
    expect(lost).toBe(0);
    expect(phantom).toBe(0);
    // two providers stay healthy and faults per call are bounded: every read is served
    expect(reads.failed).toBe(0);
    expect(reads.ok + writes.length).toBe(OPS);
  }, 120_000);
});
