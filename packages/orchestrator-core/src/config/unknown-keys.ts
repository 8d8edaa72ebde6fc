import type { z } from 'zod';
import type { RawIssue } from './format-issues.js';
import { closest, isRecord } from './paths.js';

/** An unknown key found by {@link findUnknownKeys}, with the known key it is probably a typo of. */
export interface UnknownKey extends RawIssue {
  suggestion?: string;
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Walks a document alongside a zod schema and reports keys the schema does not know
 * (`orchestration.cache.tll: unknown key (did you mean "ttl"?)`). Objects with a catch-all
 * (`plugins[].config`, whose extra keys are vendor settings) are not reported, except keys that
 * differ only slightly from a known key (`baseURL` for `baseUrl`).
 */
export function findUnknownKeys(schema: z.ZodType, value: unknown): UnknownKey[] {
  const out: UnknownKey[] = [];
  walk(schema, value, [], out);
  return out;
}

function walk(schema: z.ZodType, value: unknown, path: Array<string | number>, out: UnknownKey[]): void {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      walk(def.innerType as z.ZodType, value, path, out);
      return;
    case 'pipe':
      walk(def.in as z.ZodType, value, path, out);
      return;
    case 'lazy':
      walk((def.getter as () => z.ZodType)(), value, path, out);
      return;
    case 'object': {
      if (!isRecord(value)) return;
      const shape = def.shape as Record<string, z.ZodType>;
      const catchall = def.catchall as z.ZodType | undefined;
      const open = catchall !== undefined && defOf(catchall).type !== 'never';
      for (const key of Object.keys(value)) {
        const child = shape[key];
        if (child) {
          path.push(key);
          walk(child, value[key], path, out);
          path.pop();
          continue;
        }
        const suggestion = closest(key, Object.keys(shape));
        if (!open) {
          out.push({ path: [...path, key], message: suggestion ? `unknown key (did you mean "${suggestion}"?)` : 'unknown key, ignored', ...(suggestion ? { suggestion } : {}) });
        } else if (suggestion) {
          out.push({ path: [...path, key], message: `passed to the provider as a vendor setting; did you mean "${suggestion}"?`, suggestion });
        }
      }
      return;
    }
    case 'array':
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          walk(def.element as z.ZodType, value[i], path, out);
          path.pop();
        }
      }
      return;
    case 'record':
      if (isRecord(value)) {
        for (const key of Object.keys(value)) {
          path.push(key);
          walk(def.valueType as z.ZodType, value[key], path, out);
          path.pop();
        }
      }
      return;
    case 'union': {
      const options = def.options as z.ZodType[];
      const wanted = Array.isArray(value) ? 'array' : isRecord(value) ? 'object' : undefined;
      if (!wanted) return;
      const match = options.find((o) => baseType(o) === wanted);
      if (match) walk(match, value, path, out);
      return;
    }
    default:
      return;
  }
}

function baseType(schema: z.ZodType): string {
  let def = defOf(schema);
  for (;;) {
    if (def.type === 'pipe') def = defOf(def.in as z.ZodType);
    else if ('innerType' in def) def = defOf(def.innerType as z.ZodType);
    else return def.type === 'record' ? 'object' : def.type;
  }
}
