import { createFixtureServer, type FixtureServer } from '@mosaic/provider-testkit';
import { contractHandler, createContractRecorder, createContractValidator, loadGitHubSpec } from '@mosaic/tools-contract';
import { quillHandlers } from '../test/quill-fixture.js';

/**
 * An offline sandbox for the host app, on the provider-testkit fixture server: GitHub answered
 * from its official OpenAPI description (documented examples; requests validated against it)
 * as a GitHub Enterprise Server at `/api/v3`, Quill from this package's openapi.yaml at
 * `/quill`. Faults can be injected with `fixture.inject(...)`.
 */
export function createSandbox(): { fixture: FixtureServer; githubUrl: string; quillUrl: string } {
  const origin = 'https://sandbox.mosaic-fixture.test';
  const githubUrl = `${origin}/api/v3`;
  const quillUrl = `${origin}/quill`;
  const validator = createContractValidator(loadGitHubSpec(), { basePath: '/api/v3' });
  const fixture = createFixtureServer({
    baseUrl: origin,
    handlers: [...quillHandlers(quillUrl), contractHandler(createContractRecorder(validator), { baseUrl: githubUrl })],
  });
  return { fixture, githubUrl, quillUrl };
}
