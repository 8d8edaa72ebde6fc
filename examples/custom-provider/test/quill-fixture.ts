import { readFileSync } from 'node:fs';
import type { ServiceFixture } from '@mosaic/provider-testkit';
import { http, HttpResponse } from 'msw';
import { parse } from 'yaml';

/** Quill's own API description (this package's openapi.yaml). */
const spec = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, { example?: unknown }> };
};

/** The example of a schema in openapi.yaml, with overrides. */
export function example<T = Record<string, unknown>>(schema: string, overrides: Record<string, unknown> = {}): T {
  const value = spec.components.schemas[schema]?.example;
  if (value === undefined) throw new Error(`openapi.yaml has no example for ${schema}`);
  return { ...(structuredClone(value) as object), ...overrides } as T;
}

const list = (items: unknown[], next: string | null = null) => ({ items, next_cursor: next });

/**
 * Handlers answering every Quill endpoint of openapi.yaml with its documented examples, under
 * `${baseUrl}/api/v1`.
 */
export function quillHandlers(baseUrl: string) {
  const api = `${baseUrl}/api/v1`;
  return [
    http.get(`${api}/health`, () => HttpResponse.json(example('Health'))),
    http.get(`${api}/spaces`, () => HttpResponse.json(example('SpaceList'))),
    http.post(`${api}/spaces`, async ({ request }) => {
      const body = (await request.json()) as { title: string; slug?: string };
      return HttpResponse.json(example('Space', { title: body.title, ...(body.slug ? { slug: body.slug } : {}) }), { status: 201 });
    }),
    http.get(`${api}/spaces/:spaceId`, ({ params }) => HttpResponse.json(example('Space', { uid: params.spaceId }))),
    http.get(`${api}/spaces/:spaceId/pages`, () => HttpResponse.json(list([example('Page')]))),
    http.post(`${api}/spaces/:spaceId/pages`, async ({ request, params }) => {
      const body = (await request.json()) as { title: string; content?: string };
      return HttpResponse.json(example('Page', { uid: 'pg_70200', space_uid: params.spaceId, title: body.title, content: body.content ?? '', revision: 1 }), { status: 201 });
    }),
    http.get(`${api}/pages/:pageId`, ({ params }) => HttpResponse.json(example('Page', { uid: params.pageId }))),
    http.patch(`${api}/pages/:pageId`, async ({ request, params }) => {
      const ifMatch = request.headers.get('if-match');
      if (ifMatch !== null && ifMatch !== '3') return HttpResponse.json({ error: { code: 'conflict', message: 'page changed since revision ' + ifMatch } }, { status: 409 });
      const body = (await request.json()) as { title?: string; content?: string };
      return HttpResponse.json(example('Page', { uid: params.pageId, revision: 4, ...(body.title ? { title: body.title } : {}), ...(body.content ? { content: body.content } : {}) }));
    }),
    http.delete(`${api}/pages/:pageId`, () => new HttpResponse(null, { status: 204 })),
    http.get(`${api}/pages/:pageId/revisions`, () => HttpResponse.json(list([example('Revision'), example('Revision', { id: 'rv_290', revision: 2, note: null })]))),
    http.get(`${api}/search`, () => HttpResponse.json(list([example('SearchHit')]))),
  ];
}

/** The provider-testkit fixture of the Quill docs provider. */
export const quillFixture: ServiceFixture = {
  handlers: ({ baseUrl }) => quillHandlers(baseUrl),
  probe: 'docs.getPage',
  errorBody: (status) => ({ error: { code: `http_${status}`, message: `fixture error ${status}` } }),
  pagination: {
    operation: 'docs.listSpaces',
    path: '/api/v1/spaces',
    // Quill's cursors are opaque; the fixture's are "c<page>".
    pageOf: (request) => Number((new URL(request.url).searchParams.get('cursor') ?? 'c1').slice(1)),
    respond: ({ keys, next }) =>
      HttpResponse.json({
        items: keys.map((key, i) => example('Space', { uid: key, slug: `s${i}`, title: key })),
        next_cursor: next === null ? null : next === 'malformed' ? { page: 2 } : `c${next}`,
      }),
  },
};
