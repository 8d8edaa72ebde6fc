import type { ServiceFixture } from '@mosaic/provider-testkit';
import { providerConformanceSuite } from '@mosaic/provider-testkit/vitest';
import { contractHandler, createContractRecorder, createContractValidator, loadGitHubSpec, respondWithExample } from '@mosaic/tools-contract';
import { HttpResponse } from 'msw';
import { OP_CASES } from '../test/op-table.js';
import { createGitHub } from './index.js';

// The @mosaic/provider-testkit conformance suite, against fixtures answered with the examples of
// GitHub's official OpenAPI description (every request is also validated against it; a
// violation is answered 599 and fails the check).
const validator = createContractValidator(loadGitHubSpec());

const inputs: Record<string, unknown> = {};
for (const c of OP_CASES) inputs[c.op] ??= c.input;

const git: ServiceFixture = {
  inputs,
  probe: 'git.getRepository',
  handlers: ({ baseUrl }) => [
    contractHandler(createContractRecorder(validator), {
      baseUrl,
      respond: (input) => {
        if ((input.request.headers.get('accept') ?? '').includes('sha')) {
          return new HttpResponse('6dcb09b5b57875f334f61aebed695e2e4193db5e', { headers: { 'content-type': 'application/vnd.github.sha; charset=utf-8' } });
        }
        return respondWithExample(input);
      },
    }),
  ],
  // GitHub's error body (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api).
  errorBody: (status) => ({ message: `fixture error ${status}`, documentation_url: 'https://docs.github.com/rest', status: String(status) }),
  pagination: {
    operation: 'git.listBranches',
    input: { owner: 'octocat', repo: 'Hello-World' },
    path: '/repos/:owner/:repo/branches',
    pageOf: (request) => Number(new URL(request.url).searchParams.get('page') ?? '1'),
    respond: ({ request, keys, next }) => {
      const url = new URL(request.url);
      const link =
        next === null ? undefined : next === 'malformed' ? '<::not a url::>; rel="next"' : `<${url.origin}${url.pathname}?per_page=2&page=${next}>; rel="next"`;
      return HttpResponse.json(
        keys.map((name) => ({ name, commit: { sha: 'c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc', url: `${url.origin}/repos/octocat/Hello-World/commits/c5b97d5` }, protected: false })),
        link ? { headers: { link } } : {},
      );
    },
  },
};

providerConformanceSuite(({ baseUrl, token, logger, healthTimeoutMs }) => createGitHub({ baseUrl, token, logger, healthTimeoutMs }), { services: { git } });
