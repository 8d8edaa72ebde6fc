import { InvalidArgumentError, ProviderCallError } from '@mosaic/orchestrator-core';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { API, callOp, testProvider } from '../test/support.js';
import { decodeCursor, encodeCursor, parseLinkHeader } from './pagination.js';

// Branch objects as GitHub returns them (GET /repos/{owner}/{repo}/branches); names vary per page.
const sample = (fixture('get-repository')[0]!.response as { default_branch: string }).default_branch;
const branch = (name: string) => ({ name, commit: { sha: '7fd1a60b01f91b314f59955a4e4d4e80d8edf11d', url: `${API}/repos/o/r/commits/x` }, protected: false });
const pageUrl = (n: number) => `${API}/repositories/1/branches?per_page=2&page=${n}`;

let requests: string[] = [];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  requests = [];
  server.resetHandlers();
});
afterAll(() => server.close());

/** Serves `pages` pages of two branches each, page n linking to `next(n)`. */
function pages(count: number, next: (n: number) => string | undefined = (n) => (n < count ? `<${pageUrl(n + 1)}>; rel="next", <${pageUrl(count)}>; rel="last"` : undefined)) {
  const respond = (n: number) => {
    const link = next(n);
    return HttpResponse.json([branch(`${sample}-${n}-a`), branch(`${sample}-${n}-b`)], { headers: link ? { link } : {} });
  };
  server.use(
    http.get(`${API}/repos/o/r/branches`, ({ request }) => {
      requests.push(request.url);
      return respond(1);
    }),
    http.get(`${API}/repositories/1/branches`, ({ request }) => {
      requests.push(request.url);
      return respond(Number(new URL(request.url).searchParams.get('page')));
    }),
  );
}

const repo = { owner: 'o', repo: 'r' };

describe('pagination', () => {
  it('collects every item across pages following Link rel="next"', async () => {
    pages(4);
    const page = await callOp(testProvider(), 'git.listBranches', repo);
    expect(page.items.map((b) => b.name)).toEqual([1, 2, 3, 4].flatMap((n) => [`${sample}-${n}-a`, `${sample}-${n}-b`]));
    expect(page.nextCursor ?? null).toBeNull();
    expect(requests).toHaveLength(4);
    expect(new URL(requests[0]!).searchParams.get('per_page')).toBe('100');
  });

  it('limit asks per_page = limit (≤ 100) and returns a cursor that resumes where it stopped', async () => {
    pages(4);
    const provider = testProvider();
    const first = await callOp(provider, 'git.listBranches', { ...repo, limit: 3 });
    expect(new URL(requests[0]!).searchParams.get('per_page')).toBe('3');
    expect(first.items.map((b) => b.name)).toEqual([`${sample}-1-a`, `${sample}-1-b`, `${sample}-2-a`]);
    expect(first.nextCursor).toBeTruthy();
    const rest = await callOp(provider, 'git.listBranches', { ...repo, cursor: first.nextCursor!, limit: 100 });
    expect(rest.items.map((b) => b.name)).toEqual([`${sample}-2-b`, ...[3, 4].flatMap((n) => [`${sample}-${n}-a`, `${sample}-${n}-b`])]);
    expect(rest.nextCursor ?? null).toBeNull();
  });

  it('a malformed Link header ends the call with a non-retryable error', async () => {
    pages(3, () => 'this is not a link header');
    const e = await callOp(testProvider(), 'git.listBranches', repo).catch((x: unknown) => x);
    expect(ProviderCallError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ category: 'unknown', vendorCode: 'malformed_link_header', isRetryable: false, operation: 'git.listBranches' });
    expect(requests).toHaveLength(1);
  });

  it('a next link that repeats a visited page ends the call (no loop)', async () => {
    pages(3, (n) => `<${pageUrl(n === 3 ? 2 : n + 1)}>; rel="next"`);
    const e = await callOp(testProvider(), 'git.listBranches', repo).catch((x: unknown) => x);
    expect(e).toMatchObject({ category: 'unknown', vendorCode: 'pagination_cycle', isRetryable: false });
    expect(requests).toHaveLength(3);
  });

  it('a next link to another origin is not followed (credentials stay on the API origin)', async () => {
    let foreign = 0;
    server.use(http.get('https://evil.example.test/*', () => {
      foreign++;
      return HttpResponse.json([]);
    }));
    pages(2, () => '<https://evil.example.test/steal?page=2>; rel="next"');
    const e = await callOp(testProvider(), 'git.listBranches', repo).catch((x: unknown) => x);
    expect(e).toMatchObject({ vendorCode: 'foreign_link' });
    expect(foreign).toBe(0);
  });

  it('more than maxPages pages fail', async () => {
    pages(1000, (n) => `<${pageUrl(n + 1)}>; rel="next"`);
    const e = await callOp(testProvider({ maxPages: 3 }), 'git.listBranches', repo).catch((x: unknown) => x);
    expect(e).toMatchObject({ vendorCode: 'too_many_pages' });
    expect(requests).toHaveLength(3);
  });

  it('rejects cursors it did not issue, or for another host', async () => {
    pages(1);
    await expect(callOp(testProvider(), 'git.listBranches', { ...repo, cursor: 'garbage' })).rejects.toSatisfy((e) => InvalidArgumentError.isInstance(e));
    const foreign = encodeCursor({ u: 'https://evil.example.test/x', s: 0 });
    await expect(callOp(testProvider(), 'git.listBranches', { ...repo, cursor: foreign })).rejects.toSatisfy((e) => InvalidArgumentError.isInstance(e));
    expect(requests).toHaveLength(0);
  });
});

describe('parseLinkHeader / cursors', () => {
  it('parses GitHub Link headers', () => {
    expect(parseLinkHeader(`<${pageUrl(2)}>; rel="next", <${pageUrl(5)}>; rel="last"`)).toEqual({ ok: true, links: { next: pageUrl(2), last: pageUrl(5) } });
    expect(parseLinkHeader('<https://api.github.com/x?page=1>; rel="prev first"')).toEqual({ ok: true, links: { prev: 'https://api.github.com/x?page=1', first: 'https://api.github.com/x?page=1' } });
  });

  it.each(['garbage', '<https://api.github.com/x>', '<not a url>; rel="next"', '<https://a.test/x>; rel="next", junk'])('malformed: %s', (header) => {
    expect(parseLinkHeader(header).ok).toBe(false);
  });

  it('round-trips cursors and rejects tampered ones', () => {
    const c = encodeCursor({ u: pageUrl(2), s: 1 });
    expect(decodeCursor(c)).toEqual({ u: pageUrl(2), s: 1 });
    expect(decodeCursor(Buffer.from('{"u":"x","s":1}').toString('base64url'))).toBeUndefined();
    expect(decodeCursor(Buffer.from(JSON.stringify({ u: pageUrl(2), s: -1 })).toString('base64url'))).toBeUndefined();
  });
});
