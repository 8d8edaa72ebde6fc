import { listOperations, operations } from '@mosaic/orchestrator-core';
import {
  contractHandler,
  createContractRecorder,
  createContractValidator,
  loadGitHubSpec,
  respondWithExample,
  type ContractResponderInput,
} from '@mosaic/tools-contract';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OP_CASES as table, repo } from '../test/op-table.js';
import { API, callOp, testProvider } from '../test/support.js';
import { GITHUB_GIT_OPERATIONS } from './index.js';

// Every request the provider sends is checked against GitHub's official OpenAPI description
// (@octokit/openapi, api.github.com), and answered with that description's own examples.
const validator = createContractValidator(loadGitHubSpec());
const recorder = createContractRecorder(validator);

/** Answers with the spec's documented success example; a plain sha for the `sha` media type (GET commits/{ref}). */
function exampleResponder() {
  return (input: ContractResponderInput) => {
    if ((input.request.headers.get('accept') ?? '').includes('sha')) {
      return new HttpResponse('6dcb09b5b57875f334f61aebed695e2e4193db5e', { status: 200, headers: { 'content-type': 'application/vnd.github.sha; charset=utf-8' } });
    }
    return respondWithExample(input);
  };
}

const server = setupServer(contractHandler(recorder, { baseUrl: API, respond: exampleResponder() }));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => recorder.reset());
afterAll(() => server.close());

describe('contract: every git operation against the official GitHub OpenAPI description', () => {
  it('the table covers all 36 git operations and the provider declares exactly them', () => {
    const all = listOperations('git').map((o) => o.name).sort();
    expect(all).toHaveLength(36);
    expect([...new Set(table.map((t) => t.op))].sort()).toEqual(all);
    expect([...GITHUB_GIT_OPERATIONS].sort()).toEqual(all);
    expect([...testProvider().capabilities.operations].sort()).toEqual(all);
  });

  it.each(table.map((t) => [t.label ? `${t.op} (${t.label})` : t.op, t] as const))('%s sends only spec-conforming requests and maps the spec example', async (_name, t) => {
    const provider = testProvider({ etagCacheSize: 0 });
    const result = await callOp(provider, t.op, t.input as never);
    await recorder.expectNoViolations();
    expect(recorder.results.map((r) => r.operationId)).toEqual(t.github);
    expect((result as { provider: string }).provider).toBe('github');
    // the output schema parse in callOp already proved the unified model valid
    expect(operations[t.op].output.safeParse(result).success).toBe(true);
  });

  it('mapped values come from the example (getRepository, getPullRequest)', async () => {
    const provider = testProvider();
    const r = await callOp(provider, 'git.getRepository', repo);
    expect(r).toMatchObject({ id: '1296269', owner: 'octocat', name: 'Hello-World', fullName: 'octocat/Hello-World', defaultBranch: 'master' });
    const pr = await callOp(provider, 'git.getPullRequest', { ...repo, number: 1347 });
    // GitHub's example has state "open" and a merged_at: the unified model calls that merged.
    expect(pr).toMatchObject({ number: 1347, state: 'merged', merged: true, head: { ref: 'new-topic' }, base: { ref: 'master' }, author: { login: 'octocat' } });
  });

  it('vendor extras (enablePages, createRelease) conform too', async () => {
    const provider = testProvider();
    const pages = await provider.enablePages('octocat', 'Hello-World', { branch: 'main', path: '/docs' });
    const release = await provider.createRelease('octocat', 'Hello-World', { tagName: 'v1.0.0', name: 'v1', body: 'notes', draft: false, prerelease: false, generateReleaseNotes: true });
    await recorder.expectNoViolations();
    expect(recorder.results.map((r) => r.operationId)).toEqual(['repos/create-pages-site', 'repos/create-release']);
    expect(pages).toHaveProperty('html_url');
    expect(release).toHaveProperty('tag_name', 'v1.0.0');
  });

  it('a request that breaks the spec is caught (the check can fail)', async () => {
    const provider = testProvider();
    // State `merged` is not a valid value of GET /repos/{owner}/{repo}/pulls?state=
    await expect(provider.octokit.request('GET /repos/{owner}/{repo}/pulls', { owner: 'o', repo: 'r', state: 'merged' as never })).rejects.toMatchObject({ status: 599 });
    await expect(recorder.expectNoViolations()).rejects.toThrow(/query parameter "state" must be one of/);
    recorder.reset();
    await expect(provider.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}', { owner: 'o', repo: 'r', pull_number: 1 } as never)).rejects.toMatchObject({ status: 599 });
    await expect(recorder.expectNoViolations()).rejects.toThrow(/method POST is not defined/);
  });
});

describe('contract: GitHub Enterprise Cloud description (internal visibility)', () => {
  it('createRepository with visibility internal conforms to the ghec document', async () => {
    const ghec = createContractRecorder(createContractValidator(loadGitHubSpec({ variant: 'ghec', paths: ['/orgs/{org}/repos'] })));
    server.use(contractHandler(ghec, { baseUrl: API, respond: exampleResponder() }));
    const r = await callOp(testProvider(), 'git.createRepository', { owner: 'octo-org', name: 'svc', visibility: 'internal' });
    await ghec.expectNoViolations();
    expect(ghec.results.map((x) => x.operationId)).toEqual(['repos/create-in-org']);
    expect(r.provider).toBe('github');
    server.resetHandlers();
  }, 60_000);
});
