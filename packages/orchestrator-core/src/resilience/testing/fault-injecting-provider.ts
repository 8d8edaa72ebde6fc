import { providerErrorFromNetwork, providerErrorFromResponse } from '../../errors/http.js';
import type { AnyOperation } from '../../registry/define.js';
import { listOperations } from '../../registry/index.js';
import type { GitProviderV1 } from '../../spec/v1/facets.js';
import type { CallOptions, HealthCheckResult } from '../../spec/v1/provider.js';

/**
 * One injected fault:
 * - `latency`: wait `ms` (abortable), then serve normally;
 * - `status`: answer with HTTP `status` (classified by `providerErrorFromResponse`; `headers` as sent);
 * - `rate-limit`: HTTP 429 with `Retry-After: retryAfter` (seconds or an HTTP-date) when given;
 * - `connection-refused`: `ECONNREFUSED` before sending (outcome `not-applied`);
 * - `reset`: `ECONNRESET` after sending, the request was NOT applied (the client cannot know: `unknown`);
 * - `drop-after-commit`: the write IS applied to the store, then the connection resets (`unknown`);
 * - `hang`: never answers until the call's signal aborts (then rejects with the signal's reason).
 */
export type Fault =
  | { type: 'latency'; ms: number }
  | { type: 'status'; status: number; headers?: Record<string, string>; message?: string }
  | { type: 'rate-limit'; retryAfter?: string | number }
  | { type: 'connection-refused' }
  | { type: 'reset' }
  | { type: 'drop-after-commit' }
  | { type: 'hang' };

/** What a fault script sees for each call. */
export interface FaultContext {
  providerId: string;
  operation: AnyOperation;
  input: unknown;
  options: CallOptions;
  /** 1-based number of this call on this provider. */
  callNumber: number;
}

/** Either a queue of faults consumed one per call (`undefined`/`null` entries = serve normally) or a function deciding per call. */
export type FaultScript = Array<Fault | Fault[] | undefined | null> | ((context: FaultContext) => Fault | Fault[] | undefined | null);

