import { gitOperations } from '@mosaic/orchestrator-core';
import {
  GITLAB_SPEC,
  contractHandler,
  createContractRecorder,
  createContractValidator,
  loadSpec,
  sharedSpecPath,
  type ContractRecorder,
  type ContractResult,
  sampleDefinition,
  sampleResponse,
} from '@mosaic/tools-contract';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OP_CASES } from '../test/op-table.js';
import { createGitLab, GITLAB_OPERATIONS } from './index.js';

const specPath = sharedSpecPath(GITLAB_SPEC);
const BASE = 'https://gitlab.contract.test';
const API = `${BASE}/api/v4`;

/**
 * Requests the provider sends that GitLab's openapi_v2.yaml cannot validate, each checked here
 * as far as the file allows (the integrator's `tools/contract` validates everything else):
 * - merge request notes (`POST .../merge_requests/:iid/notes`) are absent from the file;
 *   https://docs.gitlab.com/api/notes/#create-new-merge-request-note
 * - `POST .../repository/commits` is in the file, but its body schema is the multipart
 *   middleware placeholder `{ file: file }`, not the JSON `branch`/`commit_message`/`actions`
 *   body GitLab documents (https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions):
 *   method, path and query are validated, body errors are expected and checked to be only these.
 */
/**
 * Defects of openapi_v2.yaml itself: for these requests exactly these errors are expected (and
 * required, so a fixed spec makes the test fail and the entry can go). Other errors still fail.
 * - `GET .../repository/branches/{branch}` declares `branch` an integer (the `HEAD` of the same
 *   path declares it a string; branch names are strings).
 * - `POST .../merge_requests/{iid}/approve` declares `id` an integer (every other project path
 *   takes “the ID or URL-encoded path”) and the body required although all its fields are optional;
 *   `POST .../unapprove` declares `id` an integer too.
 */
const SPEC_DEFECTS: Array<{ operationId: string; errors: string[] }> = [
  { operationId: 'getApiV4ProjectsIdRepositoryBranchesBranch', errors: ['path parameter "branch" must be integer'] },
  { operationId: 'postApiV4ProjectsIdMergeRequestsMergeRequestIidApprove', errors: ['path parameter "id" must be integer', 'request body is required'] },
  { operationId: 'postApiV4ProjectsIdMergeRequestsMergeRequestIidUnapprove', errors: ['path parameter "id" must be integer'] },
];
/**
 * List endpoints whose documented 200 response is a single entity instead of an array (another
 * defect of the file); the sample answer wraps it in an array, as GitLab does.
 */
const SINGLE_ENTITY_LISTS = new Set(['getApiV4ProjectsIdIssues']);

function allowedDefect(result: ContractResult): boolean {
  const defect = SPEC_DEFECTS.find((d) => d.operationId === result.operationId);
  return !!defect && result.errors.length > 0 && result.errors.every((e) => defect.errors.includes(e));
}

const NOTES = /\/api\/v4\/projects\/[^/]+\/merge_requests\/\d+\/notes$/;
const COMMITS = /\/api\/v4\/projects\/[^/]+\/repository\/commits$/;

