import { describe, expect, it } from 'vitest';
import { runDemo, type DemoSummary } from './demo.js';
import { percentile } from './metrics.js';
import { formatTable } from './table.js';

describe('hybrid-git sandbox run (Prism over the official GitHub and Gitea specs)', () => {
  it('routes, caches, fails over, opens and closes the breaker, and never breaks a spec', async () => {
    const lines: string[] = [];
    // No tokens and no REDIS_URL: sandbox mode with the memory cache, whatever the host has set.
    const env = { ...process.env, GITHUB_TOKEN: '', GITEA_URL: '', GITEA_TOKEN: '', REDIS_URL: '' };
    const s: DemoSummary = await runDemo({ mode: 'sandbox', env, print: (l) => lines.push(l) });
    const output = lines.join('\n');

    expect(s.unexpected, output).toEqual([]);
    expect(s.ok).toBe(true);
    expect(s.violations).toEqual([]);
    expect(output).toContain('spec violations');

    // Both backends served calls.
    expect(s.figures.providers.github?.served).toBeGreaterThan(0);
    expect(s.figures.providers.gitea?.served).toBeGreaterThan(0);

    // Repeated reads were answered by the cache.
    expect(s.figures.cache.hits).toBeGreaterThan(0);
    expect(s.figures.cache.hitRate).toBeGreaterThan(0);
    expect(s.figures.calls.servedFromCache).toBe(s.figures.cache.hits);

    // Reads failed over from the dead Gitea to the GitHub mirror.
    expect(s.figures.failovers.length).toBeGreaterThan(0);
    expect(s.figures.failovers.every((f) => f.from === 'gitea' && f.to === 'github')).toBe(true);
    const freshOutageReads = s.outageReads.filter((r) => !r.cached);
    expect(freshOutageReads.length).toBeGreaterThan(0);
    expect(freshOutageReads.every((r) => r.provider === 'github')).toBe(true);
    expect(s.figures.retries).toBeGreaterThan(0);

    // Writes for the dead backend failed (and never went to GitHub), each with a clear error.
    expect(s.deadBackendWrites.length).toBe(4);
    for (const w of s.deadBackendWrites) {
      expect(w.errorClass).toBe('NoProviderAvailableError');
      expect(w.message).toContain(w.operation);
      expect(output).toContain(`${w.errorClass} [${w.code}]: ${w.message}`);
    }

    // The Gitea breakers opened, went half-open and closed once the mock was back.
    expect(s.breaker).toEqual({ opened: true, halfOpened: true, closedAgain: true });
    const gitea = s.figures.breakerTransitions.filter((t) => t.provider === 'gitea');
    for (const kind of ['read', 'write'] as const) {
      expect(gitea.filter((t) => t.kind === kind).map((t) => t.to)).toEqual(['open', 'half-open', 'closed']);
    }

    // Three explain() traces, one per kind of rule.
    expect(s.explains.map((e) => e.ruleKind)).toEqual(['org pattern', 'input attribute', 'default + fallback']);
    expect(s.explains[0]!.trace.candidates).toEqual(['gitea']);
    expect(s.explains[1]!.trace.rulesMatched.find((r) => r.selected)?.pattern).toBe('private:true');
    expect(s.explains[2]!.trace.source).toBe('default');
    expect(s.explains[2]!.trace.candidates).toEqual(['github', 'gitea']);

    // The printed summary has the tables.
    for (const heading of ['Calls per provider', 'Totals', 'Failovers', 'Breaker transitions', 'Writes while Gitea was down', 'explain(']) {
      expect(output).toContain(heading);
    }
  });
});

describe('summary helpers', () => {
  it('percentile uses the nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 99)).toBe(10);
    expect(percentile([], 50)).toBe(0);
  });

  it('formatTable aligns columns and right-aligns numbers', () => {
    const table = formatTable(['name', 'n'], [['a', 1], ['bbb', 22]]);
    expect(table.split('\n')).toEqual(['  name   n', '  ----  --', '  a      1', '  bbb   22']);
  });
});
