import { describe, expect, it } from 'vitest';
import { loadGitHubSpec } from './github-spec.js';
import { GITEA_SPEC, GITLAB_SPEC, sharedSpecPath } from './shared-specs.js';
import { loadSpec } from './spec.js';
import { createContractValidator } from './validator.js';

/** A small OpenAPI 3.0 document in the style of the vendors' own (refs, nullable, enums). */
const oas3 = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  servers: [{ url: 'https://api.example.test' }],
  paths: {
    '/repos/{owner}/{repo}': {
      parameters: [{ $ref: '#/components/parameters/owner' }, { $ref: '#/components/parameters/repo' }],
      get: { operationId: 'repos/get', responses: { '200': { description: 'ok', content: { 'application/json': { examples: { default: { value: { id: 1 } } } } } } } },
      patch: {
        operationId: 'repos/update',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/RepoPatch' } } } },
        responses: { '200': { description: 'ok' } },
      },
    },
    '/repos/{owner}/{repo}/pulls': {
      parameters: [{ $ref: '#/components/parameters/owner' }, { $ref: '#/components/parameters/repo' }],
      get: {
        operationId: 'pulls/list',
        parameters: [
          { name: 'state', in: 'query', schema: { type: 'string', enum: ['open', 'closed', 'all'] } },
          { name: 'per_page', in: 'query', schema: { type: 'integer', maximum: 100 } },
          { name: 'since', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
        ],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/repos/{owner}/{repo}/pulls/{pull_number}': {
      parameters: [{ $ref: '#/components/parameters/owner' }, { $ref: '#/components/parameters/repo' }],
      get: { operationId: 'pulls/get', parameters: [{ name: 'pull_number', in: 'path', required: true, schema: { type: 'integer' } }], responses: {} },
    },
    '/repos/{owner}/{repo}/pulls/comments': {
      parameters: [{ $ref: '#/components/parameters/owner' }, { $ref: '#/components/parameters/repo' }],
      get: { operationId: 'pulls/list-comments', responses: {} },
    },
    '/search': {
      get: { operationId: 'search', parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }], responses: {} },
    },
  },
  components: {
    parameters: {
      owner: { name: 'owner', in: 'path', required: true, schema: { type: 'string' } },
      repo: { name: 'repo', in: 'path', required: true, schema: { type: 'string' } },
    },
    schemas: {
      RepoPatch: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          private: { type: 'boolean' },
          description: { type: 'string', nullable: true },
          owner: { $ref: '#/components/schemas/Owner' },
          kind: { type: 'string', enum: ['a', 'b'], nullable: true },
        },
      },
      Owner: { type: 'object', required: ['login'], properties: { login: { type: 'string' } } },
    },
  },
};

