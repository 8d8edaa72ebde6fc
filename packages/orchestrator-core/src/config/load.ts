import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
/** The `yaml` package, loaded on the first YAML parse (not at import: most hosts never parse YAML). */
function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return yamlModule;
}
import { ConfigError, type ConfigIssue, redact } from '../errors/index.js';
import { type KnownProvider, crossCheck } from './checks.js';
import { type RawIssue, formatZodIssues } from './format-issues.js';
import { type EnvRecord, interpolateEnv } from './interpolate.js';
import { describeValue, formatPath, isRecord } from './paths.js';
import { type MosaicConfig, type MosaicConfigInput, getSchemas } from './schema.js';
import { findUnknownKeys } from './unknown-keys.js';

/** What every loader returns: the validated configuration and non-fatal findings. */
export interface ConfigResult {
  /** The validated configuration with defaults applied. */
  config: MosaicConfig;
  /**
   * Things that are valid but probably wrong, one line each, path first:
   * `orchestration.cache.tll: unknown key (did you mean "ttl"?)`.
   */
  warnings: string[];
}

/** Options of {@link validateConfig}. */
export interface ValidateConfigOptions {
  /** Variables for `${VAR}` interpolation. Default: `process.env` (read at call time). */
  env?: EnvRecord;
  /**
   * Providers the host registers in code: rules, defaults and fallbacks may name them like
   * configured plugins (`{ id: 'github', serviceType: 'git' }`).
   */
  providers?: readonly KnownProvider[];
  /** Where the configuration came from, shown in the error (a file name). */
  source?: string;
}

/** Options of {@link parseConfig}. */
export interface ParseConfigOptions extends ValidateConfigOptions {
  /** Syntax of `text`. Default `yaml` (which also reads JSON documents). */
  format?: 'yaml' | 'json';
}

/** Options of {@link loadConfigFile}. */
export interface LoadConfigFileOptions extends Omit<ValidateConfigOptions, 'source'> {
  /** Syntax; default from the extension: `.json` → json, anything else → yaml. */
  format?: 'yaml' | 'json';
  /** Aborts reading the file. */
  signal?: AbortSignal;
}

type Locate = (path: Array<string | number>) => string | undefined;

/**
 * Identity helper for configurations written in code: gives the same shape a YAML/JSON file
 * has (`{ orchestration: { plugins, routing, … } }`) full type checking and completion, and
 * returns it unchanged. Validate it with {@link validateConfig} (or pass it to the
 * orchestrator, which does).
 */
export function defineConfig<const T extends MosaicConfigInput>(config: T): T {
  return config;
}

/**
 * Validates a configuration object (a parsed file, or one built with {@link defineConfig}):
 * interpolates `${VAR}`/`${VAR:-default}` in every string, checks it against the schema and
 * across sections (references to plugins, mutually exclusive keys, …) and applies defaults.
 *
 * @returns the configuration and warnings (unknown keys, settings that have no effect, …).
 * @throws ConfigError listing every problem, each with its path
 *   (`orchestration.routing.rules[2].priority: expected number, got "high"`).
 */
export function validateConfig(input: unknown, options: ValidateConfigOptions = {}): ConfigResult {
  return validate(input, options, undefined);
}

/**
 * Parses YAML (default) or JSON text and validates it like {@link validateConfig}. Problems in a
 * YAML document carry their line and column.
 *
 * @throws ConfigError for syntax errors (with line and column) and for every invalid value.
 */
export function parseConfig(text: string, options: ParseConfigOptions = {}): ConfigResult {
  if (options.format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw new ConfigError({ issues: [jsonSyntaxIssue(text, cause)], source: options.source, cause });
    }
    return validate(data, options, undefined);
  }
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  // `merge`: `<<: *defaults` merge keys, common in hand-written configs
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    // After the first syntax error the parser reports follow-on noise; duplicate keys are real.
    const errors = doc.errors.filter((e, i) => i === 0 || e.code === 'DUPLICATE_KEY');
    const issues = errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      const line = text.split('\n', pos.line)[pos.line - 1] ?? '';
      const hint = /[{[][^'"]*\$\{/.test(line) ? '; a "${VAR}" value inside { } or [ ] must be quoted ("${VAR}")' : '';
      return { path: `line ${pos.line}, column ${pos.col}`, message: e.message.split('\n')[0]! + hint };
    });
    throw new ConfigError({ issues, source: options.source, cause: doc.errors[0] });
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const yamlWarnings = doc.warnings.map((w) => {
    const pos = lineCounter.linePos(w.pos[0]);
    return `line ${pos.line}, column ${pos.col}: ${w.message.split('\n')[0]!}`;
  });
  const result = validate(data, options, yamlLocator(doc, lineCounter));
  if (yamlWarnings.length) result.warnings.unshift(...yamlWarnings);
  return result;
}

/**
 * Reads a YAML or JSON configuration file (format from the extension) and validates it like
 * {@link validateConfig}.
 *
 * @throws ConfigError when the file cannot be read, does not parse, or is invalid; its
 *   `source` is the path.
 */
