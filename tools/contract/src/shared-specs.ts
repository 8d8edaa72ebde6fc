import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is `tools/contract/src/shared-specs.ts`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Relative path (under `../shared/specs/`) of Gitea 1.22's Swagger 2.0 document (basePath `/api/v1`). */
export const GITEA_SPEC = 'gitea/gitea-1.22.swagger.json';
/** Relative path (under `../shared/specs/`) of GitLab's REST v4 Swagger 2.0 document (paths spell `/api/v4`). */
export const GITLAB_SPEC = 'gitlab/openapi_v2.yaml';

function isCI(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/**
 * Absolute path of `../shared/specs/<relative>` next to the repository checkout (the official
 * vendor specs CI places beside the clone; never copied into the repo). When the file is
 * absent: under `CI=true` throws (a contract suite must not be skipped in CI); otherwise prints
 * a loud warning and returns `undefined` so the suite can `describe.skipIf(!path)`.
 */
export function sharedSpecPath(relative: string): string | undefined {
  const path = join(REPO_ROOT, '..', 'shared', 'specs', relative);
  if (existsSync(path)) return path;
  if (isCI()) throw new Error(`CI=true but the shared spec ${relative} is missing (expected at ${path}): contract suites must not be skipped in CI.`);
  console.warn(`\n!!! [mosaic contract tests] ${path} is absent: skipping the suites that need ${relative}.\n`);
  return undefined;
}
