import { MosaicError, ProviderCallError, RateLimitedError, TimeoutError, type ErrorCategory, type ServiceType } from '@mosaic/orchestrator-core';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Fault } from '../fixture-server.js';
import { check, describeError, probeOf, settle, within, withHarness, type SuiteSettings } from '../harness.js';
import type { TestProviderFactory, ServiceFixture } from '../types.js';
import type { CheckSpec } from './spec.js';

/** Expected classification of one injected failure. */
export interface ErrorCase {
  slug: string;
  title: string;
  fault: (now: number) => Fault;
  /** Expected error class: `RateLimitedError`, else `ProviderCallError`. */
  rateLimited?: boolean;
  category: ErrorCategory;
  status?: number;
  isRetryable: boolean;
  /** Expected `retryAfterMs`: exact, a `[min, max]` range, or `'absent'`. */
  retryAfterMs?: number | [number, number] | 'absent';
  /** Expected `outcome`. */
  outcome?: 'not-applied' | 'unknown';
}

/** HTTP-date `Retry-After` used by the date case: 30 s ahead, whole seconds. */
const DATE_AHEAD_MS = 30_000;

/**
 * The error-mapping table every provider must satisfy (DESIGN §3 and the core's
 * `providerErrorFromResponse`): status → class, category, `isRetryable`, `retryAfterMs`.
 */
export const ERROR_CASES: readonly ErrorCase[] = [
  { slug: 'http-401', title: 'HTTP 401 → auth, not retryable', fault: () => ({ status: 401 }), category: 'auth', status: 401, isRetryable: false, outcome: 'not-applied' },
  { slug: 'http-403', title: 'HTTP 403 (no rate-limit headers) → auth, not retryable', fault: () => ({ status: 403 }), category: 'auth', status: 403, isRetryable: false, outcome: 'not-applied' },
  { slug: 'http-404', title: 'HTTP 404 → not-found, not retryable', fault: () => ({ status: 404 }), category: 'not-found', status: 404, isRetryable: false, outcome: 'not-applied' },
  { slug: 'http-409', title: 'HTTP 409 → conflict, retryable', fault: () => ({ status: 409 }), category: 'conflict', status: 409, isRetryable: true },
  { slug: 'http-422', title: 'HTTP 422 → validation, not retryable', fault: () => ({ status: 422 }), category: 'validation', status: 422, isRetryable: false, outcome: 'not-applied' },
  {
    slug: 'http-429', title: 'HTTP 429 without Retry-After → RateLimitedError, retryable, no retryAfterMs',
    fault: () => ({ status: 429 }), rateLimited: true, category: 'rate-limited', status: 429, isRetryable: true, retryAfterMs: 'absent', outcome: 'not-applied',
  },
  {
    slug: 'http-429-retry-after-seconds', title: 'HTTP 429 with Retry-After: 7 → RateLimitedError, retryAfterMs 7000',
    fault: () => ({ status: 429, retryAfter: 7 }), rateLimited: true, category: 'rate-limited', status: 429, isRetryable: true, retryAfterMs: 7000, outcome: 'not-applied',
  },
  {
    slug: 'http-429-retry-after-date', title: 'HTTP 429 with an HTTP-date Retry-After 30 s ahead → retryAfterMs ≈ 30000',
    fault: (now) => ({ status: 429, retryAfter: new Date(Math.ceil((now + DATE_AHEAD_MS) / 1000) * 1000) }),
    rateLimited: true, category: 'rate-limited', status: 429, isRetryable: true, retryAfterMs: [DATE_AHEAD_MS - 3000, DATE_AHEAD_MS + 1000], outcome: 'not-applied',
  },
  { slug: 'http-500', title: 'HTTP 500 → unavailable, retryable', fault: () => ({ status: 500 }), category: 'unavailable', status: 500, isRetryable: true },
  { slug: 'http-502', title: 'HTTP 502 → unavailable, retryable', fault: () => ({ status: 502 }), category: 'unavailable', status: 502, isRetryable: true },
  { slug: 'http-503', title: 'HTTP 503 → unavailable, retryable', fault: () => ({ status: 503 }), category: 'unavailable', status: 503, isRetryable: true },
  {
    slug: 'connection-reset', title: 'connection reset → network, retryable, outcome unknown',
    fault: () => ({ reset: true }), category: 'network', isRetryable: true, outcome: 'unknown',
  },
];