export async function loadConfigFile(path: string | URL, options: LoadConfigFileOptions = {}): Promise<ConfigResult> {
  const file = typeof path === 'string' ? path : fileURLToPath(path);
  let text: string;
  try {
    text = await readFile(file, { encoding: 'utf8', signal: options.signal });
  } catch (cause) {
    if ((cause as { name?: string }).name === 'AbortError') throw cause;
    const code = (cause as { code?: string }).code;
    const message = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read the file (${code ?? 'unknown error'})`;
    throw new ConfigError({ issues: [{ path: '', message }], source: file, cause });
  }
  const format = options.format ?? (extname(file).toLowerCase() === '.json' ? 'json' : 'yaml');
  return parseConfig(text, { ...options, format, source: file });
}

// ------------------------------------------------------------------------------------------

function validate(input: unknown, options: ValidateConfigOptions, locate: Locate | undefined): ConfigResult {
  const { root } = getSchemas();
  if (!isRecord(input)) {
    throw new ConfigError({
      issues: [{ path: '', message: `expected an object with the key "orchestration", got ${describeValue(input)}` }],
      source: options.source,
    });
  }
  const env = options.env ?? process.env;
  const interpolated = interpolateEnv(input, env);
  let doc = interpolated.value;
  // fast path: no input copies in issues unless something is wrong
  let parsed = root.safeParse(doc);
  if (!parsed.success) parsed = root.safeParse(doc, { reportInput: true });

  // `timeoutMs: ${TIMEOUT:-5000}` interpolates to a string; coerce such values and retry once.
  if (!parsed.success && interpolated.whole.size > 0) {
    let changed = false;
    for (const issue of parsed.error.issues) {
      const key = formatPath(issue.path as Array<string | number>);
      if (!interpolated.whole.has(key)) continue;
      changed = coerceAt(doc, issue.path as Array<string | number>) || changed;
    }
    if (changed) parsed = root.safeParse(doc, { reportInput: true });
  }

  const errors: RawIssue[] = parsed.success ? [] : formatZodIssues(parsed.error.issues);
  const cross = crossCheck(doc, options.providers);
  errors.push(...cross.issues);
  const unknown = findUnknownKeys(root, doc);

  const interpolationPaths = interpolated.issues.map((i) => formatPath(i.path));
  const all: RawIssue[] = [...interpolated.issues];
  for (const e of errors) {
    const path = formatPath(e.path);
    // a value that failed interpolation fails the schema too: report the cause only
    if (interpolationPaths.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`))) continue;
    all.push(e);
  }

  const where = (path: Array<string | number>) => {
    const at = locate?.(path);
    return at ? ` (${at})` : '';
  };

  if (all.length > 0) {
    const issues: ConfigIssue[] = [];
    const seen = new Set<string>();
    for (const e of sortByDocument(doc, all)) {
      const path = formatPath(e.path);
      let message = e.message;
      if (message === 'required') {
        const parent = formatPath(e.path.slice(0, -1));
        const typo = unknown.find((u) => u.suggestion === e.path[e.path.length - 1] && formatPath(u.path.slice(0, -1)) === parent);
        if (typo) message = `required (found unknown key "${String(typo.path[typo.path.length - 1])}")`;
      }
      const key = `${path}\u0000${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({ path, message: redact(message) + where(e.path) });
    }
    throw new ConfigError({ issues, source: options.source });
  }

  const warnings = sortByDocument(doc, [...unknown, ...cross.warnings]).map((w) => `${formatPath(w.path) || '(root)'}: ${redact(w.message)}${where(w.path)}`);
  return { config: (parsed as { data: MosaicConfig }).data, warnings };
}

/** Replaces a numeric/boolean-looking string at `path` with the number/boolean. */
function coerceAt(doc: unknown, path: Array<string | number>): boolean {
  let parent: unknown = doc;
  for (let i = 0; i < path.length - 1; i++) {
    parent = (parent as Record<string | number, unknown> | undefined)?.[path[i]!];
  }
  const key = path[path.length - 1];
  if (key === undefined || parent === null || typeof parent !== 'object') return false;
  const value = (parent as Record<string | number, unknown>)[key];
  if (typeof value !== 'string') return false;
  let next: unknown;
  if (value === 'true' || value === 'false') next = value === 'true';
  else if (/^-?\d+(?:\.\d+)?$/.test(value)) next = Number(value);
  else return false;
  (parent as Record<string | number, unknown>)[key] = next;
  return true;
}

/** Orders issues as their paths appear in the document (missing keys after their siblings). */
function sortByDocument<T extends RawIssue>(doc: unknown, items: T[]): T[] {
  const rank = (path: Array<string | number>): number[] => {
    const out: number[] = [];
    let node: unknown = doc;
    for (const segment of path) {
      if (typeof segment === 'number') {
        out.push(segment);
        node = Array.isArray(node) ? node[segment] : undefined;
      } else if (isRecord(node)) {
        const keys = Object.keys(node);
        const i = keys.indexOf(segment);
        out.push(i === -1 ? keys.length : i);
        node = node[segment];
      } else {
        out.push(Number.MAX_SAFE_INTEGER);
        node = undefined;
      }
    }
    return out;
  };
  const keyed = items.map((item, index) => ({ item, index, rank: rank(item.path) }));
  keyed.sort((a, b) => {
    const n = Math.min(a.rank.length, b.rank.length);
    for (let i = 0; i < n; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
    return a.rank.length - b.rank.length || a.index - b.index;
  });
  return keyed.map((k) => k.item);
}

function yamlLocator(doc: Document, lineCounter: LineCounter): Locate {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && Array.isArray(node.range)) {
        const pos = lineCounter.linePos(node.range[0]);
        return `line ${pos.line}, column ${pos.col}`;
      }
    }
    return undefined;
  };
}

function jsonSyntaxIssue(text: string, cause: unknown): ConfigIssue {
  const message = cause instanceof Error ? cause.message : String(cause);
  const match = /at position (\d+)/.exec(message);
  const clean = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  if (!match) return { path: '(json)', message: clean };
  const offset = Number(match[1]);
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return { path: `line ${line}, column ${col}`, message: clean };
}
