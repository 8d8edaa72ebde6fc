import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const CACHE_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'node_modules', '.cache', 'mosaic-contract');

/**
 * Parses a YAML file, keeping a JSON copy in `node_modules/.cache/mosaic-contract` keyed by the
 * file's path, size and mtime (GitLab's 20 MB YAML parses in seconds; its JSON in milliseconds).
 */
function readYaml(path: string): unknown {
  const st = statSync(path);
  const key = createHash('sha256').update(`${resolve(path)}:${st.size}:${st.mtimeMs}`).digest('hex').slice(0, 16);
  const cacheFile = join(CACHE_DIR, `yaml-${key}.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8'));
  } catch {
    // not cached yet
  }
  const doc = parseYaml(readFileSync(path, 'utf8'), { maxAliasCount: -1 });
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, JSON.stringify(doc));
    renameSync(tmp, cacheFile);
  } catch {
    // a read-only checkout still works, only slower
  }
  return doc;
}

/** A JSON object as found in an API description. */
export type JsonObject = Record<string, unknown>;

/**
 * An API description: Swagger 2.0 (`swagger: '2.0'`, `basePath`, `definitions`) or
 * OpenAPI 3.x (`openapi: '3.x'`, `servers`, `components`). Only the parts the validator reads
 * are typed; everything else is kept as is.
 */
export interface ApiDocument extends JsonObject {
  swagger?: string;
  openapi?: string;
  basePath?: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, JsonObject>;
  definitions?: Record<string, JsonObject>;
  components?: JsonObject;
}

/**
 * Loads an API description. A string is a file path: `.yaml`/`.yml` files are parsed with the
 * `yaml` package (a parsed JSON copy is cached under `node_modules/.cache/mosaic-contract`), anything else as JSON (falling back to YAML when JSON parsing fails). An object
 * is taken as an already-parsed document.
 *
 * @throws Error when the file cannot be read, does not parse, or is neither Swagger 2.0 nor
 *   OpenAPI 3.x (no `swagger: '2.0'` / `openapi: '3.…'` field, or no `paths`).
 */
export function loadSpec(pathOrObject: string | JsonObject): ApiDocument {
  let doc: unknown;
  if (typeof pathOrObject === 'string') {
    if (/\.ya?ml$/i.test(pathOrObject)) doc = readYaml(pathOrObject);
    else {
      const text = readFileSync(pathOrObject, 'utf8');
      try {
        doc = JSON.parse(text);
      } catch {
        doc = parseYaml(text, { maxAliasCount: -1 });
      }
    }
  } else {
    doc = pathOrObject;
  }
  if (doc == null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('API description is not an object');
  const d = doc as ApiDocument;
  const isSwagger2 = typeof d.swagger === 'string' && d.swagger.startsWith('2.');
  const isOpenApi3 = typeof d.openapi === 'string' && d.openapi.startsWith('3.');
  if (!isSwagger2 && !isOpenApi3) throw new Error('API description is neither Swagger 2.0 nor OpenAPI 3.x');
  if (d.paths == null || typeof d.paths !== 'object') throw new Error('API description has no paths');
  return d;
}

/** True for a Swagger 2.0 document. */
export function isSwagger2(doc: ApiDocument): boolean {
  return typeof doc.swagger === 'string' && doc.swagger.startsWith('2.');
}

/**
 * The path prefix the document's paths are relative to: Swagger 2.0 `basePath`, or the path
 * of the first OpenAPI 3 server URL (`https://api.github.com` → `''`). No trailing slash.
 */
export function documentBasePath(doc: ApiDocument): string {
  let base = '';
  if (isSwagger2(doc)) base = doc.basePath ?? '';
  else {
    const url = doc.servers?.[0]?.url;
    if (url) {
      try {
        base = new URL(url, 'http://placeholder.invalid').pathname;
      } catch {
        base = '';
      }
    }
  }
  return base.replace(/\/+$/, '');
}

/**
 * Resolves a local JSON reference (`#/definitions/X`, `#/components/parameters/Y`) against
 * `doc`. Follows chains of references. Returns `undefined` when the target does not exist.
 */
export function resolvePointer(doc: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const parts = ref
    .slice(1)
    .split('/')
    .filter((p) => p !== '')
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: unknown = doc;
  for (const part of parts) {
    if (current == null || typeof current !== 'object') return undefined;
    current = (current as JsonObject)[part];
  }
  return current;
}

/** Follows `$ref` (up to 20 hops) until a non-reference object is reached. */
export function deref<T = JsonObject>(doc: JsonObject, value: unknown): T | undefined {
  let current = value;
  for (let hops = 0; hops < 20; hops++) {
    if (current && typeof current === 'object' && typeof (current as JsonObject).$ref === 'string') {
      current = resolvePointer(doc, (current as JsonObject).$ref as string);
    } else {
      return current as T | undefined;
    }
  }
  return undefined;
}
