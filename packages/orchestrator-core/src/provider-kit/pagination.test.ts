import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.js';
import { ProviderCallError } from '../errors/index.js';
import { collectPages, decodePageCursor, encodePageCursor, nextPageFromLink, type FetchedPage } from './pagination.js';

type Item = { id: number };

/** A server of `total` items numbered from 1, `perPage` a page, with a Link-style next page. */
function pagedServer(total: number, opts: { withTotal?: boolean; noNext?: boolean } = {}) {
  const calls: Array<[number, number]> = [];
  const fetchPage = async (page: number, perPage: number): Promise<FetchedPage<Item>> => {
    calls.push([page, perPage]);
    const from = (page - 1) * perPage;
    const items = Array.from({ length: Math.max(0, Math.min(perPage, total - from)) }, (_, i) => ({ id: from + i + 1 }));
    const nextPage = opts.noNext ? undefined : from + perPage < total ? page + 1 : null;
    return { items, nextPage, ...(opts.withTotal ? { totalCount: total } : {}) };
  };
  return { calls, fetchPage };
}

const base = { provider: 'p', operation: 'git.listThings', map: (i: Item) => i.id, key: (i: Item) => String(i.id) };

describe('collectPages', () => {
  it('collects across pages up to the limit and resumes from the cursor mid-page without loss or repeats', async () => {
    const server = pagedServer(12);
    const first = await collectPages({ ...base, pageSize: 5, maxPages: 10, limit: 7, fetchPage: server.fetchPage });
    expect(first.items).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(first.provider).toBe('p');
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(decodePageCursor(first.nextCursor as string, 'x')).toEqual({ page: 2, perPage: 5, skip: 2 });
    const second = await collectPages({ ...base, pageSize: 5, maxPages: 10, limit: 100, cursor: first.nextCursor as string, fetchPage: server.fetchPage });
    expect(second.items).toEqual([8, 9, 10, 11, 12]);
    expect(second.nextCursor).toBeNull();
    expect(server.calls).toEqual([[1, 5], [2, 5], [2, 5], [3, 5]]);
  });

  it('asks for min(pageSize, limit) items a page and points the cursor at the next page after a full one', async () => {
    const server = pagedServer(10);
    const page = await collectPages({ ...base, pageSize: 50, maxPages: 10, limit: 3, fetchPage: server.fetchPage });
    expect(server.calls).toEqual([[1, 3]]);
    expect(decodePageCursor(page.nextCursor as string, 'x')).toEqual({ page: 2, perPage: 3, skip: 0 });
  });

  it('reports totalCount unless items are filtered, and drops items map returns undefined for', async () => {
    const server = pagedServer(4, { withTotal: true });
    const all = await collectPages({ ...base, pageSize: 2, maxPages: 10, fetchPage: server.fetchPage });
    expect(all).toMatchObject({ items: [1, 2, 3, 4], totalCount: 4, nextCursor: null });
    const odd = await collectPages({ ...base, pageSize: 2, maxPages: 10, filtered: true, map: (i: Item) => (i.id % 2 ? i.id : undefined), fetchPage: server.fetchPage });
    expect(odd.items).toEqual([1, 3]);
    expect(odd).not.toHaveProperty('totalCount');
  });

  it('stops at the stopAt item without fetching further pages', async () => {
    const server = pagedServer(20);
    const page = await collectPages({ ...base, pageSize: 5, maxPages: 10, stopAt: (i: Item) => i.id === 8, fetchPage: server.fetchPage });
    expect(page.items).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(page.nextCursor).toBeNull();
    expect(server.calls).toHaveLength(2);
  });

  it('without a next-page signal treats a full page as "more" and a short one as the end; totalCount ends early', async () => {
    const server = pagedServer(6, { noNext: true });
    const page = await collectPages({ ...base, pageSize: 3, maxPages: 10, fetchPage: server.fetchPage });
    expect(page.items).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.calls.map(([p]) => p)).toEqual([1, 2, 3]);
    const counted = pagedServer(6, { noNext: true, withTotal: true });
    await collectPages({ ...base, pageSize: 3, maxPages: 10, fetchPage: counted.fetchPage });
    expect(counted.calls.map(([p]) => p)).toEqual([1, 2]);
  });

  it('attaches warnings only when there are some', async () => {
    const server = pagedServer(1);
    const warned = await collectPages({ ...base, pageSize: 3, maxPages: 10, warnings: [{ type: 'unsupported', feature: 'f', message: 'm' }], fetchPage: server.fetchPage });
    expect(warned.warnings).toEqual([{ type: 'unsupported', feature: 'f', message: 'm' }]);
    const plain = await collectPages({ ...base, pageSize: 3, maxPages: 10, warnings: [], fetchPage: server.fetchPage });
    expect(plain).not.toHaveProperty('warnings');
  });

  describe('malformed pagination ends in a non-retryable ProviderCallError', () => {
    const expectMalformed = async (fetchPage: (page: number, perPage: number) => Promise<FetchedPage<Item>>, pattern: RegExp, maxPages = 50) => {
      const error = await collectPages({ ...base, pageSize: 2, maxPages, fetchPage }).catch((e: unknown) => e);
      expect(ProviderCallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ category: 'unknown', isRetryable: false, provider: 'p' });
      expect((error as Error).message).toMatch(pattern);
    };

    it('a next page that does not follow the current one', async () => {
      await expectMalformed(async () => ({ items: [{ id: 1 }, { id: 2 }], nextPage: 1 }), /next page 1 does not follow page 1/);
    });
    it('a next link without a usable page number', async () => {
      await expectMalformed(async () => ({ items: [{ id: 1 }, { id: 2 }], nextPage: Number.NaN }), /does not follow/);
    });
    it('the same page content served twice', async () => {
      await expectMalformed(async (page) => ({ items: [{ id: 1 }, { id: 2 }], nextPage: page + 1 }), /page 2 repeats the previous page/);
    });
    it('too many empty pages that announce more', async () => {
      await expectMalformed(async (page) => ({ items: [], nextPage: page + 1 }), /4 empty pages in a row/);
    });
    it('more than maxPages pages', async () => {
      await expectMalformed(async (page) => ({ items: [{ id: page * 2 - 1 }, { id: page * 2 }], nextPage: page + 1 }), /more than 3 pages in one call/, 3);
    });
  });
});

