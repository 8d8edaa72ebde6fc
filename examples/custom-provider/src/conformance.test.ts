import { providerConformanceSuite } from '@mosaic/provider-testkit/vitest';
import { quillFixture } from '../test/quill-fixture.js';
import { createQuill } from './index.js';

// Three lines are all a provider needs: build it from what the kit hands over, say which
// service types it serves and how the fixture server answers them.
providerConformanceSuite(({ baseUrl, token, logger, healthTimeoutMs }) => createQuill({ baseUrl, token, logger, healthTimeoutMs }), {
  services: { docs: quillFixture },
});
