import { type OperationName, type ServiceType } from '@mosaic/orchestrator-core';
import type { CapturedRequest, Fault } from '../fixture-server.js';
import { check, declaredOperations, probeOf, settle, withHarness, type SuiteSettings } from '../harness.js';
import type { TestProviderFactory, ServiceFixture } from '../types.js';
import type { CheckSpec } from './spec.js';

/** A careless vendor: its error body echoes every header and the URL the client sent. */
function echo(status: number): Fault {
  return {
    status,
    body: (r: CapturedRequest) => ({
      message: `fixture echo ${status}: ${Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`).join('; ')} url=${r.url}`,
      request: { headers: r.headers, url: r.url, body: r.body },
    }),
    headers: { 'www-authenticate': 'Bearer realm="fixture"' },
  };
}

/** Canary checks of one service type: the token never appears in errors, logs, events, health results or metrics. */
export function canarySpecs(factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings): CheckSpec[] {
  return [
    {
      slug: 'errors',
      name: 'the canary token never appears in errors (message, stack, cause, JSON, inspect), logs or events — vendor echoes it back',
      run: () =>
        withHarness(factory, serviceType, service, settings, async (h) => {
          const probe = probeOf(h.provider, serviceType, service);
          const seen: Array<[string, unknown]> = [];
          const faults: Array<[string, Fault]> = [
            ...[400, 401, 403, 404, 409, 422, 429, 500, 503].map((s): [string, Fault] => [`HTTP ${s}`, echo(s)]),
            ['connection reset', { reset: true }],
          ];
          for (const [label, fault] of faults) {
            const remove = h.fixture.inject(fault);
            const r = await settle(h.call(probe, service.probeInput));
            remove();
            check(!r.ok, `${probe} resolved although the vendor answered ${label}`);
            if (!r.ok) seen.push([`error (${label})`, r.error]);
          }
          // Writes too: their errors often carry the request body.
          const write = declaredOperations(h.provider, serviceType).find((o) => o.kind === 'write' && !o.streaming);
          if (write) {
            const remove = h.fixture.inject(echo(422));
            const r = await settle(h.call(write.name as OperationName));
            remove();
            if (!r.ok) seen.push([`error (${write.name}, HTTP 422)`, r.error]);
          }
          const sent = h.fixture.requests.filter((r) => Object.values(r.headers).some((v) => v.includes(h.token)) || r.url.includes(h.token));
          check(sent.length > 0, 'the provider never sent the token it was configured with (does the factory pass context.token?)');
          h.assertNoCanary(seen);
        }),
    },
    {
      slug: 'health',
      name: 'the canary token never appears in health-check results or errors',
      run: () =>
        withHarness(factory, serviceType, service, settings, async (h) => {
          const seen: Array<[string, unknown]> = [];
          for (const status of [401, 500]) {
            const remove = h.fixture.inject(echo(status));
            const r = await settle(h.provider.healthCheck(new AbortController().signal));
            remove();
            seen.push([`healthCheck (HTTP ${status})`, r.ok ? r.value : r.error]);
            if (r.ok) check(r.value.status !== 'healthy', `healthCheck reported healthy on HTTP ${status}`);
          }
          h.assertNoCanary(seen);
        }),
    },
  ];
}
