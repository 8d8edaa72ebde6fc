/**
 * `@mosaic/provider-testkit/vitest`: the conformance suite bound to vitest's `describe`/`it`.
 *
 * ```ts
 * import { providerConformanceSuite } from '@mosaic/provider-testkit/vitest';
 * providerConformanceSuite(({ baseUrl, token, logger }) => createAcme({ baseUrl, token, logger }), { services: { docs: fixture } });
 * ```
 * @packageDocumentation
 */
import { describe, expect, it } from 'vitest';
import { CHECK_GROUPS, type CheckGroup, type ConformanceCheck, type ConformanceOptions, type TestProviderFactory } from './types.js';
import { defineConformanceChecks } from './suite.js';

/**
 * Registers the conformance suite with vitest: one `describe` per service type and group, one
 * `it` per check (skipped checks with `it.skip`). Failures are vitest assertion failures
 * carrying the kit's message. Returns the checks it registered.
 */
export function providerConformanceSuite(factory: TestProviderFactory, options: ConformanceOptions, groups: readonly CheckGroup[] = CHECK_GROUPS): ConformanceCheck[] {
  const checks = defineConformanceChecks(factory, options, groups);
  const timeout = options.testTimeoutMs ?? 15_000;
  const byBlock = new Map<string, ConformanceCheck[]>();
  for (const c of checks) {
    const key = `[${c.serviceType}] ${c.group}`;
    byBlock.set(key, [...(byBlock.get(key) ?? []), c]);
  }
  describe('provider conformance', () => {
    for (const [block, list] of byBlock) {
      describe(block, () => {
        for (const c of list) {
          const title = c.name.slice(c.name.indexOf('›') + 2);
          if (c.skipped !== undefined) {
            it.skip(`${title} (skipped: ${c.skipped})`, () => undefined);
            continue;
          }
          it(title, async () => {
            let failure: string | undefined;
            try {
              await c.run();
            } catch (error) {
              failure = error instanceof Error ? error.message : String(error);
            }
            expect(failure, c.id).toBeUndefined();
          }, timeout);
        }
      });
    }
  });
  return checks;
}

/** Registers one group of the suite with vitest (`'errors'`, `'pagination'`, …). */
export function conformanceGroup(group: CheckGroup, factory: TestProviderFactory, options: ConformanceOptions): ConformanceCheck[] {
  return providerConformanceSuite(factory, options, [group]);
}

export type { ConformanceCheck, ConformanceOptions, TestProviderFactory } from './types.js';
