/** A path into a configuration document: object keys and array indexes. */
export type ConfigPath = ReadonlyArray<string | number>;

const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

/**
 * Formats a path the way every config message spells it: `orchestration.plugins[3].id`.
 * Keys that are not plain words (`git.getRepository`, `*`) are written in brackets
 * (`costs.github["git.createRepository"]`).
 */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of neighbours
 * (`tpye` → `type` is 1), bounded: returns `max + 1` as soon as the distance exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row[j] = j;
        continue;
      }
      const prev = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (i > 0 && rowMin > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate closest to `word` (case-insensitive match first, then edit distance up to a
 * third of the word's length (at least 1, at most 3), then the shortest candidate starting with
 * `word`), or `undefined` when nothing is close.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const max = Math.min(3, Math.max(1, Math.floor((word.length - 1) / 3)));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const c = candidate.toLowerCase();
    if (c === lower) return candidate;
    const d = editDistance(lower, c, max);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined && word.length >= 4) {
    // a truncated name (`git.createRepo`): the shortest candidate it starts
    for (const candidate of candidates) {
      if (candidate.toLowerCase().startsWith(lower) && (best === undefined || candidate.length < best.length)) best = candidate;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/** True for plain objects (what YAML/JSON mappings become). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SECRET_KEY = /(token|password|passwd|secret|private_?key|api_?key|credentials?)$/i;

/**
 * True when a value at `path` is a credential: anything under an `auth` object, or a key named
 * like `token`, `password`, `secret`, `privateKey`, `clientSecret`, `apiKey`.
 */
export function isSecretPath(path: ConfigPath): boolean {
  return (isUnderAuth(path) && path[path.length - 1] !== 'type') || isSecretKey(path);
}

/** True when the last key of `path` is named like a credential (`token`, `clientSecret`, …). */
export function isSecretKey(path: ConfigPath): boolean {
  const last = path[path.length - 1];
  return typeof last === 'string' && SECRET_KEY.test(last);
}

/** True when `path` goes through an `auth` object. */
export function isUnderAuth(path: ConfigPath): boolean {
  for (const segment of path) if (segment === 'auth') return true;
  return false;
}

/** Short description of a value for messages: `"high"`, `42`, `null`, `array`, `object`. */
export function describeValue(value: unknown, secret = false): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      if (secret) return 'a string';
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    case 'number':
    case 'boolean':
      return secret ? typeof value : String(value);
    case 'object':
      return 'object';
    default:
      return typeof value;
  }
}
