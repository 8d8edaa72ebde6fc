import type { ServiceFixture } from '@mosaic/provider-testkit';
import { providerConformanceSuite } from '@mosaic/provider-testkit/vitest';
import { contractHandler, createContractRecorder, createContractValidator, loadGitHubSpec, respondWithExample } from '@mosaic/tools-contract';
import { HttpResponse } from 'msw';
import { describe } from 'vitest';
import { createGitHub } from './index.js';

// The @mosaic/provider-testkit conformance suite. Requests are validated against GitHub's
// official OpenAPI description (@octokit/openapi) and answered with its documented examples.
describe('GitHub provider conformance (@mosaic/provider-testkit)', () => {
  const validator = createContractValidator(loadGitHubSpec());

  const git: ServiceFixture = {
    probe: 'git.getRepository',
    inputs: {
      'git.getRepository': { owner: 'octocat', repo: 'Hello-World' },
      'git.listRepositories': { owner: 'octo-org' },
    },
    handlers: ({ baseUrl }) => [
      contractHandler(createContractRecorder(validator), {
        baseUrl,
        respond: (input) => {
          // GET /repos/{owner}/{repo}/commits/{ref} with the sha media type answers a bare sha.
          if ((input.request.headers.get('accept') ?? '').includes('sha')) {
            return new HttpResponse('6dcb09b5b57875f334f61aebed695e2e4193db5e', { status: 200, headers: { 'content-type': 'application/vnd.github.sha; charset=utf-8' } });
          }
          return respondWithExample(input);
        },
      }),
    ],
    errorBody: (status) => ({ message: `fixture error ${status}`, documentation_url: 'https://docs.github.com/rest' }),
    pagination: {
      operation: 'git.listBranches',
      input: { owner: 'octocat', repo: 'Hello-World' },
      path: '/repos/:owner/:repo/branches',
      pageOf: (request) => Number(new URL(request.url).searchParams.get('page') ?? '1'),
      respond: ({ request, keys, next }) => {
        const url = new URL(request.url);
        const link = next === null ? undefined : next === 'malformed' ? '<::not a url::>; rel="next"' : `<${url.origin}${url.pathname}?per_page=2&page=${next}>; rel="next"`;
        // Shape of GitHub's "Short Branch" (repos/list-branches example).
        const body = keys.map((name) => ({ name, commit: { sha: `c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc`, url: `${url.origin}/repos/octocat/Hello-World/commits/c5b97d5` }, protected: false }));
        return HttpResponse.json(body, link ? { headers: { link } } : {});
      },
    },
  };

  // GitHub has no separate health-check timeout: every request, the health check's included, is
  // bounded by `timeoutMs` (default 30 s), so that is where the kit's health budget goes.
  providerConformanceSuite(
    ({ baseUrl, token, logger, healthTimeoutMs }) => createGitHub({ baseUrl, token, logger, timeoutMs: healthTimeoutMs }),
    { services: { git } },
  );
});
