import { http, HttpResponse } from 'msw';
import type { ServiceFixture } from '../src/index.js';

const space = (id: number) => ({ id, key: `K${id}`, name: `Space ${id}` });
const page = (id: number) => ({ id, space_id: 98305, title: 'On-call', body: '# On-call' });

/** Fixture of the Notes test API (see notes-provider.ts). */
export const notesFixture: ServiceFixture = {
  inputs: { 'docs.getSpace': { spaceId: '98305' } },
  handlers: ({ baseUrl }) => [
    http.get(`${baseUrl}/api/health`, () => HttpResponse.json({ ok: true })),
    http.get(`${baseUrl}/api/spaces`, () => HttpResponse.json({ data: [space(1), space(2)], next_page: null })),
    http.get(`${baseUrl}/api/spaces/:id`, ({ params }) => HttpResponse.json(space(Number(params.id)))),
    http.get(`${baseUrl}/api/pages/:id`, ({ params }) => HttpResponse.json(page(Number(params.id)))),
    http.post(`${baseUrl}/api/spaces/:id/pages`, () => HttpResponse.json(page(65601), { status: 201 })),
    http.delete(`${baseUrl}/api/pages/:id`, () => new HttpResponse(null, { status: 204 })),
  ],
  pagination: {
    operation: 'docs.listSpaces',
    path: '/api/spaces',
    pageOf: (request) => Number(new URL(request.url).searchParams.get('page') ?? '1'),
    respond: ({ page: n, keys, next }) =>
      HttpResponse.json({
        data: keys.map((key, i) => ({ id: n * 100 + i, key, name: key })),
        next_page: next === 'malformed' ? 'page-two' : next,
      }),
  },
};
