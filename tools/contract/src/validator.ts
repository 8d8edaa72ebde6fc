import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { buildSpecSchema, normalizeSchema } from './schema.js';
import { deref, documentBasePath, isSwagger2, loadSpec, type ApiDocument, type JsonObject } from './spec.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** An outgoing request to check. `url` may be absolute or a path with query string. */
export interface ContractRequest {
  method: string;
  url: string;
  /** Request headers (a `Headers` or a plain record). */
  headers?: Headers | Record<string, string | undefined>;
  /**
   * The body: a string (JSON text or `application/x-www-form-urlencoded`, per `content-type`),
   * an already-parsed object, or `undefined`/`''` for none.
   */
  body?: unknown;
}

/** Outcome of {@link ContractValidator.validate}. */
export interface ContractResult {
  /** True when the request matches an operation of the document and breaks none of its rules. */
  ok: boolean;
  /** The matched operation's `operationId`, when a path and method matched. */
  operationId?: string;
  /** The matched path template (`/repos/{owner}/{repo}`), when a path matched. */
  path?: string;
  /** Upper-case method of the request. */
  method: string;
  /** Decoded path parameter values of the matched template. */
  pathParams?: Record<string, string>;
  /** One readable line per violation; empty when `ok`. */
  errors: string[];
}

/** Options of {@link createContractValidator}. */
export interface ContractValidatorOptions {
  /**
   * Path prefix the client puts before the document's paths (GitHub Enterprise `/api/v3`).
   * Default: Swagger 2.0 `basePath` (Gitea `/api/v1`) or the path of the first OpenAPI 3 server
   * URL. Requests are matched with the prefix removed, and also as they are (documents such as
   * GitLab's v4 file spell `/api/v4` in every path).
   */
  basePath?: string;
  /** Reject top-level JSON body properties the operation's schema does not declare. Default `true`. */
  rejectUnknownBodyProperties?: boolean;
  /** Reject query parameters the operation does not declare. Default `true`. */
  rejectUnknownQueryParameters?: boolean;
  /**
   * Names of path parameters that may span several segments when they end the template and
   * no template matches with single segments (a file path sent unencoded). Default
   * `['path', 'filepath', 'file_path']`.
   */
  multiSegmentParameters?: readonly string[];
}

/** Identifies an operation: its `operationId`, or its method and path template. */
export type OperationRef = string | { method: string; path: string };

/** Validates requests against one API description. See {@link createContractValidator}. */
export interface ContractValidator {
  /** The API description in use. */
  readonly document: ApiDocument;
  /** Checks one request; never throws for a bad request (violations are in `errors`). */
  validate(request: ContractRequest): ContractResult;
  /** Checks a fetch `Request` (reads a clone of its body). */
  validateFetchRequest(request: Request): Promise<ContractResult>;
  /**
   * The first example response body the document gives for an operation and status
   * (default: the first 2xx status with an example). `undefined` when there is none.
   */
  responseExample(operation: OperationRef, status?: number): unknown;
  /**
   * The documented success answer of an operation: the first 2xx status that has an example,
   * with that example as `body`; else the first 2xx status without a body (204, 202, …).
   * `undefined` when the operation is unknown or documents no 2xx response.
   */
  successResponse(operation: OperationRef): { status: number; body?: unknown } | undefined;
  /** Operation ids (or `METHOD path` when an operation has none) of every operation. */
  operations(): string[];
}

interface Route {
  template: string;
  strict: RegExp;
  greedy: RegExp;
  names: string[];
  literal: number;
  item: JsonObject;
}

interface Parameter extends JsonObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

/**
 * Creates a validator for requests against `spec` (a loaded document, a parsed object, or a
 * file path: see {@link loadSpec}). It matches the path template (percent-encoded parameter
 * values such as GitLab's `group%2Fproject` stay one segment; a trailing file-path parameter
 * may span several segments when nothing else matches), checks that the method exists, that required
 * path/query/header parameters are present and of the declared type/enum/format, that no
 * undeclared query parameter is sent, and validates the body (OpenAPI 3 `requestBody`,
 * Swagger 2.0 `in: body` and `formData` parameters) with Ajv after resolving `$ref`s and
 * turning OpenAPI 3.0 `nullable` / Swagger `x-nullable` into JSON Schema.
 */
