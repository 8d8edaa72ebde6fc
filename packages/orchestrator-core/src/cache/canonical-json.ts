import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/**
 * Canonical JSON of a value, for hashing: object keys sorted (by UTF-16 code units), keys whose
 * value is `undefined` (or a function/symbol) dropped, `toJSON()` honoured (so `Date` becomes its
 * ISO string), `bigint` written as `{"$bigint":"<digits>"}`, `Map` as `{"$map":[[k,v],…]}` sorted
 * by the canonical form of the key, `Set` as `{"$set":[…]}` sorted likewise. Array holes and
 * `undefined` array items become `null`, as in `JSON.stringify`; non-finite numbers become `null`.
 *
 * Two inputs that are equal as data give the same string whatever their key order.
 *
 * @throws {InvalidArgumentError} when the value contains a cycle.
 * @internal used by {@link cacheKey}; exported for tests and the orchestrator.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value, new Set());
  return out === undefined ? 'null' : out;
}

function write(value: unknown, seen: Set<object>): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `{"$bigint":${JSON.stringify(value.toString())}}`;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) {
    throw new InvalidArgumentError({ argument: 'cache key input', issues: [{ path: '', message: 'input contains a cycle' }] });
  }
  seen.add(obj);
  try {
    if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
      return write((obj as { toJSON(): unknown }).toJSON(), seen);
    }
    if (Array.isArray(obj)) {
      const parts: string[] = [];
      for (let i = 0; i < obj.length; i++) parts.push(write(obj[i], seen) ?? 'null');
      return `[${parts.join(',')}]`;
    }
    if (obj instanceof Map) {
      const pairs: Array<[string, string]> = [];
      for (const [k, v] of obj) pairs.push([write(k, seen) ?? 'null', write(v, seen) ?? 'null']);
      pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return `{"$map":[${pairs.map(([k, v]) => `[${k},${v}]`).join(',')}]}`;
    }
    if (obj instanceof Set) {
      const items: string[] = [];
      for (const v of obj) items.push(write(v, seen) ?? 'null');
      items.sort();
      return `{"$set":[${items.join(',')}]}`;
    }
    if (ArrayBuffer.isView(obj)) {
      const bytes = new Uint8Array(obj.buffer, obj.byteOffset, obj.byteLength);
      return `{"$bytes":${JSON.stringify(Buffer.from(bytes).toString('base64'))}}`;
    }
    const keys = Object.keys(obj).sort();
    const parts: string[] = [];
    for (const key of keys) {
      const v = write((obj as Record<string, unknown>)[key], seen);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}
