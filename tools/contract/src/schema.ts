import type { JsonObject } from './spec.js';

/** `$id` under which a document's schemas are registered with Ajv. */
export const SPEC_SCHEMA_ID = 'urn:mosaic-contract:spec';

const DROPPED = new Set([
  'nullable',
  'x-nullable',
  'example',
  'examples',
  'discriminator',
  'xml',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
  'collectionFormat',
  'in',
  'name',
]);

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLE = ['not', 'additionalItems', 'contains', 'propertyNames', 'if', 'then', 'else'];

/**
 * Turns an OpenAPI 3.0 / Swagger 2.0 schema object into a JSON Schema Ajv understands:
 * - `nullable: true` (OAS 3.0) and `x-nullable: true` (Swagger 2.0) become a `null` type
 *   (or `anyOf: [{type: 'null'}, …]` when the schema has no `type`), `enum` gains `null`;
 * - local `$ref`s (`#/definitions/X`, `#/components/schemas/X`) point into the document
 *   registered under {@link SPEC_SCHEMA_ID}; siblings of `$ref` are dropped (OAS 3.0 rule);
 * - Swagger's `type: file` accepts anything; annotations (`example`, `discriminator`,
 *   `readOnly`, `x-*`) are removed.
 * The input is not modified.
 */
export function normalizeSchema(schema: unknown): unknown {
  if (schema === true || schema === false) return schema;
  if (schema == null || typeof schema !== 'object' || Array.isArray(schema)) return {};
  const s = schema as JsonObject;
  if (typeof s.$ref === 'string') {
    const ref = s.$ref.startsWith('#') ? `${SPEC_SCHEMA_ID}${s.$ref}` : s.$ref;
    return { $ref: ref };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(s)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (key === 'required' && !Array.isArray(value)) continue; // Swagger parameter `required: true`
    if (SCHEMA_MAPS.includes(key) && value && typeof value === 'object') {
      const map: JsonObject = {};
      for (const [name, sub] of Object.entries(value as JsonObject)) map[name] = normalizeSchema(sub);
      out[key] = map;
    } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((v) => normalizeSchema(v));
    } else if (SCHEMA_SINGLE.includes(key)) {
      out[key] = normalizeSchema(value);
    } else if (key === 'items') {
      out[key] = Array.isArray(value) ? value.map((v) => normalizeSchema(v)) : normalizeSchema(value);
    } else if (key === 'additionalProperties') {
      out[key] = typeof value === 'boolean' ? value : normalizeSchema(value);
    } else {
      out[key] = value;
    }
  }
  if (out.type === 'file') delete out.type;
  const nullable = s.nullable === true || s['x-nullable'] === true;
  if (!nullable) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

/**
 * Builds the schema registered with Ajv under {@link SPEC_SCHEMA_ID}: every schema the
 * document can reference (`definitions`, `components.schemas`, and the parameter/response/
 * request-body containers, whose inner `schema`s are normalized), so that `$ref`s resolve.
 */
export function buildSpecSchema(doc: JsonObject): JsonObject {
  const container: JsonObject = { $id: SPEC_SCHEMA_ID };
  const definitions = doc.definitions as JsonObject | undefined;
  if (definitions) {
    const defs: JsonObject = {};
    for (const [name, sub] of Object.entries(definitions)) defs[name] = normalizeSchema(sub);
    container.definitions = defs;
  }
  const components = doc.components as JsonObject | undefined;
  if (components?.schemas) {
    const schemas: JsonObject = {};
    for (const [name, sub] of Object.entries(components.schemas as JsonObject)) schemas[name] = normalizeSchema(sub);
    container.components = { schemas };
  }
  return container;
}
