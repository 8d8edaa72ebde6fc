import { MosaicError, getOperation, type OperationName, type ServiceType } from '@mosaic/orchestrator-core';
import { http, HttpResponse } from 'msw';
import type { CapturedRequest } from '../fixture-server.js';
import { check, describeError, inputFor, settle, within, withHarness, type Harness, type SuiteSettings } from '../harness.js';
import type { PaginationFixture, TestProviderFactory, ServiceFixture } from '../types.js';
import type { CheckSpec } from './spec.js';

/** Pages served in the happy path, and items per page. */
const PAGES = 3;
const PER_PAGE = 2;
/** More list requests than this in one scenario means the provider loops. */
const MAX_REQUESTS = 12;
/** More `nextCursor` round trips than this means the provider's cursors loop. */
const MAX_CURSOR_CALLS = 8;

type Next = (page: number) => number | null | 'malformed';

function keysOf(page: number): string[] {
  return Array.from({ length: PER_PAGE }, (_, i) => `pgkey-${page}-${i}`);
}

function listHandler(p: PaginationFixture, baseUrl: string, next: Next, counter: { n: number }) {
  const method = (p.method ?? 'GET').toLowerCase() as 'get';
  const path = /^https?:\/\//.test(p.path) ? p.path : `${baseUrl}${p.path}`;
  return http[method](path, async ({ request }) => {
    counter.n++;
    if (counter.n > MAX_REQUESTS * 2) return HttpResponse.json({ message: 'fixture: too many page requests' }, { status: 500 });
    const page = p.pageOf(request);
    return p.respond({ request, page, keys: keysOf(page), next: next(page), baseUrl });
  });
}

/** Calls the list operation and follows `nextCursor`, bounded. */
async function walk(h: Harness, p: PaginationFixture, signal?: AbortSignal): Promise<{ items: unknown[]; calls: number; looped: boolean }> {
  const op = p.operation as OperationName;
  const base = { ...((p.input ?? inputFor(h.service, op)) as Record<string, unknown>) };
  delete base.limit;
  delete base.cursor;
  const items: unknown[] = [];
  let cursor: string | undefined;
  let calls = 0;
  const cursors = new Set<string>();
  do {
    const page = (await h.call(op, cursor ? { ...base, cursor } : base, signal ? { signal } : {})) as { items: unknown[]; nextCursor?: string | null };
    calls++;
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (cursor !== undefined) {
      if (cursors.has(cursor) || calls >= MAX_CURSOR_CALLS) return { items, calls, looped: true };
      cursors.add(cursor);
    }
  } while (cursor !== undefined);
  return { items, calls, looped: false };
}