/** A small Swagger 2.0 document (basePath, body and formData parameters, x-nullable). */
const swagger2 = {
  swagger: '2.0',
  info: { title: 't', version: '1' },
  basePath: '/api/v1',
  securityDefinitions: { token: { type: 'apiKey', in: 'query', name: 'access_token' } },
  paths: {
    '/repos/{owner}/{repo}/pulls': {
      post: {
        operationId: 'repoCreatePullRequest',
        parameters: [
          { name: 'owner', in: 'path', required: true, type: 'string' },
          { name: 'repo', in: 'path', required: true, type: 'string' },
          { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/CreatePullRequestOption' } },
        ],
        responses: { '201': { description: 'created', examples: { 'application/json': { number: 3 } } } },
      },
      get: {
        operationId: 'repoListPullRequests',
        parameters: [
          { name: 'owner', in: 'path', required: true, type: 'string' },
          { name: 'repo', in: 'path', required: true, type: 'string' },
          { name: 'labels', in: 'query', type: 'array', items: { type: 'integer' }, collectionFormat: 'multi' },
          { name: 'page', in: 'query', type: 'integer' },
        ],
        responses: {},
      },
    },
    '/projects/{id}/files': {
      post: {
        operationId: 'postFile',
        parameters: [
          { name: 'id', in: 'path', required: true, type: 'string' },
          { name: 'branch', in: 'formData', required: true, type: 'string' },
          { name: 'count', in: 'formData', type: 'integer' },
        ],
        responses: {},
      },
    },
  },
  definitions: {
    CreatePullRequestOption: {
      type: 'object',
      properties: { title: { type: 'string' }, head: { type: 'string' }, base: { type: 'string' }, milestone: { type: 'integer', 'x-nullable': true } },
    },
  },
};

describe('createContractValidator: OpenAPI 3', () => {
  const v = createContractValidator(oas3);

  it('accepts a conforming request and names the operation', () => {
    const r = v.validate({ method: 'GET', url: 'https://api.example.test/repos/octo/hello/pulls?state=open&per_page=30&since=2024-01-01T00:00:00Z' });
    expect(r).toMatchObject({ ok: true, operationId: 'pulls/list', path: '/repos/{owner}/{repo}/pulls', pathParams: { owner: 'octo', repo: 'hello' }, errors: [] });
  });

  it('catches an unknown path', () => {
    const r = v.validate({ method: 'GET', url: '/repos/octo/hello/nope' });
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatch(/no path .* matches GET \/repos\/octo\/hello\/nope/);
  });

  it('catches a method the path does not define', () => {
    const r = v.validate({ method: 'DELETE', url: '/repos/octo/hello' });
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toContain('method DELETE is not defined for /repos/{owner}/{repo} (defined: GET, PATCH)');
  });

  it('catches a missing required query parameter', () => {
    const r = v.validate({ method: 'GET', url: '/search' });
    expect(r.errors).toEqual(['query parameter "q" is required']);
  });

  it('catches query parameters of the wrong type, enum or format, and unknown ones', () => {
    const r = v.validate({ method: 'GET', url: '/repos/o/r/pulls?state=merged&per_page=many&since=yesterday&sort=x' });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"state" must be one of ["open","closed","all"]'),
        expect.stringContaining('"per_page" must be integer'),
        expect.stringContaining('"since" must match format "date-time"'),
        'query parameter "sort" is not defined for GET /repos/{owner}/{repo}/pulls',
      ]),
    );
    expect(v.validate({ method: 'GET', url: '/repos/o/r/pulls?per_page=500' }).errors[0]).toContain('must be <= 100');
  });

  it('catches a path parameter of the wrong type and prefers literal segments', () => {
    expect(v.validate({ method: 'GET', url: '/repos/o/r/pulls/abc' }).ok).toBe(false);
    expect(v.validate({ method: 'GET', url: '/repos/o/r/pulls/12' }).operationId).toBe('pulls/get');
    expect(v.validate({ method: 'GET', url: '/repos/o/r/pulls/comments' }).operationId).toBe('pulls/list-comments');
  });

  it('validates JSON bodies through $refs, with nullable and unknown-property checks', () => {
    const good = v.validate({ method: 'PATCH', url: '/repos/o/r', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'n', description: null, kind: null, owner: { login: 'x' } }) });
    expect(good.errors).toEqual([]);
    const bad = v.validate({ method: 'PATCH', url: '/repos/o/r', body: { private: 'yes', owner: {}, kind: 'c', extra: 1 } });
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        'body at /private must be boolean',
        "body at /owner must have required property 'login'",
        expect.stringContaining('body at /kind must be one of'),
        'body property "extra" is not defined by the schema',
      ]),
    );
  });

  it('requires a required body and rejects a body where none is defined', () => {
    expect(v.validate({ method: 'PATCH', url: '/repos/o/r' }).errors).toEqual(['request body is required']);
    expect(v.validate({ method: 'GET', url: '/repos/o/r', body: '{"a":1}' }).errors[0]).toContain('takes no request body');
    expect(v.validate({ method: 'PATCH', url: '/repos/o/r', headers: { 'content-type': 'application/json' }, body: '{oops' }).errors).toContain('request body is not valid JSON');
  });

  it('returns documented examples', () => {
    expect(v.responseExample('repos/get')).toEqual({ id: 1 });
    expect(v.responseExample({ method: 'GET', path: '/repos/{owner}/{repo}' })).toEqual({ id: 1 });
    expect(v.responseExample('pulls/get')).toBeUndefined();
    expect(v.successResponse('repos/get')).toEqual({ status: 200, body: { id: 1 } });
    expect(v.successResponse('repos/update')).toEqual({ status: 200 });
    expect(v.successResponse('pulls/get')).toBeUndefined();
  });
});

