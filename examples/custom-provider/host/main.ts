/**
 * Runs the host app offline against the sandbox: `pnpm --filter @acme/mosaic-provider-quill host`.
 * Prints which provider served each step, then the same workflow with Quill failing once (503).
 */
import { createHostApp, publishReleaseNotes } from './app.js';
import { createSandbox } from './sandbox.js';

const { fixture, githubUrl, quillUrl } = createSandbox();
fixture.listen();
const app = await createHostApp({ github: { baseUrl: githubUrl, token: 'sandbox-github-token' }, quill: { baseUrl: quillUrl, token: 'sandbox-quill-token' } });
app.on('retry', (e) => process.stdout.write(`  ${e.operation}: retrying on ${e.provider} in ${e.delayMs} ms (${e.reason})\n`));
app.on('request:success', (e) => process.stdout.write(`  ${e.operation} served by ${e.provider} (${e.attempts} attempt${e.attempts === 1 ? '' : 's'})\n`));
try {
  const notes = await publishReleaseNotes(app, { owner: 'octocat', repo: 'Hello-World', spaceId: 'sp_98305' });
  process.stdout.write(`published "${notes.title}" (${notes.commits} commits) as page ${notes.pageId} on ${notes.pageProvider}\n`);
  fixture.inject({ status: 503, retryAfter: 0, times: 1, match: { path: '/quill/api/v1/spaces/:spaceId' } });
  const again = await publishReleaseNotes(app, { owner: 'octocat', repo: 'Hello-World', spaceId: 'sp_98305' });
  process.stdout.write(`with one Quill 503: published page ${again.pageId} after a retry\n`);
  process.stdout.write(`requests sent: ${fixture.requests.length} (${fixture.requests.map((r) => `${r.method} ${r.pathname}`).join(', ')})\n`);
} finally {
  await app.close();
  fixture.close();
}