/** Options of {@link createFaultInjectingProvider}. */
export interface FaultInjectingProviderOptions {
  id: string;
  /** Only `git` is implemented (every operation of `listOperations('git')`). */
  serviceType?: 'git';
  /** Faults to inject; default none. */
  faults?: FaultScript;
  /** Whether the provider declares and honours idempotency keys (a repeated key returns the first result, applied once). Default false. */
  idempotencyKeys?: boolean;
  /** Credential fingerprint reported by `credentialFingerprint()`. Default `fp-<id>`. */
  credential?: string;
  /** Abortable wait used by `latency`; default `setTimeout`. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Ways a provider can be down for every call (see {@link FaultInjectingControls.setOutage}). */
export type OutageMode = 'connection-refused' | 'reset' | 'hang' | 'unavailable';

/** One applied write, as kept in the double's log. */
export interface AppliedWrite {
  operation: string;
  resourceId: string;
  idempotencyKey?: string;
  callNumber: number;
}

/** Test controls and counters of a fault-injecting provider. */
export interface FaultInjectingControls {
  /** Every stored record by resource id. */
  readonly store: Map<string, Record<string, unknown>>;
  /** Every applied write, in order. */
  readonly appliedWrites: AppliedWrite[];
  /** How many times writes carrying `key` were applied (0 when never). */
  appliedCount(key: string): number;
  /** Calls received (all operations, faults included). */
  readonly calls: number;
  /** Puts a record in the store without counting a write. */
  seed(resourceId: string, record: Record<string, unknown>): void;
  /** Makes every following call fail the given way (`undefined` ends the outage). */
  setOutage(mode: OutageMode | undefined): void;
  /** Replaces the fault script. */
  setFaults(faults: FaultScript | undefined): void;
}

/** A git provider double with injected faults and an in-memory store. */
export type FaultInjectingProvider = GitProviderV1 & FaultInjectingControls;

/**
 * Creates a provider double for resilience tests: a real {@link GitProviderV1} whose every git
 * operation (from the registry) works on an in-memory store keyed by the operation's resource
 * id, with faults injected per call. Reads return the stored record (or a page of records
 * under the resource id for list operations; a synthetic record when nothing is stored);
 * writes store `{ ...input, provider, resourceId }` (deletes remove it) and are logged with
 * their idempotency key, so a test can prove that no write was applied twice or lost.
 *
 * Errors are thrown the way a real provider classifies them: `providerErrorFromResponse` for
 * HTTP answers, `providerErrorFromNetwork` for connection failures; `hang` rejects with the
 * signal's own reason (like `fetch`), left for the caller to classify.
 */
export function createFaultInjectingProvider(options: FaultInjectingProviderOptions): FaultInjectingProvider {
  const id = options.id;
  const sleep = options.sleep ?? defaultSleep;
  const operations = listOperations('git');
  const store = new Map<string, Record<string, unknown>>();
  const appliedWrites: AppliedWrite[] = [];
  const appliedByKey = new Map<string, number>();
  const idempotentResults = new Map<string, unknown>();
  let script: FaultScript | undefined = options.faults ? (Array.isArray(options.faults) ? [...options.faults] : options.faults) : undefined;
  let outage: OutageMode | undefined;
  let calls = 0;

  const nextFaults = (ctx: FaultContext): Fault[] => {
    if (outage) return [outageFault(outage)];
    if (!script) return [];
    const f = typeof script === 'function' ? script(ctx) : script.shift();
    if (f == null) return [];
    return Array.isArray(f) ? f : [f];
  };

  const apply = (op: AnyOperation, input: unknown, resourceId: string, callOptions: CallOptions, callNumber: number): unknown => {
    const key = callOptions.idempotencyKey;
    if (options.idempotencyKeys && key !== undefined && idempotentResults.has(key)) return idempotentResults.get(key);
    const record = { ...(input as Record<string, unknown>), provider: id, resourceId };
    if (op.destructive) store.delete(resourceId);
    else store.set(resourceId, { ...store.get(resourceId), ...record });
    appliedWrites.push({ operation: op.name, resourceId, callNumber, ...(key !== undefined ? { idempotencyKey: key } : {}) });
    if (key !== undefined) appliedByKey.set(key, (appliedByKey.get(key) ?? 0) + 1);
    const result = op.destructive ? { ok: true, provider: id } : record;
    if (options.idempotencyKeys && key !== undefined) idempotentResults.set(key, result);
    return result;
  };

  const read = (op: AnyOperation, resourceId: string): unknown => {
    if (op.paginated) {
      const items = [...store.entries()].filter(([k]) => k === resourceId || k.startsWith(`${resourceId}/`)).map(([, v]) => v);
      return { items, nextCursor: null, totalCount: items.length, provider: id };
    }
    return store.get(resourceId) ?? { provider: id, resourceId, synthetic: true };
  };

  const method = (op: AnyOperation) =>
    async (input: unknown, callOptions: CallOptions = {}): Promise<unknown> => {
      const callNumber = ++calls;
      const signal = callOptions.signal;
      if (signal?.aborted) throw signal.reason;
      const resourceId = op.resource(input as never);
      let commitThenDrop = false;
      for (const fault of nextFaults({ providerId: id, operation: op, input, options: callOptions, callNumber })) {
        switch (fault.type) {
          case 'latency':
            await sleep(fault.ms, signal);
            break;
          case 'status':
            throw providerErrorFromResponse({
              provider: id, operation: op.name, status: fault.status, headers: fault.headers ?? {},
              ...(fault.message !== undefined ? { vendorMessage: fault.message } : {}),
            });
          case 'rate-limit':
            throw providerErrorFromResponse({
              provider: id, operation: op.name, status: 429,
              headers: fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
            });
          case 'connection-refused':
            throw providerErrorFromNetwork({ provider: id, operation: op.name, error: networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443') });
          case 'reset':
            throw providerErrorFromNetwork({ provider: id, operation: op.name, error: networkError('ECONNRESET', 'socket hang up') });
          case 'drop-after-commit':
            commitThenDrop = true;
            break;
          case 'hang':
            await new Promise<never>((_, reject) => {
              if (!signal) return; // hangs forever: the caller gave no way out
              if (signal.aborted) reject(signal.reason);
              signal.addEventListener('abort', () => reject(signal.reason), { once: true });
            });
            break;
        }
      }
      if (op.kind === 'read') return read(op, resourceId);
      const result = apply(op, input, resourceId, callOptions, callNumber);
      if (commitThenDrop) {
        throw providerErrorFromNetwork({ provider: id, operation: op.name, error: networkError('ECONNRESET', 'socket hang up after commit') });
      }
      return result;
    };

  const provider: Record<string, unknown> = {
    specificationVersion: 'v1',
    id,
    vendor: 'fault-injection',
    serviceType: options.serviceType ?? 'git',
    capabilities: {
      operations: operations.map((o) => o.name),
      features: { idempotencyKeys: options.idempotencyKeys ?? false },
    },
    async healthCheck(signal: AbortSignal): Promise<HealthCheckResult> {
      if (signal.aborted) throw signal.reason;
      return { status: outage ? 'unhealthy' : 'healthy', latencyMs: 0, checkedAt: Date.now(), ...(outage ? { detail: `outage: ${outage}` } : {}) };
    },
    credentialFingerprint: () => options.credential ?? `fp-${id}`,
    store,
    appliedWrites,
    appliedCount: (key: string) => appliedByKey.get(key) ?? 0,
    get calls() {
      return calls;
    },
    seed(resourceId: string, record: Record<string, unknown>) {
      store.set(resourceId, record);
    },
    setOutage(mode: OutageMode | undefined) {
      outage = mode;
    },
    setFaults(faults: FaultScript | undefined) {
      script = faults ? (Array.isArray(faults) ? [...faults] : faults) : undefined;
    },
  };
  for (const op of operations) provider[op.method] = method(op);
  return provider as unknown as FaultInjectingProvider;
}

function outageFault(mode: OutageMode): Fault {
  if (mode === 'unavailable') return { type: 'status', status: 503 };
  return { type: mode };
}

function networkError(code: string, message: string): Error {
  const cause = Object.assign(new Error(message), { code });
  return new TypeError('fetch failed', { cause });
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });
}
