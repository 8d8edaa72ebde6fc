const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/**
 * Parses a duration into milliseconds. Accepts a non-negative number (already milliseconds) or
 * a string of one or more `<number><unit>` parts with unit `ms`, `s`, `m` or `h` (`250ms`,
 * `30s`, `1m30s`, `1.5h`; spaces around are ignored). Returns `undefined` for anything else,
 * including negative numbers and unit-less strings.
 */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const text = value.trim();
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(PART)) total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return total;
}

/** Why a duration does not parse, as a message (`invalid duration "30": add a unit (ms, s, m, h)`). */
export function durationProblem(value: unknown): string {
  if (typeof value === 'number') return `expected a non-negative duration, got ${value}`;
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+(?:\.\d+)?$/.test(text)) return `invalid duration ${JSON.stringify(value)}: add a unit (ms, s, m, h) or write a number of milliseconds`;
    if (text.startsWith('-')) return `expected a non-negative duration, got ${JSON.stringify(value)}`;
    return `invalid duration ${JSON.stringify(value)}: expected milliseconds or a number with unit ms, s, m or h (e.g. "30s", "1m30s")`;
  }
  return 'expected a duration';
}
