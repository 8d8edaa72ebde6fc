import { GITLAB_SPEC, createContractValidator, loadSpec, sharedSpecPath, sampleDefinition, sampleResponse } from '@mosaic/tools-contract';
import type { ServiceFixture } from '@mosaic/provider-testkit';
import { providerConformanceSuite } from '@mosaic/provider-testkit/vitest';
import { http, HttpResponse } from 'msw';
import { describe } from 'vitest';
import { OP_CASES } from '../test/op-table.js';
import { createGitLab } from './index.js';

// The @mosaic/provider-testkit conformance suite, against fixtures answered from GitLab's
// official REST v4 description (openapi_v2.yaml). Request conformance itself is checked by
// contract.test.ts; here the spec only picks each answer's documented shape.
const specPath = sharedSpecPath(GITLAB_SPEC);

describe.skipIf(!specPath)('GitLab provider conformance (@mosaic/provider-testkit)', () => {
  const doc = loadSpec(specPath ?? '');
  const validator = createContractValidator(doc);
  // List endpoints the file documents as a single entity (a defect of openapi_v2.yaml).
  const singleEntityLists = new Set(['getApiV4ProjectsIdIssues']);

  const git: ServiceFixture = {
    inputs: Object.fromEntries(OP_CASES.map((c) => [c.op, c.input])),
    probe: 'git.getRepository',
    handlers: ({ baseUrl }) => [
      // Absent from / misdescribed in the file (see contract.test.ts): answered with the documented entities.
      http.post(`${baseUrl}/api/v4/projects/:id/merge_requests/:iid/notes`, () => HttpResponse.json(sampleDefinition(doc, 'API_Entities_Note'), { status: 201 })),
      http.post(`${baseUrl}/api/v4/projects/:id/repository/commits`, () => HttpResponse.json(sampleDefinition(doc, 'API_Entities_CommitDetail'), { status: 201 })),
      http.all(`${baseUrl}/api/v4/*`, async ({ request }) => {
        const result = await validator.validateFetchRequest(request);
        if (!result.path) return HttpResponse.json({ message: '404 Not Found' }, { status: 404 });
        const sample = sampleResponse(doc, request.method, result.path);
        let body = sample.body;
        if (result.operationId && singleEntityLists.has(result.operationId) && !Array.isArray(body)) body = [body];
        const query = new URL(request.url).searchParams.get('query');
        if (query && Array.isArray(body)) body = body.map((m) => ({ ...(m as object), username: query }));
        if (body === undefined || sample.status === 204) return new HttpResponse(null, { status: sample.status });
        return HttpResponse.json(body as never, { status: sample.status });
      }),
    ],
    errorBody: (status) => ({ message: `${status} fixture error` }),
    pagination: {
      operation: 'git.listBranches',
      input: { owner: 'acme/platform', repo: 'svc' },
      path: '/api/v4/projects/:id/repository/branches',
      pageOf: (request) => Number(new URL(request.url).searchParams.get('page') ?? '1'),
      // GitLab's offset pagination headers: https://docs.gitlab.com/api/rest/#pagination-link-header
      respond: ({ request, page, keys, next }) => {
        const url = new URL(request.url);
        const headers: Record<string, string> = { 'x-page': String(page), 'x-per-page': '2' };
        if (next === 'malformed') {
          headers['x-next-page'] = 'page-two';
          headers.link = '<::not a url::>; rel="next"';
        } else {
          headers['x-next-page'] = next === null ? '' : String(next);
          if (next !== null) headers.link = `<${url.origin}${url.pathname}?page=${next}&per_page=2>; rel="next"`;
        }
        return HttpResponse.json(keys.map((name) => sampleDefinition(doc, 'API_Entities_Branch', { name })), { headers });
      },
    },
  };

  providerConformanceSuite(({ baseUrl, token, logger, healthTimeoutMs }) => createGitLab({ baseUrl, token, logger, healthTimeoutMs }), { services: { git } });
});