export function createContractValidator(spec: ApiDocument | JsonObject | string, options: ContractValidatorOptions = {}): ContractValidator {
  const doc = typeof spec === 'string' ? loadSpec(spec) : loadSpec(spec as JsonObject);
  const swagger2 = isSwagger2(doc);
  const basePath = (options.basePath ?? documentBasePath(doc)).replace(/\/+$/, '');
  const rejectUnknownBody = options.rejectUnknownBodyProperties ?? true;
  const rejectUnknownQuery = options.rejectUnknownQueryParameters ?? true;
  const multiSegment = new Set(options.multiSegmentParameters ?? ['path', 'filepath', 'file_path']);

  const ajv = makeAjv(false);
  const coercingAjv = makeAjv(true);
  const specSchema = buildSpecSchema(doc);
  ajv.addSchema(specSchema);
  coercingAjv.addSchema(specSchema);
  const compiled = new WeakMap<object, ValidateFunction>();
  const compiledCoercing = new WeakMap<object, ValidateFunction>();
  const compile = (schema: JsonObject, coerce = false): ValidateFunction => {
    const cache = coerce ? compiledCoercing : compiled;
    let fn = cache.get(schema);
    if (!fn) {
      fn = (coerce ? coercingAjv : ajv).compile(normalizeSchema(schema) as JsonObject);
      cache.set(schema, fn);
    }
    return fn;
  };

  const routes: Route[] = Object.entries(doc.paths).map(([template, item]) => {
    const names: string[] = [];
    let strict = '';
    let greedy = '';
    let literal = 0;
    let last = 0;
    const re = /\{([^}]+)\}/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(template))) {
      const lit = template.slice(last, m.index);
      literal += lit.length;
      const isLast = m.index + m[0].length === template.length;
      strict += escapeRegExp(lit) + '([^/]+)';
      greedy += escapeRegExp(lit) + (isLast && multiSegment.has(m[1]!) ? '(.+)' : '([^/]+)');
      names.push(m[1]!);
      last = m.index + m[0].length;
    }
    const tail = template.slice(last);
    literal += tail.length;
    strict += escapeRegExp(tail);
    greedy += escapeRegExp(tail);
    return {
      template,
      strict: new RegExp(`^${strict}/?$`),
      greedy: new RegExp(`^${greedy}/?$`),
      names,
      literal,
      item: deref<JsonObject>(doc, item) ?? {},
    };
  });
  // More literal characters first, then fewer parameters: `/pulls/comments` before `/pulls/{n}`.
  routes.sort((a, b) => b.literal - a.literal || a.names.length - b.names.length);

  const securityQueryParams = new Set<string>();
  const secDefs = (swagger2 ? doc.securityDefinitions : (doc.components as JsonObject | undefined)?.securitySchemes) as Record<string, JsonObject> | undefined;
  for (const def of Object.values(secDefs ?? {})) {
    if (def?.type === 'apiKey' && def.in === 'query' && typeof def.name === 'string') securityQueryParams.add(def.name);
  }

  function matchPath(pathname: string): Array<{ route: Route; values: string[] }> {
    const candidates = new Set<string>();
    if (basePath && (pathname === basePath || pathname.startsWith(basePath + '/'))) candidates.add(pathname.slice(basePath.length) || '/');
    candidates.add(pathname);
    for (const mode of ['strict', 'greedy'] as const) {
      const found: Array<{ route: Route; values: string[] }> = [];
      for (const candidate of candidates) {
        for (const route of routes) {
          const m = route[mode].exec(candidate);
          if (m) found.push({ route, values: m.slice(1) });
        }
      }
      if (found.length) return found;
    }
    return [];
  }

  function operationParameters(item: JsonObject, op: JsonObject): Parameter[] {
    const byKey = new Map<string, Parameter>();
    for (const list of [item.parameters, op.parameters]) {
      if (!Array.isArray(list)) continue;
      for (const raw of list) {
        const p = deref<Parameter>(doc, raw);
        if (p && typeof p.name === 'string') byKey.set(`${p.in}:${p.name}`, p);
      }
    }
    return [...byKey.values()];
  }

  function paramSchema(p: Parameter): JsonObject {
    if (swagger2) return p;
    return deref<JsonObject>(doc, p.schema) ? (p.schema as JsonObject) : {};
  }

  function checkValue(where: string, p: Parameter, raw: string[], errors: string[]): void {
    const schemaRef = paramSchema(p);
    const schema = deref<JsonObject>(doc, schemaRef) ?? {};
    const isArray = schema.type === 'array';
    let value: unknown;
    if (isArray) {
      const collection = (p.collectionFormat as string | undefined) ?? (swagger2 ? 'csv' : p.explode === false ? 'csv' : 'multi');
      const sep = collection === 'ssv' ? ' ' : collection === 'tsv' ? '\t' : collection === 'pipes' ? '|' : ',';
      const items = collection === 'multi' && raw.length > 1 ? raw : raw.length === 1 && collection !== 'multi' ? raw[0]!.split(sep) : raw;
      const itemSchema = deref<JsonObject>(doc, schema.items) ?? {};
      value = items.map((v) => coerce(v, itemSchema, doc));
    } else {
      if (raw.length > 1) {
        errors.push(`${where} parameter "${p.name}" given ${raw.length} times but is not an array`);
        return;
      }
      value = coerce(raw[0]!, schema, doc);
    }
    const validate = compile(schemaRef);
    if (!validate(value)) {
      for (const e of validate.errors ?? []) errors.push(`${where} parameter "${p.name}"${formatAjvError(e)}`);
    }
  }

  function validate(request: ContractRequest): ContractResult {
    const method = request.method.toUpperCase();
    const errors: string[] = [];
    let url: URL;
    try {
      url = new URL(request.url, 'http://placeholder.invalid');
    } catch {
      return { ok: false, method, errors: [`invalid URL: ${request.url}`] };
    }
    const matches = matchPath(url.pathname);
    if (!matches.length) return { ok: false, method, errors: [`no path of the API description matches ${method} ${url.pathname}`] };
    const lower = method.toLowerCase();
    const withMethod = matches.find(({ route }) => route.item[lower] || (lower === 'head' && route.item.get));
    if (!withMethod) {
      const allowed = [...new Set(matches.flatMap(({ route }) => METHODS.filter((mm) => route.item[mm]).map((mm) => mm.toUpperCase())))];
      return {
        ok: false,
        method,
        path: matches[0]!.route.template,
        errors: [`method ${method} is not defined for ${matches[0]!.route.template} (defined: ${allowed.join(', ') || 'none'})`],
      };
    }
    const { route, values } = withMethod;
    const op = (route.item[lower] ?? route.item.get) as JsonObject;
    const operationId = typeof op.operationId === 'string' ? op.operationId : undefined;
    const pathParams: Record<string, string> = {};
    route.names.forEach((name, i) => {
      const rawValue = values[i] ?? '';
      let decoded = rawValue;
      try {
        decoded = decodeURIComponent(rawValue);
      } catch {
        errors.push(`path parameter "${name}" is not valid percent-encoding: ${rawValue}`);
      }
      pathParams[name] = decoded;
    });
    const params = operationParameters(route.item, op);

    // Path parameters.
    for (const p of params.filter((pp) => pp.in === 'path')) {
      const v = pathParams[p.name];
      if (v === undefined || v === '') errors.push(`path parameter "${p.name}" is missing`);
      else checkValue('path', p, [v], errors);
    }

    // Query parameters.
    const query = new Map<string, string[]>();
    for (const [k, v] of url.searchParams) {
      const key = k.endsWith('[]') ? k.slice(0, -2) : k;
      query.set(key, [...(query.get(key) ?? []), v]);
    }
    const declaredQuery = new Set<string>();
    for (const p of params.filter((pp) => pp.in === 'query')) {
      declaredQuery.add(p.name);
      const raw = query.get(p.name);
      if (!raw) {
        if (p.required) errors.push(`query parameter "${p.name}" is required`);
        continue;
      }
      checkValue('query', p, raw, errors);
    }
    if (rejectUnknownQuery) {
      for (const key of query.keys()) {
        if (!declaredQuery.has(key) && !securityQueryParams.has(key)) errors.push(`query parameter "${key}" is not defined for ${method} ${route.template}`);
      }
    }

    // Header parameters.
    for (const p of params.filter((pp) => pp.in === 'header' && pp.required)) {
      if (headerValue(request.headers, p.name) === undefined) errors.push(`header "${p.name}" is required`);
    }

    // Body.
    const contentType = (headerValue(request.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const body = parseBody(request.body, contentType, errors);
    const hasBody = body !== undefined;
    if (swagger2) {
      const bodyParam = params.find((p) => p.in === 'body');
      const formParams = params.filter((p) => p.in === 'formData');
      if (bodyParam) {
        if (!hasBody) {
          if (bodyParam.required) errors.push('request body is required');
        } else {
          validateBody(bodyParam.schema ?? {}, body, false, errors);
        }
      } else if (formParams.length) {
        const schema: JsonObject = { type: 'object', properties: {}, required: [] };
        for (const p of formParams) {
          (schema.properties as JsonObject)[p.name] = p;
          if (p.required) (schema.required as string[]).push(p.name);
        }
        if (!hasBody) {
          if ((schema.required as string[]).length) errors.push(`form fields required: ${(schema.required as string[]).join(', ')}`);
        } else {
          validateBody(schema, body, !isJson(contentType), errors);
        }
      } else if (hasBody) {
        errors.push(`${method} ${route.template} takes no request body`);
      }
    } else {
      const requestBody = deref<JsonObject>(doc, op.requestBody);
      if (!requestBody) {
        if (hasBody) errors.push(`${method} ${route.template} takes no request body`);
      } else if (!hasBody) {
        if (requestBody.required) errors.push('request body is required');
      } else {
        const content = (requestBody.content ?? {}) as Record<string, JsonObject>;
        const media =
          (contentType && content[contentType] ? contentType : undefined) ??
          Object.keys(content).find((k) => isJson(k)) ??
          Object.keys(content)[0];
        if (contentType && media && contentType !== media && !(isJson(contentType) && isJson(media))) {
          errors.push(`content-type ${contentType} is not accepted (accepted: ${Object.keys(content).join(', ')})`);
        }
        const schema = media ? (content[media]?.schema as JsonObject | undefined) : undefined;
        if (schema) validateBody(schema, body, !!media && !isJson(media), errors);
      }
    }

    return {
      ok: errors.length === 0,
      method,
      path: route.template,
      pathParams,
      errors,
      ...(operationId !== undefined ? { operationId } : {}),
    };
  }

  function validateBody(schemaRef: JsonObject, body: unknown, coerceForm: boolean, errors: string[]): void {
    const validateFn = compile(schemaRef, coerceForm);
    const copy = coerceForm ? structuredClone(body) : body;
    if (!validateFn(copy)) {
      for (const e of validateFn.errors ?? []) errors.push(`body${formatAjvError(e)}`);
    }
    if (!rejectUnknownBody) return;
    const schema = deref<JsonObject>(doc, schemaRef);
    if (!schema || !body || typeof body !== 'object' || Array.isArray(body)) return;
    const props = schema.properties as JsonObject | undefined;
    if (!props || schema.allOf || schema.anyOf || schema.oneOf || schema.additionalProperties !== undefined) return;
    for (const key of Object.keys(body as JsonObject)) {
      if (!(key in props)) errors.push(`body property "${key}" is not defined by the schema`);
    }
  }

  async function validateFetchRequest(request: Request): Promise<ContractResult> {
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    let body: unknown;
    if (request.body) {
      const ct = (request.headers.get('content-type') ?? '').toLowerCase();
      const clone = request.clone();
      if (ct.startsWith('multipart/form-data')) {
        const form = await clone.formData();
        const obj: Record<string, unknown> = {};
        form.forEach((v, k) => {
          obj[k] = typeof v === 'string' ? v : '[file]';
        });
        body = obj;
      } else {
        body = await clone.text();
      }
    }
    return validate({ method: request.method, url: request.url, headers, body });
  }

  function findOperation(ref: OperationRef): JsonObject | undefined {
    if (typeof ref === 'string') {
      for (const route of routes) {
        for (const m of METHODS) {
          const op = route.item[m] as JsonObject | undefined;
          if (op?.operationId === ref) return op;
        }
      }
      return undefined;
    }
    const route = routes.find((r) => r.template === ref.path);
    return route?.item[ref.method.toLowerCase()] as JsonObject | undefined;
  }

  function responseExample(ref: OperationRef, status?: number): unknown {
    const op = findOperation(ref);
    if (!op) return undefined;
    const responses = (op.responses ?? {}) as Record<string, unknown>;
    const codes = status !== undefined ? [String(status)] : Object.keys(responses).filter((c) => /^2/.test(c)).sort();
    for (const code of codes) {
      const response = deref<JsonObject>(doc, responses[code]);
      if (!response) continue;
      if (swagger2) {
        const examples = response.examples as JsonObject | undefined;
        const ex = examples?.['application/json'];
        if (ex !== undefined) return structuredClone(ex);
        continue;
      }
      const content = (response.content ?? {}) as Record<string, JsonObject>;
      for (const [media, body] of Object.entries(content)) {
        if (!isJson(media)) continue;
        if (body.examples && typeof body.examples === 'object') {
          for (const example of Object.values(body.examples as JsonObject)) {
            const ex = deref<JsonObject>(doc, example);
            if (ex && 'value' in ex) return structuredClone(ex.value);
          }
        }
        if (body.example !== undefined) return structuredClone(body.example);
      }
    }
    return undefined;
  }

  function successResponse(ref: OperationRef): { status: number; body?: unknown } | undefined {
    const op = findOperation(ref);
    if (!op) return undefined;
    const codes = Object.keys((op.responses ?? {}) as JsonObject)
      .filter((c) => /^2\d\d$/.test(c))
      .sort();
    for (const code of codes) {
      const body = responseExample(ref, Number(code));
      if (body !== undefined) return { status: Number(code), body };
    }
    return codes.length ? { status: Number(codes[0]) } : undefined;
  }

  function operations(): string[] {
    const out: string[] = [];
    for (const route of routes) {
      for (const m of METHODS) {
        const op = route.item[m] as JsonObject | undefined;
        if (op) out.push(typeof op.operationId === 'string' ? op.operationId : `${m.toUpperCase()} ${route.template}`);
      }
    }
    return out;
  }

  return { document: doc, validate, validateFetchRequest, responseExample, successResponse, operations };
}

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    logger: false,
    validateSchema: false,
    ...(coerce ? { coerceTypes: 'array' as const } : {}),
  });
  addFormats(ajv);
  return ajv;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === '*/*';
}

