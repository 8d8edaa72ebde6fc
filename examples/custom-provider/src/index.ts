/**
 * `@acme/mosaic-provider-quill`: a Mosaic docs provider for the Quill wiki — an example of a
 * third-party provider package, written only against the published exports of
 * `@mosaic/orchestrator-core` and tested with `@mosaic/provider-testkit`.
 * @packageDocumentation
 */
export { QuillProvider, createQuill, QUILL_OPERATIONS } from './quill-provider.js';
export type { QuillProviderSettings } from './settings.js';
export { VERSION } from './version.js';
