import { listOperations, type OperationName, type ServiceType } from '@mosaic/orchestrator-core';
import { check, describeError, probeOf, settle, sleep, within, withHarness, type SuiteSettings } from '../harness.js';
import type { TestProviderFactory, ServiceFixture } from '../types.js';
import type { CheckSpec } from './spec.js';

/** True when `error` is the abort: the signal's reason, an `AbortError`, or an error caused by either. */
function isAbort(error: unknown, reason: unknown): boolean {
  let current: unknown = error;
  for (let i = 0; i < 5 && current != null; i++) {
    if (current === reason) return true;
    if ((current as { name?: string }).name === 'AbortError') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Abort checks of one service type. */
export function abortSpecs(factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings, declared?: readonly string[]): CheckSpec[] {
  return [
    {
      slug: 'already-aborted',
      name: 'a call with an already-aborted signal rejects without sending a request',
      run: () =>
        withHarness(factory, serviceType, service, settings, async (h) => {
          const probe = probeOf(h.provider, serviceType, service);
          const reason = new Error('conformance: aborted before the call');
          const r = await settle(h.call(probe, service.probeInput, { signal: AbortSignal.abort(reason) }));
          check(!r.ok, `${probe} resolved with an aborted signal`);
          check(isAbort(r.ok ? undefined : r.error, reason), () => `rejected with ${describeError(r.ok ? undefined : r.error)}; expected the signal's reason or an AbortError`);
          check(h.fixture.requests.length === 0, `sent ${h.fixture.requests.length} request(s) with an already-aborted signal`);
        }),
    },
    {
      slug: 'in-flight',
      name: `an in-flight call stops promptly once aborted and sends nothing afterwards`,
      run: () =>
        withHarness(factory, serviceType, service, settings, async (h) => {
          const probe = probeOf(h.provider, serviceType, service);
          h.fixture.inject({ hang: true });
          const controller = new AbortController();
          const pending = h.call(probe, service.probeInput, { signal: controller.signal });
          pending.catch(() => undefined);
          const seen = await within(h.fixture.waitForRequest(undefined, 0), 3000);
          check(seen.settled, `${probe} sent no request`);
          const reason = new Error('conformance: caller aborted');
          const at = h.fixture.requests.length;
          controller.abort(reason);
          const r = await within(pending, settings.abortBudgetMs);
          check(r.settled, `${probe} did not settle within ${settings.abortBudgetMs} ms of the abort`);
          check(!r.outcome.ok, `${probe} resolved after the abort`);
          check(isAbort(r.outcome.ok ? undefined : r.outcome.error, reason), () => `rejected with ${describeError(r.settled && !r.outcome.ok ? r.outcome.error : undefined)}; expected the signal's reason or an AbortError`);
          await sleep(100);
          const after = h.fixture.requests.slice(at);
          check(after.length === 0, () => `sent ${after.length} request(s) after the abort: ${after.map((x) => `${x.method} ${x.pathname}`).join(', ')}`);
        }),
    },
    ...streamSpecs(factory, serviceType, service, settings, declared),
  ];
}

/**
 * For each declared streaming operation (`ai.streamChat`): an abort before the stream starts ends
 * the iteration promptly. Registered only when the declared operations are known at
 * registration (a synchronous factory).
 */
function streamSpecs(factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings, declared?: readonly string[]): CheckSpec[] {
  if (!declared) return [];
  const streaming = listOperations(serviceType).filter((o) => o.streaming && declared.includes(o.name));
  return streaming.map((op) => ({
    slug: `in-flight-${op.method}`,
    name: `an in-flight ${op.name} stops promptly once aborted and sends nothing afterwards`,
    run: () =>
      withHarness(factory, serviceType, service, settings, async (h) => {
        h.fixture.inject({ hang: true });
        const controller = new AbortController();
        const pending = h.call(op.name as OperationName, undefined, { signal: controller.signal });
        pending.catch(() => undefined);
        const seen = await within(h.fixture.waitForRequest(undefined, 0), 3000);
        check(seen.settled, `${op.name} sent no request`);
        const reason = new Error('conformance: caller aborted the stream');
        const at = h.fixture.requests.length;
        controller.abort(reason);
        const r = await within(pending, settings.abortBudgetMs);
        check(r.settled, `${op.name} did not settle within ${settings.abortBudgetMs} ms of the abort`);
        check(!r.outcome.ok, `${op.name} completed after the abort`);
        check(isAbort(r.outcome.ok ? undefined : r.outcome.error, reason), () => `rejected with ${describeError(r.settled && !r.outcome.ok ? r.outcome.error : undefined)}; expected the signal's reason or an AbortError`);
        await sleep(100);
        check(h.fixture.requests.length === at, `sent ${h.fixture.requests.length - at} request(s) after the abort`);
      }),
  }));
}