describe('createContractValidator: Swagger 2.0', () => {
  const v = createContractValidator(swagger2);

  it('strips basePath, validates in: body through definitions and x-nullable', () => {
    expect(v.validate({ method: 'POST', url: 'http://h/api/v1/repos/o/r/pulls', body: { title: 't', head: 'a', base: 'b', milestone: null } }).errors).toEqual([]);
    expect(v.validate({ method: 'POST', url: 'http://h/api/v1/repos/o/r/pulls', body: { title: 1 } }).errors).toEqual(['body at /title must be string']);
    expect(v.validate({ method: 'POST', url: 'http://h/api/v1/repos/o/r/pulls' }).errors).toEqual(['request body is required']);
    expect(v.validate({ method: 'POST', url: 'http://h/repos/o/r/pulls/x' }).ok).toBe(false);
  });

  it('handles multi arrays, and security query parameters are allowed', () => {
    expect(v.validate({ method: 'GET', url: 'http://h/api/v1/repos/o/r/pulls?labels=1&labels=2&page=2&access_token=t' }).ok).toBe(true);
    expect(v.validate({ method: 'GET', url: 'http://h/api/v1/repos/o/r/pulls?labels=1&labels=x' }).errors).toEqual(['query parameter "labels" at /1 must be integer']);
  });

  it('validates formData fields from urlencoded and JSON bodies', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(v.validate({ method: 'POST', url: '/api/v1/projects/a%2Fb/files', headers: form, body: 'branch=main&count=3' })).toMatchObject({ ok: true, pathParams: { id: 'a/b' } });
    expect(v.validate({ method: 'POST', url: '/api/v1/projects/1/files', headers: form, body: 'count=x' }).errors).toEqual(
      expect.arrayContaining(["body must have required property 'branch'", 'body at /count must be integer']),
    );
    expect(v.validate({ method: 'POST', url: '/api/v1/projects/1/files', body: { branch: 'main', color: 'red' } }).errors).toEqual(['body property "color" is not defined by the schema']);
  });

  it('returns Swagger examples', () => {
    expect(v.responseExample('repoCreatePullRequest')).toEqual({ number: 3 });
    expect(v.successResponse('repoCreatePullRequest')).toEqual({ status: 201, body: { number: 3 } });
  });

  it('loadSpec rejects documents that are neither Swagger 2.0 nor OpenAPI 3', () => {
    expect(() => loadSpec({ paths: {} })).toThrow(/neither Swagger 2.0 nor OpenAPI 3/);
  });
});

describe('vendor documents', () => {
  it('GitHub (@octokit/openapi subset): accepts real octokit-shaped requests, catches violations', () => {
    const v = createContractValidator(loadGitHubSpec());
    expect(v.validate({ method: 'DELETE', url: 'https://api.github.com/repos/o/r/git/refs/heads%2Ffeature' }).operationId).toBe('git/delete-ref');
    expect(v.validate({ method: 'PUT', url: 'https://api.github.com/repos/o/r/contents/docs%2Fa.md', body: { message: 'm', content: 'YQ==' } }).ok).toBe(true);
    expect(v.validate({ method: 'PATCH', url: 'https://api.github.com/repos/o/r', body: { private: 'yes' } }).errors).toEqual(['body at /private must be boolean']);
    expect(v.validate({ method: 'GET', url: 'https://api.github.com/repos/o/r/pulls?state=merged' }).ok).toBe(false);
    expect(v.responseExample('repos/get')).toMatchObject({ full_name: 'octocat/Hello-World' });
  });

  it('GHES base path is stripped when configured', () => {
    const v = createContractValidator(loadGitHubSpec(), { basePath: '/api/v3' });
    expect(v.validate({ method: 'GET', url: 'https://ghe.example.test/api/v3/repos/o/r' }).operationId).toBe('repos/get');
  });

  const gitea = sharedSpecPath(GITEA_SPEC);
  it.skipIf(!gitea)('Gitea 1.22 (Swagger 2.0, basePath /api/v1)', () => {
    const v = createContractValidator(gitea!);
    expect(v.validate({ method: 'POST', url: 'https://gitea.test/api/v1/repos/o/r/pulls', body: { title: 't', head: 'a', base: 'b' } }).operationId).toBe('repoCreatePullRequest');
    expect(v.validate({ method: 'GET', url: 'https://gitea.test/api/v1/repos/o/r/pulls?state=merged' }).ok).toBe(false);
  });

  const gitlab = sharedSpecPath(GITLAB_SPEC);
  it.skipIf(!gitlab)('GitLab v4 (Swagger 2.0 YAML, paths spell /api/v4, encoded project path)', () => {
    const v = createContractValidator(gitlab!);
    const ok = v.validate({ method: 'GET', url: 'https://gitlab.com/api/v4/projects/group%2Fname/merge_requests?state=opened&per_page=20' });
    expect(ok).toMatchObject({ ok: true, pathParams: { id: 'group/name' } });
    expect(v.validate({ method: 'POST', url: 'https://gitlab.com/api/v4/projects/1/merge_requests', body: { source_branch: 'a', target_branch: 'b', title: 3 } }).errors).toEqual([
      'body at /title must be string',
    ]);
  }, 60_000);
});
