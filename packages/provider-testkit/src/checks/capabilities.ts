import { UnsupportedOperationError, getOperation, listOperations, type AnyOperation, type OperationName, type ServiceType } from '@mosaic/orchestrator-core';
import { ConformanceFailure, callOperation, check, describeError, settle, withHarness, type SuiteSettings } from '../harness.js';
import type { TestProviderFactory, ServiceFixture } from '../types.js';
import type { CheckSpec } from './spec.js';

/**
 * Capability honesty of one service type: the manifest names real operations of the service
 * type, each backed by a method; every undeclared operation throws `UnsupportedOperationError`
 * before any request. That every declared operation works is checked per operation by the
 * `results` group.
 */
export function capabilitySpecs(factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings): CheckSpec[] {
  return [
    {
      slug: 'manifest',
      name: 'capabilities.operations lists operations of its service type, once each, each with a method',
      run: () =>
        withHarness(factory, serviceType, service, settings, async ({ provider }) => {
          const failures: string[] = [];
          const names = provider.capabilities.operations;
          const seen = new Set<string>();
          for (const name of names) {
            const op = getOperation(name);
            if (!op) failures.push(`${name}: not a registry operation`);
            else if (op.service !== serviceType) failures.push(`${name}: belongs to ${op.service}, not ${serviceType}`);
            else if (typeof (provider as unknown as Record<string, unknown>)[op.method] !== 'function') failures.push(`${name}: declared, but the provider has no method ${op.method}()`);
            if (seen.has(name)) failures.push(`${name}: declared twice`);
            seen.add(name);
          }
          check(failures.length === 0, () => `capabilities manifest:\n  ${failures.join('\n  ')}`);
        }, { start: false }),
    },
    {
      slug: 'undeclared-operations-throw-unsupported',
      name: 'every undeclared operation throws UnsupportedOperationError before any request',
      run: () =>
        withHarness(factory, serviceType, service, settings, async (h) => {
          const declared = new Set<string>(h.provider.capabilities.operations);
          const undeclared: AnyOperation[] = listOperations(serviceType).filter((o) => !declared.has(o.name));
          const failures: string[] = [];
          for (const op of undeclared) {
            const method = (h.provider as unknown as Record<string, unknown>)[op.method];
            if (method === undefined) continue; // absent: the core answers UnsupportedOperationError itself
            const before = h.fixture.requests.length;
            const r = await settle(callOperation(h.provider, op.name as OperationName, h.inputFor(op.name as OperationName)));
            const sent = h.fixture.requests.length - before;
            if (r.ok) failures.push(`${op.name}: resolved instead of throwing UnsupportedOperationError`);
            else if (r.error instanceof ConformanceFailure) failures.push(`${op.name}: ${r.error.message}`);
            else if (!UnsupportedOperationError.isInstance(r.error)) failures.push(`${op.name}: threw ${describeError(r.error)}, expected UnsupportedOperationError`);
            if (sent > 0) failures.push(`${op.name}: sent ${sent} request(s) before failing`);
          }
          check(failures.length === 0, () => `undeclared operations:\n  ${failures.join('\n  ')}`);
        }),
    },
  ];
}