describe('page cursors', () => {
  it('round-trip and are opaque base64url', () => {
    const cursor = encodePageCursor({ page: 4, perPage: 50, skip: 7 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageCursor(cursor, 'op')).toEqual({ page: 4, perPage: 50, skip: 7 });
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['wrong version', Buffer.from(JSON.stringify({ v: 2, p: 1, n: 1, s: 0 })).toString('base64url')],
    ['page 0', Buffer.from(JSON.stringify({ v: 1, p: 0, n: 1, s: 0 })).toString('base64url')],
    ['negative skip', Buffer.from(JSON.stringify({ v: 1, p: 1, n: 1, s: -1 })).toString('base64url')],
  ])('rejects %s with InvalidArgumentError', (_name, cursor) => {
    expect(() => decodePageCursor(cursor, 'git.listThings')).toThrow(InvalidArgumentError);
  });
});

describe('nextPageFromLink', () => {
  it('reads the page of the rel="next" link', () => {
    const link = '<https://h/api?page=1&per_page=2>; rel="prev", <https://h/api?page=3&per_page=2>; rel="next", <https://h/api?page=9>; rel="last"';
    expect(nextPageFromLink(link)).toBe(3);
  });
  it('accepts unquoted and multi-valued rel', () => {
    expect(nextPageFromLink('<https://h/api?page=5>; rel=next')).toBe(5);
    expect(nextPageFromLink('<https://h/api?page=6>; rel="last next"')).toBe(6);
  });
  it('is null without a next link, undefined without a header, NaN for a next link without a page', () => {
    expect(nextPageFromLink('<https://h/api?page=1>; rel="first"')).toBeNull();
    expect(nextPageFromLink(null)).toBeUndefined();
    expect(nextPageFromLink('<https://h/api?cursor=abc>; rel="next"')).toBeNaN();
  });
});
