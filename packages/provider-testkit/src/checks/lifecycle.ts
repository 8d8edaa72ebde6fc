import { validateProvider, type ServiceType } from '@mosaic/orchestrator-core';
import { check, describeError, probeOf, settle, sleep, within, withHarness, type SuiteSettings } from '../harness.js';
import type { TestProviderFactory, ServiceFixture } from '../types.js';
import type { CheckSpec } from './spec.js';

const HEALTH_STATES = new Set(['healthy', 'degraded', 'unhealthy']);

/** Lifecycle and health-check checks of one service type. */
export function lifecycleSpecs(factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings): CheckSpec[] {
  return [
    {
      slug: 'shape',
      name: 'is a valid spec v1 provider of its service type (validateProvider reports nothing)',
      run: () =>
        withHarness(factory, serviceType, service, settings, async ({ provider }) => {
          const problems = validateProvider(provider);
          check(problems.length === 0, () => `validateProvider: ${problems.join('; ')}`);
          check(provider.serviceType === serviceType, `serviceType is ${String(provider.serviceType)}, expected ${serviceType}`);
          check(provider.capabilities.operations.length > 0, 'capabilities.operations is empty');
        }, { start: false }),
    },
    {
      slug: 'no-network-before-calls',
      name: 'building, initialize and start send no request',
      run: () =>
        withHarness(factory, serviceType, service, settings, async ({ fixture }) => {
          check(fixture.requests.length === 0, () => `sent ${fixture.requests.length} request(s) before any call: ${fixture.requests.map((r) => `${r.method} ${r.pathname}`).join(', ')}`);
        }),
    },
    {
      slug: 'order-and-idempotent-shutdown',
      name: 'initialize → start → call → stop → dispose works, and stop/dispose are idempotent',
      run: () =>
        withHarness(factory, serviceType, service, settings, async (h) => {
          const { provider, logger } = h;
          await provider.initialize?.({ logger, reportRateLimit: () => undefined });
          await provider.start?.();
          const probe = probeOf(provider, serviceType, service);
          const result = await settle(h.call(probe, service.probeInput));
          check(result.ok, () => `${probe} failed after start: ${describeError(!result.ok ? result.error : undefined)}`);
          for (const step of ['stop', 'stop', 'dispose', 'dispose'] as const) {
            const fn = provider[step];
            if (typeof fn !== 'function') continue;
            const r = await settle(Promise.resolve().then(() => fn.call(provider)));
            check(r.ok, () => `${step}() threw: ${describeError(!r.ok ? r.error : undefined)}`);
          }
        }, { start: false }),
    },
    {
      slug: 'health-healthy',
      name: 'healthCheck reports healthy against the fixtures, with latencyMs and checkedAt',
      run: () =>
        withHarness(factory, serviceType, service, settings, async ({ provider }) => {
          const r = await provider.healthCheck(new AbortController().signal);
          check(r.status === 'healthy', () => `status is ${r.status}${r.detail ? ` (${r.detail})` : ''}`);
          check(typeof r.latencyMs === 'number' && r.latencyMs >= 0, 'latencyMs must be a non-negative number of milliseconds');
          check(typeof r.checkedAt === 'number' && r.checkedAt > 1e12, 'checkedAt must be epoch milliseconds');
        }),
    },
    {
      slug: 'health-abort',
      name: 'healthCheck honours its AbortSignal (settles promptly once aborted)',
      run: () =>
        withHarness(factory, serviceType, service, settings, async ({ provider, fixture }) => {
          fixture.inject({ hang: true });
          const controller = new AbortController();
          const pending = provider.healthCheck(controller.signal);
          pending.catch(() => undefined);
          const seen = await within(fixture.waitForRequest(undefined, 0), settings.healthTimeoutMs);
          controller.abort(new Error('conformance: caller aborted the health check'));
          const r = await within(pending, settings.abortBudgetMs + (seen.settled ? 0 : settings.healthGraceMs));
          check(r.settled, `healthCheck did not settle within ${settings.abortBudgetMs} ms of its signal aborting`);
          if (r.outcome.ok) check(r.outcome.value.status !== 'healthy', 'an aborted health check reported healthy');
        }),
    },
    {
      slug: 'health-timeout',
      name: 'healthCheck returns within its timeout when the vendor hangs, and not healthy',
      run: () =>
        withHarness(factory, serviceType, service, settings, async ({ provider, fixture }) => {
          fixture.inject({ hang: true });
          const r = await within(provider.healthCheck(new AbortController().signal), settings.healthTimeoutMs + settings.healthGraceMs);
          check(r.settled, `healthCheck did not settle within ${settings.healthTimeoutMs} ms (+${settings.healthGraceMs} ms grace) against a hanging vendor; pass healthTimeoutMs from the factory context to the provider`);
          if (r.outcome.ok) {
            check(HEALTH_STATES.has(r.outcome.value.status), `status ${String(r.outcome.value.status)} is not a health state`);
            check(r.outcome.value.status !== 'healthy', 'a hanging vendor was reported healthy');
          }
          await sleep(0);
        }),
    },
  ];
}
