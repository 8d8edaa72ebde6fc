import { deref, type ApiDocument, type JsonObject } from './spec.js';

/**
 * Builds a response body from the official spec's response schema: a property's own `example`
 * when the spec gives one of the declared type (GitLab's entities do; Gitea's definitions have
 * none), else a value of its declared type (strings carry the property name, date-times a fixed
 * instant, enums their first value, integers 1, booleans false, arrays one item), recursing
 * through `$ref`s up to `maxDepth`.
 * Tests override the fields they assert on.
 */
export function sampleFromSchema(doc: ApiDocument, schema: unknown, name = 'value', depth = 0, maxDepth = 3): unknown {
  const s = deref<JsonObject>(doc, schema);
  if (!s) return null;
  if (Array.isArray(s.allOf)) {
    return Object.assign({}, ...(s.allOf as unknown[]).map((part) => sampleFromSchema(doc, part, name, depth, maxDepth) as object));
  }
  const type = s.type ?? (s.properties ? 'object' : undefined);
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (s.example !== undefined && matchesType(s.example, type)) return structuredClone(s.example);
  switch (type) {
    case 'object': {
      if (depth > maxDepth) return {};
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
        const v = deref<JsonObject>(doc, value);
        if (depth === maxDepth && v && (v.type === 'object' || v.properties || v.type === 'array')) continue;
        out[key] = sampleFromSchema(doc, value, key, depth + 1, maxDepth);
      }
      return out;
    }
    case 'array':
      return depth > maxDepth ? [] : [sampleFromSchema(doc, s.items, name, depth + 1, maxDepth)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'date-time') return '2024-05-30T10:00:00Z';
      if (s.format === 'date') return '2024-05-30';
      if (s.format === 'email') return 'someone@example.com';
      return name;
    default:
      return null;
  }
}

/** True when a spec `example` has the schema's declared type (some examples in vendor specs do not). */
function matchesType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return false;
  }
}

/**
 * The documented success response of an operation (`method` + path template): its status and
 * a body built by {@link sampleFromSchema} (`undefined` body when the spec declares none).
 */
export function sampleResponse(doc: ApiDocument, method: string, template: string): { status: number; body: unknown } {
  const item = (doc.paths as Record<string, JsonObject>)[template];
  const op = item?.[method.toLowerCase()] as JsonObject | undefined;
  if (!op) throw new Error(`no operation ${method} ${template} in the spec`);
  const responses = (op.responses ?? {}) as Record<string, unknown>;
  const code = Object.keys(responses).filter((c) => /^2\d\d$/.test(c)).sort()[0];
  if (!code) throw new Error(`no 2xx response for ${method} ${template}`);
  const response = deref<JsonObject>(doc, responses[code]);
  const schema = response?.schema;
  return { status: Number(code), body: schema ? sampleFromSchema(doc, schema, 'value', 0) : undefined };
}

/** A body of one spec definition (`Repository`, `PullRequest`, …) with overrides applied. */
export function sampleDefinition<T = Record<string, unknown>>(doc: ApiDocument, name: string, overrides: Record<string, unknown> = {}): T {
  return { ...(sampleFromSchema(doc, { $ref: `#/definitions/${name}` }) as object), ...overrides } as T;
}