function checkClassified(c: ErrorCase, error: unknown, providerId: string): string[] {
  const problems: string[] = [];
  if (!ProviderCallError.isInstance(error)) return [`threw ${describeError(error)}; expected a ProviderCallError (category ${c.category})`];
  if (c.rateLimited && !RateLimitedError.isInstance(error)) problems.push('expected a RateLimitedError');
  if (error.category !== c.category) problems.push(`category is ${error.category}, expected ${c.category}`);
  if (c.status !== undefined && error.status !== c.status) problems.push(`status is ${String(error.status)}, expected ${c.status}`);
  if (error.isRetryable !== c.isRetryable) problems.push(`isRetryable is ${String(error.isRetryable)}, expected ${String(c.isRetryable)}`);
  if (c.outcome && error.outcome !== c.outcome) problems.push(`outcome is ${error.outcome}, expected ${c.outcome}`);
  if (error.provider !== providerId) problems.push(`provider is ${JSON.stringify(error.provider)}, expected ${JSON.stringify(providerId)}`);
  const ra = error.retryAfterMs;
  if (c.retryAfterMs === 'absent' && ra !== undefined) problems.push(`retryAfterMs is ${ra}; the vendor sent no Retry-After`);
  if (typeof c.retryAfterMs === 'number' && ra !== c.retryAfterMs) problems.push(`retryAfterMs is ${String(ra)}, expected ${c.retryAfterMs}`);
  if (Array.isArray(c.retryAfterMs) && (ra === undefined || ra < c.retryAfterMs[0] || ra > c.retryAfterMs[1])) {
    problems.push(`retryAfterMs is ${String(ra)}, expected between ${c.retryAfterMs[0]} and ${c.retryAfterMs[1]}`);
  }
  return problems;
}

/** Error-mapping checks of one service type (one per {@link ERROR_CASES} entry, plus the timeout). */
export function errorSpecs(factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings): CheckSpec[] {
  const specs: CheckSpec[] = ERROR_CASES.map((c) => ({
    slug: c.slug,
    name: c.title,
    run: () =>
      withHarness(factory, serviceType, service, settings, async (h) => {
        const probe = probeOf(h.provider, serviceType, service);
        const fault = c.fault(Date.now());
        if (fault.status !== undefined && service.errorBody && fault.body === undefined) fault.body = service.errorBody(fault.status) as Fault['body'];
        h.fixture.inject(fault);
        const r = await settle(h.call(probe, service.probeInput));
        check(!r.ok, `${probe} resolved although the vendor answered ${c.slug}`);
        const problems = r.ok ? [] : checkClassified(c, r.error, h.provider.id);
        check(problems.length === 0, () => `${probe} (${c.slug}): ${problems.join('; ')}`);
        const sent = h.fixture.requests.length;
        check(sent === 1, `${probe} sent ${sent} requests for one call; providers must not retry on their own (the core is the one retry layer)`);
      }),
  }));
  specs.push({
    slug: 'connection-reset-socket',
    name: 'a real socket reset (ECONNRESET from a local TCP server) → network, retryable, outcome unknown',
    run: async () => {
      const sockets = new Set<Socket>();
      const tcp = createServer((socket) => {
        sockets.add(socket);
        socket.on('data', () => socket.resetAndDestroy());
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', () => resolve()));
      const { port } = tcp.address() as AddressInfo;
      try {
        await withHarness(factory, serviceType, service, settings, async (h) => {
          const probe = probeOf(h.provider, serviceType, service);
          const r = await settle(h.call(probe, service.probeInput));
          check(!r.ok, `${probe} resolved although the connection was reset`);
          const c = ERROR_CASES.find((x) => x.slug === 'connection-reset')!;
          const problems = r.ok ? [] : checkClassified(c, r.error, h.provider.id);
          check(problems.length === 0, () => `${probe} (ECONNRESET): ${problems.join('; ')}`);
          const sent = h.fixture.requests.length;
          check(sent === 1, `${probe} sent ${sent} requests for one call; providers must not retry on their own`);
        }, { providerBaseUrl: `http://127.0.0.1:${port}` });
      } finally {
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => tcp.close(() => resolve()));
      }
    },
  });
  specs.push({
    slug: 'timeout',
    name: 'a call whose signal times out (AbortSignal.timeout) ends promptly as a timeout',
    run: () =>
      withHarness(factory, serviceType, service, settings, async (h) => {
        const probe = probeOf(h.provider, serviceType, service);
        h.fixture.inject({ hang: true });
        const timeoutMs = 100;
        const r = await within(h.call(probe, service.probeInput, { signal: AbortSignal.timeout(timeoutMs) }), timeoutMs + settings.abortBudgetMs + 100);
        check(r.settled, `${probe} did not settle after its signal timed out (${timeoutMs} ms) against a hanging vendor`);
        check(!r.outcome.ok, `${probe} resolved against a hanging vendor`);
        const error = r.outcome.ok ? undefined : r.outcome.error;
        const name = (error as { name?: string } | null)?.name;
        const ok =
          name === 'TimeoutError' ||
          TimeoutError.isInstance(error) ||
          (ProviderCallError.isInstance(error) && error.category === 'timeout' && error.isRetryable) ||
          (MosaicError.isInstance(error) && (error as { cause?: { name?: string } }).cause?.name === 'TimeoutError');
        check(ok, () => `threw ${describeError(error)}; expected the signal's TimeoutError or a timeout-category ProviderCallError`);
      }),
  });
  return specs;
}