describe.skipIf(!specPath)('GitLab requests follow the official REST v4 spec (openapi_v2.yaml)', () => {
  const doc = loadSpec(specPath ?? '');
  const validator = createContractValidator(doc);
  const recorder: ContractRecorder = createContractRecorder(validator);
  const gapResults: Array<{ kind: 'notes' | 'commits'; result: ContractResult; body: unknown }> = [];

  const server = setupServer(
    http.post(NOTES, async ({ request }) => {
      const body = await request.clone().json();
      gapResults.push({ kind: 'notes', result: await validator.validateFetchRequest(request), body });
      return HttpResponse.json(sampleDefinition(doc, 'API_Entities_Note'), { status: 201 });
    }),
    http.post(COMMITS, async ({ request }) => {
      const body = await request.clone().json();
      gapResults.push({ kind: 'commits', result: await validator.validateFetchRequest(request), body });
      return HttpResponse.json(sampleDefinition(doc, 'API_Entities_CommitDetail'), { status: 201 });
    }),
    // Like tools/contract's `contractHandler`, plus the SPEC_DEFECTS allowance above.
    http.all(`${API}/*`, async ({ request }) => {
      const result = await recorder.check(request);
      if (!result.ok && !allowedDefect(result)) return HttpResponse.json({ message: 'contract violation', errors: result.errors }, { status: 599 });
      const sample = sampleResponse(doc, request.method, result.path ?? '');
      let body = sample.body;
      if (result.operationId && SINGLE_ENTITY_LISTS.has(result.operationId) && !Array.isArray(body)) body = [body];
      // member lookups by username answer with that user, as GitLab's `query` filter would
      const query = new URL(request.url).searchParams.get('query');
      if (query && Array.isArray(body)) body = body.map((m) => ({ ...(m as object), username: query }));
      if (body === undefined || sample.status === 204) return new HttpResponse(null, { status: sample.status });
      return HttpResponse.json(body as never, { status: sample.status });
    }),
  );

  /** Every recorded request is valid, or breaks the spec only where the spec itself is wrong. */
  async function expectConformant(): Promise<void> {
    const results = await recorder.settled();
    const bad = results.filter((r) => !r.ok && !allowedDefect(r));
    expect(bad.map((r) => `${r.method} ${r.url}: ${r.errors.join('; ')}`)).toEqual([]);
  }
  const provider = createGitLab({ baseUrl: BASE, token: 'glpat-contract-token-0001' });

  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  beforeEach(() => {
    recorder.reset();
    gapResults.length = 0;
  });
  afterAll(() => server.close());

  it('covers every operation the provider declares', () => {
    expect(new Set(OP_CASES.map((c) => c.op))).toEqual(new Set(GITLAB_OPERATIONS));
    expect(GITLAB_OPERATIONS).toHaveLength(Object.keys(gitOperations).length);
  });

  it.each(OP_CASES)('$op sends spec-conformant requests and its result parses with the unified schema', async ({ op, method, input }) => {
    const fn = (provider as unknown as Record<string, (i: unknown, o: unknown) => Promise<unknown>>)[method]!;
    const result = await fn.call(provider, input, {});
    const results = await recorder.settled();
    expect(results.length + gapResults.length).toBeGreaterThan(0);
    await expectConformant();
    for (const r of results) expect(r.operationId).toBeTruthy();
    expect(() => (gitOperations as Record<string, { output: { parse(v: unknown): unknown } }>)[op]!.output.parse(result)).not.toThrow();
    expect((result as { provider: string }).provider).toBe('gitlab');
  });

  it('addresses projects by URL-encoded path, with subgroups', async () => {
    await provider.getRepository({ owner: 'acme/platform', repo: 'svc' });
    const [r] = await recorder.settled();
    expect(r!.url).toBe(`${API}/projects/acme%2Fplatform%2Fsvc`);
    expect(r!.pathParams).toEqual({ id: 'acme/platform/svc' });
  });

  it('commits: method, path and query match the spec; the only body errors are the spec’s multipart placeholder', async () => {
    await provider.createCommit({ owner: 'acme', repo: 'svc', branch: 'main', message: 'm', files: [{ path: 'a', content: 'x' }] });
    expect(gapResults).toHaveLength(1);
    const { result, body } = gapResults[0]!;
    expect(result.operationId).toBe('postApiV4ProjectsIdRepositoryCommits');
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) expect(e).toMatch(/body/i);
    expect(body).toEqual({ branch: 'main', commit_message: 'm', actions: [{ action: 'create', file_path: 'a', content: 'x', encoding: 'text' }] });
  });

  it('notes: absent from the spec file (documented GitLab endpoint)', async () => {
    const review = await provider.reviewPullRequest({ owner: 'acme', repo: 'svc', number: 7, event: 'request-changes', body: 'please fix' });
    expect(gapResults.map((g) => g.kind)).toEqual(['notes']);
    expect(gapResults[0]!.result.path).toBeUndefined();
    expect(gapResults[0]!.body).toEqual({ body: 'please fix' });
    await expectConformant(); // the unapprove request is in the spec
    expect(review.state).toBe('changes-requested');
    expect(review.warnings?.[0]).toMatchObject({ type: 'partial', feature: 'request-changes' });
  });

  it('the spec defects allowed above are real (fail once the spec is fixed)', async () => {
    await provider.getBranch({ owner: 'acme', repo: 'svc', branch: 'main' });
    await provider.reviewPullRequest({ owner: 'acme', repo: 'svc', number: 7, event: 'approve' });
    await provider.reviewPullRequest({ owner: 'acme', repo: 'svc', number: 7, event: 'request-changes' });
    const results = await recorder.settled();
    expect(results.map((r) => [r.operationId, r.errors])).toEqual(SPEC_DEFECTS.map((d) => [d.operationId, d.errors]));
  });

  it('catches a request that breaks the spec', () => {
    const bad = validator.validate({
      method: 'POST',
      url: `${API}/projects/acme%2Fsvc/repository/branches`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ branch: 'x' }),
    });
    expect(bad.ok).toBe(false);
    expect(bad.errors.join('\n')).toMatch(/ref/);
    const badEnum = validator.validate({ method: 'GET', url: `${API}/projects/acme%2Fsvc/merge_requests?state=open` });
    expect(badEnum.ok).toBe(false);
  });
});
