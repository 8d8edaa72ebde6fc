import { describe, expect, it } from 'vitest';
import { createSpecGuard, type SpecViolation } from './violations.js';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => async () =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

describe('createSpecGuard', () => {
  it('records a Prism problem+json rejection with its type and validation details', async () => {
    const seen: SpecViolation[] = [];
    const guard = createSpecGuard((v) => seen.push(v));
    const problem = {
      type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
      title: 'Invalid request',
      status: 422,
      detail: 'Your request is not valid and no HTTP validation response was found in the spec, so Prism is generating this error for you.',
      validation: [{ location: ['body', 'private'], severity: 'Error', code: 'type', message: 'must be boolean' }],
    };
    const f = guard.fetchFor('gitea', answer(422, problem, { 'content-type': 'application/problem+json' }) as typeof fetch);
    const res = await f('http://127.0.0.1:1/api/v1/orgs/x/repos?a=1', { method: 'POST' });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual(problem);
    expect(guard.violations).toEqual([
      {
        provider: 'gitea',
        method: 'POST',
        path: '/api/v1/orgs/x/repos?a=1',
        status: 422,
        type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
        title: 'Invalid request',
        details: ['body.private: must be boolean'],
      },
    ]);
    expect(seen).toEqual(guard.violations);
  });

  it('records an sl-violations header on an otherwise successful answer', async () => {
    const guard = createSpecGuard();
    const header = JSON.stringify([{ location: ['request', 'query', 'per_page'], severity: 'Warning', message: 'must be <= 100' }]);
    const f = guard.fetchFor('github', answer(200, { ok: true }, { 'content-type': 'application/json', 'sl-violations': header }) as typeof fetch);
    await f(new Request('http://127.0.0.1:1/repos/a/b/issues?per_page=500'));
    expect(guard.violations).toHaveLength(1);
    expect(guard.violations[0]).toMatchObject({ provider: 'github', method: 'GET', status: 200, details: ['request.query.per_page: must be <= 100'] });
  });

  it('ignores vendor errors that are not Prism problems, and counts requests', async () => {
    const guard = createSpecGuard();
    const f = guard.fetchFor('github', answer(404, { message: 'Not Found' }, { 'content-type': 'application/json' }) as typeof fetch);
    const g = guard.fetchFor('gitea', answer(409, { type: 'about:blank', title: 'conflict' }, { 'content-type': 'application/problem+json' }) as typeof fetch);
    await f('http://127.0.0.1:1/repos/a/b');
    await f('http://127.0.0.1:1/repos/a/b');
    await g('http://127.0.0.1:1/api/v1/repos/a/b', { method: 'DELETE' });
    expect(guard.violations).toEqual([]);
    expect([...guard.requests]).toEqual([
      ['github GET /repos/a/b', 2],
      ['gitea DELETE /api/v1/repos/a/b', 1],
    ]);
  });
});
