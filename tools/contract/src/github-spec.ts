import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './shared-specs.js';
import type { ApiDocument, JsonObject } from './spec.js';

/**
 * Path templates of GitHub's REST API that `@mosaic/provider-github` calls (whole path items,
 * every method). The extracted subset holds only these, so a request to any other path is
 * reported as unknown.
 */
export const GITHUB_SUBSET_PATHS: readonly string[] = [
  '/rate_limit',
  '/user',
  '/user/repos',
  '/orgs/{org}/repos',
  '/users/{username}/repos',
  '/repos/{owner}/{repo}',
  '/repos/{owner}/{repo}/forks',
  '/repos/{owner}/{repo}/branches',
  '/repos/{owner}/{repo}/branches/{branch}',
  '/repos/{owner}/{repo}/branches/{branch}/protection',
  '/repos/{owner}/{repo}/git/refs',
  '/repos/{owner}/{repo}/git/ref/{ref}',
  '/repos/{owner}/{repo}/git/refs/{ref}',
  '/repos/{owner}/{repo}/git/blobs',
  '/repos/{owner}/{repo}/git/trees',
  '/repos/{owner}/{repo}/git/commits',
  '/repos/{owner}/{repo}/git/commits/{commit_sha}',
  '/repos/{owner}/{repo}/git/tags',
  '/repos/{owner}/{repo}/git/tags/{tag_sha}',
  '/repos/{owner}/{repo}/pulls',
  '/repos/{owner}/{repo}/pulls/{pull_number}',
  '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
  '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  '/repos/{owner}/{repo}/commits',
  '/repos/{owner}/{repo}/commits/{ref}',
  '/repos/{owner}/{repo}/compare/{basehead}',
  '/repos/{owner}/{repo}/contents/{path}',
  '/repos/{owner}/{repo}/tags',
  '/repos/{owner}/{repo}/hooks',
  '/repos/{owner}/{repo}/hooks/{hook_id}',
  '/repos/{owner}/{repo}/collaborators',
  '/repos/{owner}/{repo}/collaborators/{username}',
  '/repos/{owner}/{repo}/collaborators/{username}/permission',
  '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/issues/{issue_number}',
  '/repos/{owner}/{repo}/pages',
  '/repos/{owner}/{repo}/releases',
];

/** Options of {@link loadGitHubSpec}. */
export interface LoadGitHubSpecOptions {
  /** Path templates to keep. Default {@link GITHUB_SUBSET_PATHS}. */
  paths?: readonly string[];
  /** Which document of `@octokit/openapi`: `api.github.com` (default), `ghec`, `ghes-3.19`, … */
  variant?: string;
  /** Directory of the cached subset. Default `<repo>/node_modules/.cache/mosaic-contract`. */
  cacheDir?: string;
}

/**
 * GitHub's official OpenAPI 3 document (from the `@octokit/openapi` package, dereferenced
 * variant `generated/<variant>.deref.json`) reduced to the given paths. The first call in a
 * checkout parses the 70 MB document once and writes the subset to
 * `node_modules/.cache/mosaic-contract/github-subset*.json` (never committed); later calls,
 * in any process, read the small file. The cache is keyed by the package version, variant
 * and path list.
 *
 * @throws Error when `@octokit/openapi` is not installed or a listed path is not in the document.
 */
export function loadGitHubSpec(options: LoadGitHubSpecOptions = {}): ApiDocument {
  const paths = [...(options.paths ?? GITHUB_SUBSET_PATHS)].sort();
  const variant = options.variant ?? 'api.github.com';
  const require = createRequire(import.meta.url);
  const pkgJsonPath = require.resolve('@octokit/openapi/package.json');
  const version = (JSON.parse(readFileSync(pkgJsonPath, 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(JSON.stringify({ version, variant, paths })).digest('hex').slice(0, 16);
  const isDefault = !options.paths && variant === 'api.github.com';
  const cacheDir = options.cacheDir ?? join(REPO_ROOT, 'node_modules', '.cache', 'mosaic-contract');
  const file = join(cacheDir, isDefault ? 'github-subset.json' : `github-subset-${key}.json`);

  if (existsSync(file)) {
    try {
      const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string; document: ApiDocument };
      if (cached.key === key) return cached.document;
    } catch {
      // unreadable cache: extract again
    }
  }

  const full = JSON.parse(readFileSync(join(dirname(pkgJsonPath), 'generated', `${variant}.deref.json`), 'utf8')) as ApiDocument;
  const subsetPaths: Record<string, JsonObject> = {};
  const missing: string[] = [];
  for (const p of paths) {
    const item = full.paths[p];
    if (item) subsetPaths[p] = item;
    else missing.push(p);
  }
  if (missing.length) throw new Error(`GitHub's OpenAPI document (${variant} ${version}) has no path ${missing.join(', ')}`);
  const document: ApiDocument = {
    openapi: full.openapi,
    info: full.info,
    servers: full.servers,
    paths: subsetPaths,
    ...(full.components && (full.components as JsonObject).securitySchemes ? { components: { securitySchemes: (full.components as JsonObject).securitySchemes } } : {}),
  } as ApiDocument;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify({ key, document }));
  renameSync(tmp, file);
  return document;
}