function countKeys(items: unknown[], keys: string[]): Map<string, number> {
  const counts = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const item of items) {
    const text = JSON.stringify(item);
    for (const k of keys) if (text.includes(`"${k}"`) || text.includes(`${k}"`) || text.includes(`/${k}`)) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function listRequests(h: Harness, p: PaginationFixture): CapturedRequest[] {
  const method = (p.method ?? 'GET').toUpperCase();
  return h.fixture.requests.filter((r) => r.method === method && r.answeredBy !== 'fault' && r.origin === h.fixture.origin);
}

/** Pagination checks of one service type (needs a {@link PaginationFixture}). */
export function paginationSpecs(factory: TestProviderFactory, serviceType: ServiceType, service: ServiceFixture, settings: SuiteSettings): CheckSpec[] {
  const p = service.pagination;
  if (!p) return [];
  const op = getOperation(p.operation);
  const allKeys = Array.from({ length: PAGES }, (_, i) => keysOf(i + 1)).flat();
  const scenario = (next: Next, counter: { n: number }) => ({ extraHandlers: ({ baseUrl }: { baseUrl: string }) => [listHandler(p, baseUrl, next, counter)] });
  return [
    {
      slug: 'every-item',
      name: `${p.operation} returns every item across ${PAGES} pages, each once`,
      run: async () => {
        check(op?.paginated === true, `${p.operation} is not a paginated operation`);
        const counter = { n: 0 };
        await withHarness(factory, serviceType, service, settings, async (h) => {
          const r = await settle(walk(h, p));
          check(r.ok, () => `listing failed: ${describeError(!r.ok ? r.error : undefined)}`);
          if (!r.ok) return;
          check(!r.value.looped, `nextCursor kept coming back after ${r.value.calls} calls`);
          const counts = countKeys(r.value.items, allKeys);
          const missing = [...counts].filter(([, n]) => n === 0).map(([k]) => k);
          const repeated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
          check(missing.length === 0, () => `missing items: ${missing.join(', ')} (got ${r.value.items.length} items in ${r.value.calls} call(s), ${counter.n} page request(s))`);
          check(repeated.length === 0, () => `items returned more than once: ${repeated.join(', ')}`);
          check(r.value.items.length === allKeys.length, `got ${r.value.items.length} items, expected ${allKeys.length}`);
        }, scenario((page) => (page < PAGES ? page + 1 : null), counter));
      },
    },
    {
      slug: 'stops-on-malformed-next',
      name: `${p.operation} stops on a malformed next-page pointer (no loop, no crash)`,
      run: async () => {
        const counter = { n: 0 };
        await withHarness(factory, serviceType, service, settings, async (h) => {
          const r = await within(settle(walk(h, p)), 5000);
          check(r.settled, `listing did not end within 5 s (${counter.n} page requests)`);
          check(counter.n <= MAX_REQUESTS, `sent ${counter.n} page requests after a malformed next pointer`);
          const outcome = r.settled ? r.outcome : undefined;
          if (outcome?.ok && outcome.value.ok) {
            check(!outcome.value.value.looped, 'nextCursor kept coming back');
            const repeated = [...countKeys(outcome.value.value.items, allKeys)].filter(([, n]) => n > 1);
            check(repeated.length === 0, 'items returned more than once');
          } else if (outcome?.ok && !outcome.value.ok) {
            check(MosaicError.isInstance(outcome.value.error), () => `threw ${describeError(outcome.value.ok ? undefined : outcome.value.error)}; a malformed answer must become a Mosaic error, not a crash`);
          }
        }, scenario((page) => (page === 1 ? 'malformed' : null), counter));
      },
    },
    {
      slug: 'stops-on-cycle',
      name: `${p.operation} stops on a cyclic next-page pointer (page 2 links back to page 1)`,
      run: async () => {
        const counter = { n: 0 };
        await withHarness(factory, serviceType, service, settings, async (h) => {
          const r = await within(settle(walk(h, p)), 5000);
          check(r.settled, `listing did not end within 5 s (${counter.n} page requests)`);
          check(counter.n <= MAX_REQUESTS, `sent ${counter.n} page requests for a 2-page cycle: the provider follows next-page pointers without detecting the cycle`);
          const outcome = r.settled ? r.outcome : undefined;
          if (outcome?.ok && outcome.value.ok) {
            check(!outcome.value.value.looped, `nextCursor kept coming back (${outcome.value.value.calls} calls)`);
            const repeated = [...countKeys(outcome.value.value.items, allKeys)].filter(([, n]) => n > 1).map(([k]) => k);
            check(repeated.length === 0, () => `items returned more than once: ${repeated.join(', ')}`);
          } else if (outcome?.ok && !outcome.value.ok) {
            check(MosaicError.isInstance(outcome.value.error), () => `threw ${describeError(outcome.value.ok ? undefined : outcome.value.error)}; a cyclic answer must become a Mosaic error, not a crash`);
          }
          check(listRequests(h, p).length <= MAX_REQUESTS, 'too many list requests');
        }, scenario((page) => (page === 1 ? 2 : 1), counter));
      },
    },
    {
      slug: 'abort-between-pages',
      name: `${p.operation} aborted while page 2 hangs sends no further page request`,
      run: async () => {
        const counter = { n: 0 };
        await withHarness(factory, serviceType, service, settings, async (h) => {
          const pageTwo = h.fixture.waitForRequest((r) => r.index > 0 && listRequests(h, p).length >= 2);
          const controller = new AbortController();
          const pending = walk(h, p, controller.signal);
          pending.catch(() => undefined);
          const seen = await within(pageTwo, 3000);
          check(seen.settled, 'the provider never asked for page 2');
          const hangFrom = h.fixture.requests.length;
          controller.abort(new Error('conformance: caller aborted'));
          const r = await within(pending, settings.abortBudgetMs);
          check(r.settled, `the listing did not settle within ${settings.abortBudgetMs} ms of the abort`);
          check(r.settled && !r.outcome.ok, 'the aborted listing resolved');
          await new Promise((resolve) => setTimeout(resolve, 100));
          const after = h.fixture.requests.slice(hangFrom);
          check(after.length === 0, () => `sent ${after.length} request(s) after the abort: ${after.map((x) => `${x.method} ${x.url}`).join(', ')}`);
        }, {
          extraHandlers: ({ baseUrl }) => [
            listHandler(
              { ...p, respond: async (args) => (args.page >= 2 ? new Promise<Response>(() => undefined) : p.respond(args)) },
              baseUrl,
              (page) => (page < PAGES ? page + 1 : null),
              counter,
            ),
          ],
        });
      },
    },
  ];
}
