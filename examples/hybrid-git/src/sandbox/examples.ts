import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { normalizeSchema } from '@mosaic/tools-contract';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

type Json = Record<string, unknown>;

/** One response example of the official spec that does not satisfy its own schema. */
export interface ExampleDefect {
  /** `GET /repos/{owner}/{repo} 200 application/json (example "default")` */
  where: string;
  /** Ajv's first problems, e.g. `must have required property 'language'`. */
  problems: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * Removes the response examples of a dereferenced OpenAPI 3.0 document (no `$ref`s) that do not
 * validate against their own response schema, and returns what was removed. Prism (with
 * `--errors`) validates its answers too: an official example that breaks its schema would come
 * back as a 500 `VIOLATIONS` problem although the request was fine. Without the example, Prism's
 * static mode builds the answer from the schema instead. The document is changed in place.
 */
export function dropInvalidExamples(doc: Json): ExampleDefect[] {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  const defects: ExampleDefect[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
        for (const [mediaType, media] of Object.entries((response.content ?? {}) as Record<string, Json>)) {
          if (!media.schema) continue;
          let validate: ReturnType<Ajv['compile']>;
          try {
            validate = ajv.compile(normalizeSchema(media.schema) as object);
          } catch {
            continue;
          }
          const label = `${method.toUpperCase()} ${path} ${status} ${mediaType}`;
          if ('example' in media && !validate(media.example)) {
            defects.push({ where: `${label} (example)`, problems: problems(validate) });
            delete media.example;
          }
          const examples = media.examples as Record<string, Json> | undefined;
          if (examples) {
            for (const [name, ex] of Object.entries(examples)) {
              if ('value' in ex && !validate(ex.value)) {
                defects.push({ where: `${label} (example "${name}")`, problems: problems(validate) });
                delete examples[name];
              }
            }
            if (Object.keys(examples).length === 0) delete media.examples;
          }
        }
      }
    }
  }
  return defects;
}

function problems(validate: { errors?: Array<{ instancePath: string; message?: string }> | null }): string[] {
  return (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '(body)'} ${e.message ?? 'invalid'}`);
}
