import { GITEA_SPEC, contractHandler, createContractRecorder, createContractValidator, loadSpec, sharedSpecPath, sampleDefinition, sampleResponse } from '@mosaic/tools-contract';
import type { ServiceFixture } from '@mosaic/provider-testkit';
import { providerConformanceSuite } from '@mosaic/provider-testkit/vitest';
import { HttpResponse } from 'msw';
import { describe } from 'vitest';
import { OP_CASES } from '../test/op-table.js';
import { createGitea } from './index.js';

// The @mosaic/provider-testkit conformance suite, against fixtures answered from the official
// Gitea 1.22 swagger (every request is also validated against it; a violation answers 599).
const specPath = sharedSpecPath(GITEA_SPEC);

describe.skipIf(!specPath)('Gitea provider conformance (@mosaic/provider-testkit)', () => {
  const doc = loadSpec(specPath ?? '');
  const validator = createContractValidator(doc);

  const git: ServiceFixture = {
    inputs: Object.fromEntries(OP_CASES.map((c) => [c.op, c.input])),
    probe: 'git.getRepository',
    handlers: ({ baseUrl }) => [
      contractHandler(createContractRecorder(validator), {
        baseUrl: `${baseUrl}/api/v1`,
        respond: ({ request, result }) => {
          const { status, body } = sampleResponse(doc, request.method, result.path ?? '');
          if (body === undefined || status === 204) return new HttpResponse(null, { status });
          return HttpResponse.json(body as never, { status });
        },
      }),
    ],
    errorBody: (status) => ({ message: `fixture error ${status}`, url: 'https://gitea.example/api/swagger' }),
    pagination: {
      operation: 'git.listBranches',
      input: { owner: 'acme', repo: 'svc' },
      path: '/api/v1/repos/:owner/:repo/branches',
      pageOf: (request) => Number(new URL(request.url).searchParams.get('page') ?? '1'),
      respond: ({ request, keys, next }) => {
        const url = new URL(request.url);
        const link =
          next === null ? undefined : next === 'malformed' ? '<::not a url::>; rel="next"' : `<${url.origin}${url.pathname}?page=${next}&limit=2>; rel="next"`;
        return HttpResponse.json(
          keys.map((name) => sampleDefinition(doc, 'Branch', { name, commit: { id: `sha-${name}` } })),
          link ? { headers: { link } } : {},
        );
      },
    },
  };

  providerConformanceSuite(({ baseUrl, token, logger, healthTimeoutMs }) => createGitea({ baseUrl, token, logger, healthTimeoutMs }), { services: { git } });
});
