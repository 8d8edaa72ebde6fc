import { UnsupportedOperationError } from '@mosaic/orchestrator-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHostApp, publishReleaseNotes } from './app.js';
import { createSandbox } from './sandbox.js';

describe('host app: third-party Quill next to first-party GitHub', () => {
  const { fixture, githubUrl, quillUrl } = createSandbox();
  let app: Awaited<ReturnType<typeof createHostApp>>;
  const served: Array<{ operation: string; provider: string; attempts: number }> = [];

  beforeAll(async () => {
    fixture.listen();
    app = await createHostApp({ github: { baseUrl: githubUrl, token: 'ghp_sandbox0000000000000000000000000000' }, quill: { baseUrl: quillUrl, token: 'quill-sandbox-token-01' } });
    app.on('request:success', (e) => served.push({ operation: e.operation, provider: e.provider, attempts: e.attempts }));
  });
  afterEach(() => {
    served.length = 0;
    fixture.clearFaults();
    fixture.clearRequests();
  });
  afterAll(async () => {
    await app.close();
    fixture.close();
  });

  it('routes git to GitHub and docs to Quill in one workflow', async () => {
    const notes = await publishReleaseNotes(app, { owner: 'octocat', repo: 'Hello-World', spaceId: 'sp_98305' });
    expect(notes).toMatchObject({ repository: 'octocat/Hello-World', pageProvider: 'quill', title: 'Release notes: octocat/Hello-World' });
    expect(notes.commits).toBeGreaterThan(0);
    expect(served.map((s) => `${s.operation}@${s.provider}`)).toEqual([
      'git.getRepository@github',
      'git.listCommits@github',
      'docs.getSpace@quill',
      'docs.createPage@quill',
    ]);
    const quillRequests = fixture.requests.filter((r) => r.pathname.startsWith('/quill/'));
    expect(quillRequests.map((r) => `${r.method} ${r.pathname}`)).toEqual(['GET /quill/api/v1/spaces/sp_98305', 'POST /quill/api/v1/spaces/sp_98305/pages']);
    expect(JSON.parse(quillRequests[1]!.body)).toMatchObject({ title: 'Release notes: octocat/Hello-World', content_type: 'markdown' });
    expect(quillRequests.every((r) => r.headers.authorization === 'Bearer quill-sandbox-token-01')).toBe(true);
    expect(fixture.requests.filter((r) => r.pathname.startsWith('/api/v3/')).every((r) => !r.headers.authorization?.includes('quill'))).toBe(true);
  });

  it('the core retries a Quill 503 on a read (injected with the testkit fixture server)', async () => {
    fixture.inject({ status: 503, retryAfter: 0, times: 1, match: { method: 'GET', path: '/quill/api/v1/spaces/:spaceId' } });
    const space = await app.docs.getSpace({ spaceId: 'sp_98305' });
    expect(space).toMatchObject({ provider: 'quill', id: 'sp_98305', name: 'Engineering' });
    expect(served).toEqual([{ operation: 'docs.getSpace', provider: 'quill', attempts: 2 }]);
    expect(fixture.requests.map((r) => r.answeredBy)).toEqual(['fault', 'handler']);
  });

  it('an operation Quill does not declare fails with UnsupportedOperationError before any request', async () => {
    const error = await app.docs.movePage({ pageId: 'pg_65601', targetParentId: 'pg_65540' }).catch((e: unknown) => e);
    expect(UnsupportedOperationError.isInstance(error)).toBe(true);
    expect(fixture.requests).toHaveLength(0);
  });
});
