import { describe, expect, it } from 'vitest';
import { createNotes, type NotesFlaws } from '../test/notes-provider.js';
import { notesFixture } from '../test/notes-fixture.js';
import { countChecks, runConformance, type ConformanceReport, type TestProviderFactory } from './index.js';

const factory =
  (flaws: NotesFlaws = {}): TestProviderFactory =>
  ({ baseUrl, token, logger, healthTimeoutMs }) =>
    createNotes({ baseUrl, token, logger, healthTimeoutMs, flaws });

const options = { services: { docs: notesFixture } };

function failures(report: ConformanceReport): Record<string, string> {
  return Object.fromEntries(report.results.filter((r) => r.status === 'failed').map((r) => [r.id, r.message ?? '']));
}

describe('the suite passes a correct provider', () => {
  it('every check passes for the reference Notes provider', async () => {
    const report = await runConformance(factory(), options);
    expect(failures(report)).toEqual({});
    expect(report.passed).toBe(report.results.length);
    expect(report.passed).toBeGreaterThan(30);
  }, 60_000);
});

describe('the suite fails broken providers', () => {
  const cases: Array<{ flaw: keyof NotesFlaws; expected: string[]; message: RegExp }> = [
    { flaw: 'leakToken', expected: ['docs.canary.errors'], message: /canary token leaked into: error \(HTTP 400\)\.message/ },
    { flaw: 'generic429', expected: ['docs.errors.http-429', 'docs.errors.http-429-retry-after-seconds', 'docs.errors.http-429-retry-after-date'], message: /expected a RateLimitedError; category is unknown, expected rate-limited/ },
    { flaw: 'declaresMissing', expected: ['docs.capabilities.manifest', 'docs.lifecycle.shape', 'docs.results.search'], message: /declares "docs.search" but has no method search\(\)/ },
    { flaw: 'loopPagination', expected: ['docs.pagination.stops-on-cycle'], message: /page requests for a 2-page cycle/ },
    { flaw: 'ignoreAbort', expected: ['docs.abort.in-flight', 'docs.abort.already-aborted', 'docs.errors.timeout'], message: /did not settle within 50 ms of the abort/ },
    { flaw: 'followRedirectsWithToken', expected: ['docs.redirects.cross-origin-302', 'docs.redirects.cross-origin-307'], message: /sent the token to GET https:\/\/elsewhere\.mosaic-fixture\.test/ },
    { flaw: 'retriesItself', expected: ['docs.errors.http-500', 'docs.errors.http-502', 'docs.errors.http-503'], message: /sent 3 requests for one call/ },
    { flaw: 'undeclaredHitsNetwork', expected: ['docs.capabilities.undeclared-operations-throw-unsupported'], message: /sent 1 request\(s\) before failing/ },
    { flaw: 'dropRaw', expected: ['docs.results.getSpace', 'docs.results.getPage', 'docs.results.listSpaces'], message: /raw is missing/ },
    { flaw: 'logsToken', expected: ['docs.canary.errors'], message: /log\[\d+\] \(debug\)/ },
  ];

  it.each(cases)('catches $flaw', async ({ flaw, expected, message }) => {
    const report = await runConformance(factory({ [flaw]: true }), options);
    const failed = failures(report);
    for (const id of expected) expect(Object.keys(failed)).toContain(id);
    expect(Object.values(failed).join('\n')).toMatch(message);
  }, 60_000);
});

describe('figures', () => {
  it('counts checks per group for a docs provider declaring 5 operations', () => {
    const counts = countChecks(factory(), options);
    expect(counts.docs).toEqual({ lifecycle: 6, capabilities: 2, results: 5, errors: 14, pagination: 4, abort: 2, canary: 2, redirects: 2 });
  });
});
