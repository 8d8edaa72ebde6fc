import { ackSchema, listOperations, type AnyOperation, type OperationName, type ServiceType } from '@mosaic/orchestrator-core';
import { check, describeError, settle, withHarness, type SuiteSettings } from '../harness.js';
import type { TestProviderFactory, ServiceFixture } from '../types.js';
import type { CheckSpec } from './spec.js';

interface SchemaLike {
  safeParse(value: unknown): { success: boolean; error?: { issues?: Array<{ path?: PropertyKey[]; message?: string }> } };
  shape?: Record<string, unknown>;
  element?: unknown;
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  const s = schema as SchemaLike | undefined;
  return s && typeof s === 'object' && s.shape && typeof s.shape === 'object' ? s.shape : undefined;
}

/**
 * What is wrong with `value` as a result of `op`: schema issues, a `provider` other than the
 * provider's id, or a missing `raw` on a model (or on each item of a page) that carries one.
 * Acks (deletes) may omit `raw`: many vendors answer 204 without a body; so may any result
 * when `vendorSentBody` is false (every response of the call was body-less).
 */
export function outputProblems(op: AnyOperation, value: unknown, providerId: string, vendorSentBody = true): string[] {
  const values = op.streaming ? (value as unknown[]) : [value];
  if (op.streaming && values.length === 0) return ['the stream yielded no chunk'];
  const problems: string[] = [];
  if (op.streaming && !values.some((v) => (v as Record<string, unknown> | null)?.provider === providerId)) {
    problems.push(`no chunk names the provider ${JSON.stringify(providerId)} (the start chunk carries it)`);
  }
  for (const v of values) {
    const parsed = (op.output as SchemaLike).safeParse(v);
    if (!parsed.success) {
      const issues = parsed.error?.issues ?? [];
      problems.push(`does not validate against ${op.name}'s output schema: ${issues.slice(0, 5).map((i) => `${(i.path ?? []).map(String).join('.') || '(root)'}: ${i.message}`).join('; ')}`);
      continue;
    }
    const obj = v as Record<string, unknown>;
    // Stream chunks carry `provider` only where their schema has it (the `start` chunk).
    if ((!op.streaming || 'provider' in obj) && obj.provider !== providerId) problems.push(`provider is ${JSON.stringify(obj.provider)}, expected the provider id ${JSON.stringify(providerId)}`);
    const shape = shapeOf(op.output);
    if (!shape || op.streaming) continue;
    if ('items' in shape && Array.isArray(obj.items)) {
      const itemShape = shapeOf((shape.items as SchemaLike).element);
      if (itemShape && 'raw' in itemShape) {
        obj.items.forEach((item, i) => {
          if ((item as Record<string, unknown>)?.raw === undefined) problems.push(`items[${i}].raw is missing (keep the vendor's object)`);
        });
      }
    } else if ('raw' in shape && op.output !== ackSchema && vendorSentBody && obj.raw === undefined) {
      problems.push('raw is missing (keep the vendor\'s object)');
    }
  }
  return problems;
}

/** One check per declared operation: it works against the fixtures and its result is a valid unified model with `raw`. */
export function resultSpecs(factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings, declared: readonly string[]): CheckSpec[] {
  const set = new Set(declared);
  return listOperations(serviceType)
    .filter((op) => set.has(op.name))
    .map((op) => ({
      slug: op.method,
      name: `${op.name} works and returns a valid unified result that keeps raw`,
      run: () =>
        withHarness(factory, serviceType, service, settings, async (h) => {
          const r = await settle(h.call(op.name as OperationName));
          check(r.ok, () => `${op.name} failed against the fixtures: ${describeError(!r.ok ? r.error : undefined)}`);
          const problems = r.ok ? outputProblems(op, r.value, h.provider.id, h.fixture.responses.some((x) => x.hasBody)) : [];
          check(problems.length === 0, () => `${op.name}: ${problems.join('; ')}`);
        }),
    }));
}
