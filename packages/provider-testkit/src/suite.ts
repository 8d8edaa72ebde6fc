import { SERVICE_TYPES, listOperations, type AnyProviderV1, type OperationName, type ServiceType } from '@mosaic/orchestrator-core';
import { abortSpecs } from './checks/abort.js';
import { canarySpecs } from './checks/canary.js';
import { capabilitySpecs } from './checks/capabilities.js';
import { errorSpecs } from './checks/errors.js';
import { lifecycleSpecs } from './checks/lifecycle.js';
import { paginationSpecs } from './checks/pagination.js';
import { redirectSpecs } from './checks/redirects.js';
import { outputProblems, resultSpecs } from './checks/results.js';
import type { CheckSpec } from './checks/spec.js';
import { createCanaryToken } from './canary.js';
import { createFixtureServer } from './fixture-server.js';
import { ConformanceFailure, declaredOperations, describeError, settingsOf, settle, withHarness, type SuiteSettings } from './harness.js';
import { createRecordingLogger } from './recording-logger.js';
import { CHECK_GROUPS, type CheckGroup, type ConformanceCheck, type ConformanceOptions, type ItFunction, type TestProviderFactory, type ServiceFixture } from './types.js';

type GroupBuilder = (factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings, declared?: readonly string[]) => CheckSpec[];

const BUILDERS: Record<Exclude<CheckGroup, 'results'>, GroupBuilder> = {
  lifecycle: lifecycleSpecs,
  capabilities: capabilitySpecs,
  errors: errorSpecs,
  pagination: paginationSpecs,
  abort: abortSpecs,
  canary: canarySpecs,
  redirects: redirectSpecs,
};

/**
 * The operations the provider declares, read from a provider built synchronously (no network,
 * no initialize) so that per-operation checks can be named at registration. `undefined` when
 * the factory is async.
 */
function declaredAtRegistration(factory: TestProviderFactory, serviceType: ServiceType, settings: SuiteSettings): readonly string[] | undefined {
  const fixture = createFixtureServer(settings.baseUrl ? { baseUrl: settings.baseUrl } : {});
  let built: AnyProviderV1 | Promise<AnyProviderV1>;
  try {
    built = factory({ serviceType, baseUrl: fixture.baseUrl, token: createCanaryToken(), logger: createRecordingLogger(), healthTimeoutMs: settings.healthTimeoutMs, fixture });
  } catch {
    return undefined;
  }
  if (built instanceof Promise || typeof (built as { then?: unknown }).then === 'function') {
    Promise.resolve(built).then((p) => p.dispose?.(), () => undefined).catch(() => undefined);
    return undefined;
  }
  const ops = built.capabilities?.operations;
  try {
    const r = built.dispose?.();
    if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch(() => undefined);
  } catch {
    // a throwing dispose is reported by the lifecycle checks
  }
  return Array.isArray(ops) ? ops : undefined;
}

function resultsBuilder(factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings, declared?: readonly string[]): CheckSpec[] {
  if (declared) return resultSpecs(factory, serviceType, service, settings, declared);
  // Async factory: one check over every declared operation.
  return [
    {
      slug: 'all-declared',
      name: 'every declared operation works and returns a valid unified result that keeps raw',
      run: () =>
        withHarness(factory, serviceType, service, settings, async (h) => {
          const failures: string[] = [];
          for (const op of declaredOperations(h.provider, serviceType)) {
            const from = h.fixture.responses.length;
            const r = await settle(h.call(op.name as OperationName));
            if (!r.ok) failures.push(`${op.name}: ${describeError(r.error)}`);
            else failures.push(...outputProblems(op, r.value, h.provider.id, h.fixture.responses.slice(from).some((x) => x.hasBody)).map((p) => `${op.name}: ${p}`));
          }
          if (failures.length) throw new ConformanceFailure(`declared operations that do not work:\n  ${failures.join('\n  ')}`);
        }),
    },
  ];
}

/** Builds the checks of the given groups for every service type in `options.services`. */
export function defineConformanceChecks(factory: TestProviderFactory, options: ConformanceOptions, groups: readonly CheckGroup[] = CHECK_GROUPS): ConformanceCheck[] {
  const settings = settingsOf(options);
  const checks: ConformanceCheck[] = [];
  for (const serviceType of SERVICE_TYPES) {
    const service = options.services[serviceType];
    if (!service) continue;
    const declared = declaredAtRegistration(factory, serviceType, settings);
    for (const group of CHECK_GROUPS) {
      if (!groups.includes(group) || options.groups?.[group] === false) continue;
      const specs = group === 'results' ? resultsBuilder(factory, serviceType, service, settings, declared) : BUILDERS[group](factory, serviceType, service, settings, declared);
      for (const spec of specs) {
        const id = `${serviceType}.${group}.${spec.slug}`;
        const skipped = options.skip?.[id] ?? options.skip?.[`${serviceType}.${group}`];
        checks.push({
          id,
          serviceType,
          group,
          name: `[${serviceType}] ${group} › ${spec.name}`,
          ...(skipped !== undefined ? { skipped } : {}),
          run: async () => {
            try {
              await spec.run();
            } catch (error) {
              if (error instanceof ConformanceFailure) throw new ConformanceFailure(`${id}: ${error.message}`, id);
              throw error;
            }
          },
        });
      }
    }
  }
  return checks;
}

