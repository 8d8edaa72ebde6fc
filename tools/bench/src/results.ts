// Shared helpers for benchmark scripts: record figures in tools/bench/results.json and print tables.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where every script's figures are merged, keyed by metric name. */
export const RESULTS_FILE = fileURLToPath(new URL('../results.json', import.meta.url));

/** One recorded figure. */
export interface Metric {
  value: number;
  /** `us`, `ms`, `ratio`, `%`, `ops/s`, … */
  unit: string;
  /** Human-readable target, e.g. `<= 10`. */
  target?: string;
  /** Whether the value meets the target (when there is one). */
  pass?: boolean;
  /** A short note on how the figure was measured. */
  note?: string;
}

/** A metric as stored: the figure plus which script recorded it and when. */
export interface StoredMetric extends Metric {
  script: string;
  recordedAt: string;
}

function scriptName(): string {
  return basename(process.argv[1] ?? 'unknown');
}

/** A figure: a {@link Metric}, or a bare number (stored as `{ value, unit: '' }`). */
export type MetricInput = Metric | number;

function toMetric(m: MetricInput): Metric {
  return typeof m === 'number' ? { value: m, unit: '' } : m;
}

/**
 * Merges `metrics` into `tools/bench/results.json` (other scripts' metrics are kept; a metric of
 * the same name is replaced). Writes through a temporary file then renames it.
 */
export function recordResults(metrics: Record<string, MetricInput>): void {
  let current: Record<string, StoredMetric> = {};
  try {
    current = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, StoredMetric>;
  } catch {
    current = {};
  }
  const at = new Date().toISOString();
  const script = scriptName();
  for (const [name, m] of Object.entries(metrics)) current[name] = { ...toMetric(m), script, recordedAt: at };
  const sorted = Object.fromEntries(Object.entries(current).sort(([a], [b]) => a.localeCompare(b)));
  const tmp = `${RESULTS_FILE}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(tmp, RESULTS_FILE);
}

/** Prints metrics as an aligned table on stdout. */
export function printTable(title: string, metrics: Record<string, MetricInput>): void {
  const rows = Object.entries(metrics).map(([name, input]) => {
    const m = toMetric(input);
    return [
    name,
    formatNumber(m.value),
    m.unit,
    m.target ?? '',
    m.pass === undefined ? '' : m.pass ? 'ok' : 'MISS',
  ];
  });
  const head = ['metric', 'value', 'unit', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  process.stdout.write(`\n${title}\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(1) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

/** The p-th percentile (0..100) of `values` (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** A small seeded PRNG (mulberry32) in [0, 1), so runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
