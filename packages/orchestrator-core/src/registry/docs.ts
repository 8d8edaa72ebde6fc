import * as m from '../spec/v1/models/docs.js';
import { ackSchema, pageOf } from '../spec/v1/models/common.js';
import { defineOperation, resourceId } from './define.js';

const space = (i: { spaceId: string }) => resourceId('docs', ['space', i.spaceId]);
const page = (i: { pageId: string }) => resourceId('docs', ['page', i.pageId]);
const spaces = () => resourceId('docs', ['list', 'spaces']);

/**
 * The docs facet's operations (Notion, BookStack, Confluence, Outline).
 *
 * Resource ids: `docs:space/<spaceId>` for space operations and page creation/listing,
 * `docs:page/<pageId>` for operations on one page (page ids are global to a workspace),
 * `docs:list/spaces` for listing and creating spaces, `docs:search/all` for a search over
 * every space.
 */
export const docsOperations = {
  'docs.createSpace': defineOperation({
    name: 'docs.createSpace', service: 'docs', kind: 'write',
    summary: 'Create a space (Confluence space, BookStack book, Notion teamspace page).',
    input: m.createSpaceInputSchema, output: m.spaceSchema, resource: spaces,
  }),
  'docs.getSpace': defineOperation({
    name: 'docs.getSpace', service: 'docs', kind: 'read',
    summary: 'Get a space by id.',
    input: m.spaceInputSchema, output: m.spaceSchema, resource: space,
  }),
  'docs.updateSpace': defineOperation({
    name: 'docs.updateSpace', service: 'docs', kind: 'write', idempotent: true,
    summary: 'Change a space’s name or description.',
    input: m.updateSpaceInputSchema, output: m.spaceSchema, resource: space,
  }),
  'docs.deleteSpace': defineOperation({
    name: 'docs.deleteSpace', service: 'docs', kind: 'write', idempotent: true, destructive: true,
    summary: 'Delete a space and every page in it.',
    input: m.spaceInputSchema, output: ackSchema, resource: space,
  }),
  'docs.listSpaces': defineOperation({
    name: 'docs.listSpaces', service: 'docs', kind: 'read', paginated: true,
    summary: 'List the spaces the credential can read.',
    input: m.listSpacesInputSchema, output: pageOf(m.spaceSchema), resource: spaces,
  }),

  'docs.createPage': defineOperation({
    name: 'docs.createPage', service: 'docs', kind: 'write',
    summary: 'Create a page in a space, optionally under a parent page.',
    input: m.createPageInputSchema, output: m.docsPageSchema, resource: space,
  }),
  'docs.getPage': defineOperation({
    name: 'docs.getPage', service: 'docs', kind: 'read',
    summary: 'Get a page with its body in the requested format.',
    input: m.getPageInputSchema, output: m.docsPageSchema, resource: page,
  }),
  'docs.updatePage': defineOperation({
    name: 'docs.updatePage', service: 'docs', kind: 'write', idempotent: true,
    summary: 'Change a page’s title or body, optionally only if it is still at the expected version.',
    input: m.updatePageInputSchema, output: m.docsPageSchema, resource: page,
  }),
  'docs.deletePage': defineOperation({
    name: 'docs.deletePage', service: 'docs', kind: 'write', idempotent: true, destructive: true,
    summary: 'Delete a page (vendors with a trash move it there).',
    input: m.pageInputSchema, output: ackSchema, resource: page,
  }),
  'docs.movePage': defineOperation({
    name: 'docs.movePage', service: 'docs', kind: 'write', idempotent: true,
    summary: 'Move a page under another parent page and/or into another space.',
    input: m.movePageInputSchema, output: m.docsPageSchema, resource: page,
  }),
  'docs.listPages': defineOperation({
    name: 'docs.listPages', service: 'docs', kind: 'read', paginated: true,
    summary: 'List the pages of a space, or the children of one page (bodies omitted).',
    input: m.listPagesInputSchema, output: pageOf(m.docsPageSchema), resource: space,
  }),

  'docs.uploadAttachment': defineOperation({
    name: 'docs.uploadAttachment', service: 'docs', kind: 'write',
    summary: 'Attach a file (base64 or text, at most 20 MiB) to a page.',
    input: m.uploadAttachmentInputSchema, output: m.attachmentSchema, resource: page,
  }),
  'docs.search': defineOperation({
    name: 'docs.search', service: 'docs', kind: 'read', paginated: true,
    summary: 'Full-text search over pages, optionally in one space; hits carry an excerpt and score.',
    input: m.searchInputSchema, output: pageOf(m.searchResultSchema),
    resource: (i) => (i.spaceId ? resourceId('docs', ['space', i.spaceId]) : resourceId('docs', ['search', 'all'])),
  }),
  'docs.exportPage': defineOperation({
    name: 'docs.exportPage', service: 'docs', kind: 'read',
    summary: 'Export a page as Markdown or HTML.',
    input: m.exportPageInputSchema, output: m.exportedPageSchema, resource: page,
  }),
  'docs.importPage': defineOperation({
    name: 'docs.importPage', service: 'docs', kind: 'write',
    summary: 'Create a page from Markdown or HTML, converted to the vendor’s own format.',
    input: m.importPageInputSchema, output: m.docsPageSchema, resource: space,
  }),
  'docs.addComment': defineOperation({
    name: 'docs.addComment', service: 'docs', kind: 'write',
    summary: 'Add a comment to a page, or a reply to a comment.',
    input: m.addCommentInputSchema, output: m.pageCommentSchema, resource: page,
  }),
  'docs.listPageRevisions': defineOperation({
    name: 'docs.listPageRevisions', service: 'docs', kind: 'read', paginated: true,
    summary: 'List the revision history of a page, newest first.',
    input: m.listPageRevisionsInputSchema, output: pageOf(m.pageRevisionSchema), resource: page,
  }),
} as const;
