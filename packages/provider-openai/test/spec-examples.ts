import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * Response examples of OpenAI's official OpenAPI description (`openai/openai-openapi`,
 * read from `../shared/specs/openai/openapi.yaml` beside the checkout; never copied here).
 * Examples use `....` for elided items and trailing commas; both are removed before parsing.
 */
const specPath = fileURLToPath(new URL('../../../../shared/specs/openai/openapi.yaml', import.meta.url));

export const specAvailable = existsSync(specPath);
if (!specAvailable) {
  if (process.env.CI === 'true') throw new Error(`OpenAI spec missing at ${specPath} (required under CI)`);
  // eslint-disable-next-line no-console
  console.warn(`[provider-openai] SKIPPING spec-based fixtures: ${specPath} not found`);
}

let spec: Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any

function load() {
  spec ??= parse(readFileSync(specPath, 'utf8'), { maxAliasCount: -1 });
  return spec!;
}

function clean(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*\.\.\.\.?/.test(l))
    .join('\n')
    .replace(/,(\s*[\]}])/g, '$1');
}

/** The raw response example text of `method path`, by example title (or the only one). */
export function exampleText(path: string, method: 'get' | 'post', title?: string): string {
  const op = load().paths[path][method];
  const examples = op['x-oaiMeta'].examples;
  const list = Array.isArray(examples) ? examples : [examples];
  const ex = title ? list.find((e: { title?: string }) => e.title === title) : list[0];
  if (!ex) throw new Error(`no example ${title} for ${method} ${path}`);
  return String(ex.response);
}

/** A JSON response example, parsed. */
export function exampleJson<T = any>(path: string, method: 'get' | 'post', title?: string): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(clean(exampleText(path, method, title))) as T;
}

/** The chunks of a streaming example (one JSON object per paragraph). */
export function exampleChunks(path: string, title: string): Array<Record<string, unknown>> {
  return clean(exampleText(path, 'post', title))
    .split(/\n\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => JSON.parse(s));
}

/** The required fields of a component schema (to check error bodies follow `ErrorResponse`/`Error`). */
export function schemaRequired(name: string): string[] {
  return load().components.schemas[name].required ?? [];
}
