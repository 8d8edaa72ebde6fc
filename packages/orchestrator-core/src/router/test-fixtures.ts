// Shared fixtures for the router's tests and the routing benchmark. Not exported by the package.
import type { BreakerState } from '../events/types.js';
import { getOperation } from '../registry/index.js';
import type { AnyOperation } from '../registry/define.js';
import type { ServiceType } from '../spec/v1/provider.js';
import type { RoutableProvider, RouteRequest, RouterState } from './types.js';

/** A registry operation by name (throws when absent). */
export function op(name: string): AnyOperation {
  const o = getOperation(name);
  if (!o) throw new Error(`no operation ${name}`);
  return o;
}

/** A provider declaring `operations` (default: every git operation used in tests). */
export function provider(id: string, extra: Partial<RoutableProvider> = {}): RoutableProvider {
  return {
    id,
    serviceType: 'git' as ServiceType,
    vendor: id.replace(/-.*/, ''),
    operations: new Set(['git.createRepository', 'git.getRepository', 'git.listRepositories', 'git.deleteRepository']),
    ...extra,
  };
}

/** A mutable {@link RouterState} for tests. */
export interface FakeState extends RouterState {
  unhealthy: Set<string>;
  breakers: Map<string, { allowed: boolean; state: BreakerState; reason?: string }>;
  exhausted: Set<string>;
  tenantSets: Map<string, Set<string>>;
}

export function fakeState(): FakeState {
  const s: FakeState = {
    unhealthy: new Set(),
    breakers: new Map(),
    exhausted: new Set(),
    tenantSets: new Map(),
    isHealthy: (id) => !s.unhealthy.has(id),
    breakerAllows: (id) => s.breakers.get(id) ?? { allowed: true, state: 'closed' },
    quotaExhausted: (id) => s.exhausted.has(id),
    tenantProviders: (t) => s.tenantSets.get(t),
  };
  return s;
}

/** A request for `operation` with `input`; the resource id comes from the registry. */
export function request(operation: string, input: Record<string, unknown>, context: Partial<RouteRequest['context']> = {}): RouteRequest {
  const o = op(operation);
  return { operation: o, input, resourceId: o.resource(input as never), context: { tenant: 'default', ...context } };
}
