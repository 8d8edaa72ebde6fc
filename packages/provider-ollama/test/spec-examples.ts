import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * Examples and schemas of Ollama's official OpenAPI description (`ollama/ollama` docs/openapi.yaml,
 * read from `../shared/specs/ollama/openapi.yaml` beside the checkout; never copied here).
 */
const specPath = fileURLToPath(new URL('../../../../shared/specs/ollama/openapi.yaml', import.meta.url));

export const specAvailable = existsSync(specPath);
if (!specAvailable) {
  if (process.env.CI === 'true') throw new Error(`Ollama spec missing at ${specPath} (required under CI)`);
  // eslint-disable-next-line no-console
  console.warn(`[provider-ollama] SKIPPING spec-based fixtures: ${specPath} not found`);
}

let spec: Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
const load = () => (spec ??= parse(readFileSync(specPath, 'utf8'), { maxAliasCount: -1 }) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any

/** The JSON response example of `method path`. */
export function example<T = any>(path: string, method: 'get' | 'post' = 'post'): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  return structuredClone(load().paths[path][method].responses['200'].content['application/json'].example) as T;
}

/** Property names of a component schema (to keep hand-built stream events within the schema). */
export function schemaProperties(name: string): string[] {
  return Object.keys(load().components.schemas[name].properties ?? {});
}