/** Registers `checks` with a test framework's `it` (skipped checks with `it.skip` when available). */
export function registerChecks(it: ItFunction, checks: readonly ConformanceCheck[], testTimeoutMs = 15_000): void {
  for (const c of checks) {
    if (c.skipped !== undefined) {
      it.skip?.(`${c.name} (skipped: ${c.skipped})`, c.run);
      continue;
    }
    it(c.name, c.run, testTimeoutMs);
  }
}

/**
 * The provider conformance suite: registers every check (all groups, every service type in
 * `options.services`) with `it`. Each check builds a fresh provider with `factory` against a
 * fixture server the kit owns, with a unique canary token.
 *
 * ```ts
 * providerConformanceSuite(it, ({ baseUrl, token, logger }) => createAcme({ baseUrl, token, logger }), {
 *   services: { docs: acmeDocsFixture },
 * });
 * ```
 */
export function providerConformanceSuite(it: ItFunction, factory: TestProviderFactory, options: ConformanceOptions): ConformanceCheck[] {
  const checks = defineConformanceChecks(factory, options);
  registerChecks(it, checks, options.testTimeoutMs);
  return checks;
}

function groupSuite(group: CheckGroup) {
  return (it: ItFunction, factory: TestProviderFactory, options: ConformanceOptions): ConformanceCheck[] => {
    const checks = defineConformanceChecks(factory, options, [group]);
    registerChecks(it, checks, options.testTimeoutMs);
    return checks;
  };
}

/** Lifecycle group alone: spec shape, no network before calls, lifecycle order, idempotent stop/dispose, health check (healthy, abort, timeout). */
export const lifecycleSuite = groupSuite('lifecycle');
/** Capabilities group alone: honest manifest; undeclared operations throw `UnsupportedOperationError` before any request. */
export const capabilitiesSuite = groupSuite('capabilities');
/** Results group alone: every declared operation works and returns a valid unified model keeping `raw`. */
export const resultsSuite = groupSuite('results');
/** Errors group alone: HTTP 401…503, reset and timeout map to the right class, `isRetryable`, `retryAfterMs`. */
export const errorsSuite = groupSuite('errors');
/** Pagination group alone: every item across pages; stops on malformed and cyclic answers; abort between pages. */
export const paginationSuite = groupSuite('pagination');
/** Abort group alone: already-aborted and in-flight aborts settle promptly and send nothing more. */
export const abortSuite = groupSuite('abort');
/** Canary group alone: the token never appears in errors, logs, events, health results or metrics. */
export const canarySuite = groupSuite('canary');
/** Redirects group alone: credentials are not sent to another origin after a redirect. */
export const redirectsSuite = groupSuite('redirects');

/** Result of one check in a {@link ConformanceReport}. */
export interface CheckResult {
  id: string;
  group: CheckGroup;
  serviceType: ServiceType;
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Failure message, or the skip reason. */
  message?: string;
}

/** What {@link runConformance} returns. */
export interface ConformanceReport {
  results: CheckResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** Ids of failed checks. */
  failedIds: string[];
}

/**
 * Runs the suite without a test framework (sequentially) and returns a report. Useful in
 * scripts, and to test the kit itself against deliberately broken providers.
 */
export async function runConformance(factory: TestProviderFactory, options: ConformanceOptions, groups: readonly CheckGroup[] = CHECK_GROUPS): Promise<ConformanceReport> {
  const results: CheckResult[] = [];
  for (const c of defineConformanceChecks(factory, options, groups)) {
    const base = { id: c.id, group: c.group, serviceType: c.serviceType, name: c.name };
    if (c.skipped !== undefined) {
      results.push({ ...base, status: 'skipped', message: c.skipped });
      continue;
    }
    try {
      await c.run();
      results.push({ ...base, status: 'passed' });
    } catch (error) {
      results.push({ ...base, status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }
  const failed = results.filter((r) => r.status === 'failed');
  return {
    results,
    passed: results.filter((r) => r.status === 'passed').length,
    failed: failed.length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    failedIds: failed.map((r) => r.id),
  };
}

/** Number of checks the suite defines per service type for these options (for docs and release notes). */
export function countChecks(factory: TestProviderFactory, options: ConformanceOptions): Partial<Record<ServiceType, Record<CheckGroup, number>>> {
  const out: Partial<Record<ServiceType, Record<CheckGroup, number>>> = {};
  for (const c of defineConformanceChecks(factory, options)) {
    const row = (out[c.serviceType] ??= Object.fromEntries(CHECK_GROUPS.map((g) => [g, 0])) as Record<CheckGroup, number>);
    row[c.group]++;
  }
  return out;
}

/** Every operation name of a service type (helper for fixtures that declare everything). */
export function operationsOf(serviceType: ServiceType): string[] {
  return listOperations(serviceType).map((o) => o.name);
}
