/**
 * A host application composing the third-party Quill provider with a first-party provider
 * (GitHub) in one orchestrator: git calls go to GitHub, docs calls to Quill, every call
 * through the core's routing, retries and breakers.
 *
 * In an application outside this repository the Quill import reads
 * `import { createQuill } from '@acme/mosaic-provider-quill'`.
 */
import { createOrchestrator, type Logger, type Orchestrator } from '@mosaic/orchestrator-core';
import { createGitHub } from '@mosaic/provider-github';
import { createQuill } from '../src/index.js';

/** Where the two vendors are and the tokens to use. */
export interface HostSettings {
  github: { baseUrl: string; token: string };
  quill: { baseUrl: string; token: string };
  logger?: Logger;
}

/** Builds the host's orchestrator: GitHub for git, Quill for docs; 3 tries per provider. */
export async function createHostApp(settings: HostSettings): Promise<Orchestrator> {
  return createOrchestrator({
    providers: [
      createGitHub({ baseUrl: settings.github.baseUrl, token: settings.github.token }),
      createQuill({ baseUrl: settings.quill.baseUrl, token: settings.quill.token }),
    ],
    resilience: { defaults: { timeoutMs: 5000, retry: { maxAttempts: 3, initialDelayMs: 5 } } },
    healthCheck: { intervalMs: 0 },
    ...(settings.logger ? { logger: settings.logger } : {}),
  });
}

/** What {@link publishReleaseNotes} produced. */
export interface ReleaseNotes {
  repository: string;
  commits: number;
  pageId: string;
  pageProvider: string;
  title: string;
}

/**
 * Reads a repository and its latest commits from the git provider and publishes them as a
 * page in a docs space: one workflow across two vendors and two provider packages.
 */
export async function publishReleaseNotes(
  app: Orchestrator,
  input: { owner: string; repo: string; spaceId: string },
  options: { signal?: AbortSignal } = {},
): Promise<ReleaseNotes> {
  const call = options.signal ? { signal: options.signal } : {};
  const repository = await app.git.getRepository({ owner: input.owner, repo: input.repo }, call);
  const commits = await app.git.listCommits({ owner: input.owner, repo: input.repo, limit: 5 }, call);
  const space = await app.docs.getSpace({ spaceId: input.spaceId }, call);
  const lines = commits.items.map((c) => `- ${c.sha.slice(0, 7)} ${c.message.split('\n')[0]}`);
  const title = `Release notes: ${repository.fullName}`;
  const page = await app.docs.createPage({ spaceId: space.id, title, body: `# ${title}\n\n${lines.join('\n')}\n`, format: 'markdown' }, call);
  return { repository: repository.fullName, commits: commits.items.length, pageId: page.id, pageProvider: page.provider, title: page.title };
}
