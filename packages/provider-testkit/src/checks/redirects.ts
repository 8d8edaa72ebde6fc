import { type ServiceType } from '@mosaic/orchestrator-core';
import { check, probeOf, settle, withHarness, type SuiteSettings } from '../harness.js';
import type { TestProviderFactory, ServiceFixture } from '../types.js';
import type { CheckSpec } from './spec.js';

/** Redirect checks of one service type: credentials stay on their origin. */
export function redirectSpecs(factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings): CheckSpec[] {
  return [302, 307].map((status) => ({
    slug: `cross-origin-${status}`,
    name: `credentials are not sent to another origin after a cross-origin ${status} redirect`,
    run: () =>
      withHarness(factory, serviceType, service, settings, async (h) => {
        const probe = probeOf(h.provider, serviceType, service);
        const target = `${h.fixture.otherOrigin}/landing/${status}?from=mosaic-fixture`;
        h.fixture.inject({ status, headers: { location: target }, times: 1 });
        await settle(h.call(probe, service.probeInput));
        const first = h.fixture.requests[0];
        check(first !== undefined && Object.values(first.headers).some((v) => v.includes(h.token)), 'the first request did not carry the configured token (does the factory pass context.token?)');
        const elsewhere = h.fixture.requests.filter((r) => r.origin !== h.fixture.origin);
        const leaked = elsewhere.filter((r) => r.url.includes(h.token) || r.body.includes(h.token) || Object.values(r.headers).some((v) => v.includes(h.token)));
        check(leaked.length === 0, () => `sent the token to ${leaked.map((r) => `${r.method} ${r.url} (${Object.keys(r.headers).filter((k) => r.headers[k]!.includes(h.token)).join(', ') || 'url/body'})`).join(', ')}`);
        const withAuth = elsewhere.filter((r) => r.headers['authorization'] !== undefined || r.headers['private-token'] !== undefined);
        check(withAuth.length === 0, () => `sent an Authorization/Private-Token header to ${withAuth.map((r) => r.origin).join(', ')}`);
      }),
  }));
}
