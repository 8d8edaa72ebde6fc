import { describe, expect, it } from 'vitest';
import { dropInvalidExamples } from './examples.js';
import { addGitHubMediaTypeAliases, dropLinkHeaders, githubSandboxFetch } from './specs.js';

const repoSchema = { type: 'object', required: ['id', 'language'], properties: { id: { type: 'integer' }, language: { type: 'string', nullable: true } } };

function doc() {
  return {
    openapi: '3.0.3',
    paths: {
      '/repos/{owner}/{repo}': {
        get: {
          responses: {
            '200': {
              headers: { Link: { example: '<https://api.github.com/resource?page=2>; rel="next"', schema: { type: 'string' } } },
              content: {
                'application/json': {
                  schema: repoSchema,
                  examples: { good: { value: { id: 1, language: null } }, bad: { value: { id: 2 } } },
                },
                'application/vnd.github.sha': { schema: { type: 'string' }, example: 'abc' },
              },
            },
          },
        },
      },
    },
  };
}

describe('served-copy adaptations', () => {
  it('dropInvalidExamples removes only the examples that break their schema', () => {
    const d = doc();
    const defects = dropInvalidExamples(d as never);
    expect(defects).toEqual([{ where: 'GET /repos/{owner}/{repo} 200 application/json (example "bad")', problems: ["(body) must have required property 'language'"] }]);
    const media = d.paths['/repos/{owner}/{repo}'].get.responses['200'].content['application/json'];
    expect(Object.keys(media.examples)).toEqual(['good']);
  });

  it('addGitHubMediaTypeAliases lists the versioned vendor media types next to the originals', () => {
    const d = doc();
    addGitHubMediaTypeAliases(d as never);
    const content = d.paths['/repos/{owner}/{repo}'].get.responses['200'].content as Record<string, unknown>;
    expect(Object.keys(content).sort()).toEqual(
      ['application/json', 'application/vnd.github+json', 'application/vnd.github.sha', 'application/vnd.github.v3+json', 'application/vnd.github.v3.sha'].sort(),
    );
    expect(content['application/vnd.github.v3+json']).toBe(content['application/json']);
  });

  it('dropLinkHeaders removes Link header definitions', () => {
    const d = doc();
    dropLinkHeaders(d as never);
    expect(d.paths['/repos/{owner}/{repo}'].get.responses['200'].headers).toEqual({});
  });

  it('githubSandboxFetch answers with the Content-Type GitHub uses, body and status unchanged', async () => {
    const inner = async (input: unknown) =>
      String(input).endsWith('/sha')
        ? new Response('ac3282a2725be3b1d4979169a7a311c89066af1c', { status: 200, headers: { 'content-type': 'application/vnd.github.v3.sha' } })
        : new Response('{"id":1}', { status: 201, headers: { 'content-type': 'application/vnd.github.v3+json', 'x-extra': '1' } });
    const f = githubSandboxFetch(inner as typeof fetch);
    const json = await f('http://127.0.0.1:1/json');
    expect(json.status).toBe(201);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('x-extra')).toBe('1');
    expect(await json.json()).toEqual({ id: 1 });
    const sha = await f('http://127.0.0.1:1/sha');
    expect(sha.headers.get('content-type')).toBe('application/vnd.github.sha; charset=utf-8');
    expect(await sha.text()).toBe('ac3282a2725be3b1d4979169a7a311c89066af1c');
  });
});
