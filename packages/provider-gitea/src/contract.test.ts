import { gitOperations } from '@mosaic/orchestrator-core';
import {
  GITEA_SPEC,
  contractHandler,
  createContractRecorder,
  createContractValidator,
  loadSpec,
  sharedSpecPath,
  type ContractRecorder,
  sampleResponse,
} from '@mosaic/tools-contract';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OP_CASES } from '../test/op-table.js';
import { createGitea, GITEA_OPERATIONS } from './index.js';

const specPath = sharedSpecPath(GITEA_SPEC);
const BASE = 'https://gitea.contract.test';

describe.skipIf(!specPath)('Gitea requests follow the official Gitea 1.22 swagger', () => {
  const doc = loadSpec(specPath ?? '');
  const validator = createContractValidator(doc);
  const recorder: ContractRecorder = createContractRecorder(validator);
  const server = setupServer(
    contractHandler(recorder, {
      baseUrl: `${BASE}/api/v1`,
      respond: ({ request, result }) => {
        const { status, body } = sampleResponse(doc, request.method, result.path ?? '');
        if (body === undefined || status === 204) return new HttpResponse(null, { status });
        return HttpResponse.json(body as never, { status });
      },
    }),
  );
  const provider = createGitea({ baseUrl: BASE, token: 'contract-token-0001' });

  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  beforeEach(() => recorder.reset());
  afterAll(() => server.close());

  it('covers every operation the provider declares', () => {
    expect(new Set(OP_CASES.map((c) => c.op))).toEqual(new Set(GITEA_OPERATIONS));
    expect(GITEA_OPERATIONS).toHaveLength(Object.keys(gitOperations).length);
  });

  it.each(OP_CASES)('$op sends spec-conformant requests and its result parses with the unified schema', async ({ op, method, input }) => {
    const fn = (provider as unknown as Record<string, (i: unknown, o: unknown) => Promise<unknown>>)[method]!;
    const result = await fn.call(provider, input, {});
    const results = await recorder.settled();
    expect(results.length).toBeGreaterThan(0);
    await recorder.expectNoViolations();
    expect(() => (gitOperations as Record<string, { output: { parse(v: unknown): unknown } }>)[op]!.output.parse(result)).not.toThrow();
    expect((result as { provider: string }).provider).toBe('gitea');
  });

  it('sends the documented token header on every request', async () => {
    await provider.getRepository({ owner: 'acme', repo: 'svc' });
    const results = await recorder.settled();
    expect(results).toHaveLength(1);
    expect(results[0]!.ok).toBe(true);
  });

  it('catches a request that breaks the spec', () => {
    const bad = validator.validate({
      method: 'POST',
      url: `${BASE}/api/v1/repos/acme/svc/branches`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ new_branch_name: 5, not_a_field: true }),
    });
    expect(bad.ok).toBe(false);
    expect(bad.errors.length).toBeGreaterThan(0);
    const wrongMethod = validator.validate({ method: 'PUT', url: `${BASE}/api/v1/repos/acme/svc/tags` });
    expect(wrongMethod.ok).toBe(false);
  });

  it('a wrong request sent through the client is caught and recorded', async () => {
    const { GiteaClient } = await import('./index.js');
    const client = new GiteaClient({ baseUrl: BASE, getToken: () => 'contract-token-0001', providerId: 'gitea' });
    const error = await client.request({ method: 'POST', path: '/repos/acme/svc/tags', body: { tag: 'v1' } }).catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(599);
    await recorder.settled();
    expect(recorder.violations).toHaveLength(1);
    expect(recorder.violations[0]!.errors.join('\n')).toMatch(/tag_name|tag/);
  });

  it('the extras also follow the spec', async () => {
    await provider.mirrorRepository({ cloneAddr: 'https://github.com/a/b.git', repoName: 'b', owner: 'acme', lfs: true, mirrorInterval: '8h0m0s' });
    await provider.createOrganization({ name: 'neworg', fullName: 'New Org', visibility: 'limited' });
    const results = await recorder.settled();
    expect(results.map((r) => r.path)).toEqual(['/repos/migrate', '/orgs']);
    await recorder.expectNoViolations();
  });
});