function headerValue(headers: ContractRequest['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | undefined>)) {
    if (k.toLowerCase() === lower && v != null) return v;
  }
  return undefined;
}

function parseBody(body: unknown, contentType: string, errors: string[]): unknown {
  if (body === undefined || body === null) return undefined;
  if (body instanceof Uint8Array) body = new TextDecoder().decode(body);
  if (typeof body !== 'string') return body;
  if (body === '') return undefined;
  if (contentType === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(body));
  try {
    return JSON.parse(body);
  } catch {
    if (!contentType || isJson(contentType)) errors.push('request body is not valid JSON');
    return body;
  }
}

function coerce(raw: string, schema: JsonObject, doc: JsonObject): unknown {
  const s = deref<JsonObject>(doc, schema) ?? {};
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) return Number(raw);
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (types.includes('null') && raw === '') return null;
  return raw;
}

function formatAjvError(e: ErrorObject): string {
  const where = e.instancePath ? ` at ${e.instancePath}` : '';
  if (e.keyword === 'enum') return `${where} must be one of ${JSON.stringify((e.params as { allowedValues?: unknown[] }).allowedValues)}`;
  if (e.keyword === 'additionalProperties') return `${where} has unknown property "${(e.params as { additionalProperty?: string }).additionalProperty}"`;
  return `${where} ${e.message ?? 'is invalid'}`;
}
