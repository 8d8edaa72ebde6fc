/**
 * Unified knowledge-base models and operation inputs (Notion, BookStack, Confluence, Outline).
 *
 * Terms: a **space** holds pages (Confluence space, BookStack book, Notion teamspace or
 * top-level page, Outline collection). A **page** may have a parent page. Page ids are global
 * to the provider's workspace, so page operations take `pageId` alone.
 *
 * Body formats: `markdown`, `html`, `storage` (the vendor's native format, e.g. Confluence
 * storage XHTML or Notion blocks as JSON text) and `plain` text. A provider converts where it
 * can; where it cannot it returns the closest format it has and says so in `warnings`.
 *
 * Vendor docs followed: Confluence Cloud REST v2 (spaces, pages, versions, footer comments,
 * attachments, CQL search), BookStack API (books, pages, revisions, attachments, search,
 * export), Notion API (pages, blocks, comments, search, file uploads).
 * @module
 */
import { z } from 'zod';
import { actorSchema, listInputFields, modelBase, nameString, timestamp } from './common.js';

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/** Format of a page body: `markdown`, `html`, `storage` (vendor-native), `plain`. */
export const bodyFormatSchema = z.enum(['markdown', 'html', 'storage', 'plain']);
/** See {@link bodyFormatSchema}. */
export type BodyFormat = z.infer<typeof bodyFormatSchema>;

/** Formats of `docs.exportPage` and `docs.importPage`. */
export const transferFormatSchema = z.enum(['markdown', 'html']);
/** See {@link transferFormatSchema}. */
export type TransferFormat = z.infer<typeof transferFormatSchema>;

/** A space (Confluence space, BookStack book, Notion teamspace, Outline collection). */
export const spaceSchema = z.object({
  ...modelBase,
  id: z.string(),
  /** Short key where the vendor has one (Confluence `ENG`, BookStack slug). */
  key: z.string().nullish(),
  name: z.string(),
  description: z.string().nullish(),
  url: z.string().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
});
/** See {@link spaceSchema}. */
export type Space = z.infer<typeof spaceSchema>;

/**
 * A page. Named `DocsPage` because `Page<T>` is the spec's page-of-results type.
 * `body` is present when the operation returns content (`getPage`, `createPage`, `updatePage`).
 */
export const docsPageSchema = z.object({
  ...modelBase,
  id: z.string(),
  spaceId: z.string().nullish(),
  /** Parent page id; null at the top of a space. */
  parentId: z.string().nullish(),
  title: z.string(),
  body: z.string().nullish(),
  /** Format of `body`. */
  format: bodyFormatSchema.nullish(),
  /** Version number; increases with every change (Confluence `version.number`, BookStack `revision_count`). */
  version: z.number().int().nullish(),
  author: actorSchema.nullish(),
  url: z.string().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
});
/** See {@link docsPageSchema}. */
export type DocsPage = z.infer<typeof docsPageSchema>;

/** A file attached to a page. */
export const attachmentSchema = z.object({
  ...modelBase,
  id: z.string(),
  pageId: z.string().nullish(),
  filename: z.string(),
  mediaType: z.string().nullish(),
  /** Size in bytes. */
  sizeBytes: z.number().int().nonnegative().nullish(),
  downloadUrl: z.string().nullish(),
  createdAt: timestamp.nullish(),
});
/** See {@link attachmentSchema}. */
export type Attachment = z.infer<typeof attachmentSchema>;

/** One search hit. */
export const searchResultSchema = z.object({
  pageId: z.string(),
  spaceId: z.string().nullish(),
  title: z.string(),
  /** Text around the match (plain text; highlight markup removed). */
  excerpt: z.string().nullish(),
  /** Relevance as the vendor reports it (higher is better; scales differ between vendors). */
  score: z.number().nullish(),
  url: z.string().nullish(),
  updatedAt: timestamp.nullish(),
});
/** See {@link searchResultSchema}. */
export type SearchResult = z.infer<typeof searchResultSchema>;

/** A page exported as Markdown or HTML. */
export const exportedPageSchema = z.object({
  ...modelBase,
  pageId: z.string(),
  title: z.string(),
  format: transferFormatSchema,
  content: z.string(),
});
/** See {@link exportedPageSchema}. */
export type ExportedPage = z.infer<typeof exportedPageSchema>;

/** A comment on a page (Confluence footer comment, Notion comment, BookStack comment). */
export const pageCommentSchema = z.object({
  ...modelBase,
  id: z.string(),
  pageId: z.string(),
  /** Comment this one replies to. */
  parentId: z.string().nullish(),
  body: z.string(),
  format: bodyFormatSchema.nullish(),
  author: actorSchema.nullish(),
  createdAt: timestamp.nullish(),
});
/** See {@link pageCommentSchema}. */
export type PageComment = z.infer<typeof pageCommentSchema>;

/** One revision in a page's history (Confluence version, BookStack revision). */
export const pageRevisionSchema = z.object({
  ...modelBase,
  id: z.string(),
  pageId: z.string(),
  version: z.number().int().nullish(),
  title: z.string().nullish(),
  /** The change message the author gave. */
  message: z.string().nullish(),
  author: actorSchema.nullish(),
  createdAt: timestamp.nullish(),
});
/** See {@link pageRevisionSchema}. */
export type PageRevision = z.infer<typeof pageRevisionSchema>;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/**
 * Largest attachment `docs.uploadAttachment` accepts: 20 MiB decoded. Vendors with a smaller
 * limit (Notion single-part uploads: 20 MB; BookStack: server `upload_max_filesize`) reject
 * larger files with a validation error.
 */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Decoded byte length of a UTF-8 or base64 string, without decoding base64. */
export function decodedByteLength(content: string, encoding: 'utf-8' | 'base64'): number {
  if (encoding === 'utf-8') return new TextEncoder().encode(content).byteLength;
  const len = content.length;
  const padding = content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0;
  return Math.floor((len * 3) / 4) - padding;
}

/** Input of `docs.createSpace`. */
export const createSpaceInputSchema = z.strictObject({
  name: nameString,
  /** Short key (Confluence requires one: letters and digits); ignored where vendors have none. */
  key: z
    .string()
    .regex(/^[A-Za-z0-9]{1,255}$/, 'space keys are letters and digits')
    .optional(),
  description: z.string().optional(),
});
/** Input of `docs.getSpace` and `docs.deleteSpace`. */
export const spaceInputSchema = z.strictObject({ spaceId: nameString });
/** Input of `docs.updateSpace`. */
export const updateSpaceInputSchema = z.strictObject({
  spaceId: nameString,
  patch: z
    .strictObject({ name: nameString.optional(), description: z.string().optional() })
    .refine((p) => Object.keys(p).length > 0, { message: 'patch must change at least one field' }),
});
/** Input of `docs.listSpaces`. */
export const listSpacesInputSchema = z.strictObject({ ...listInputFields });

/** Input of `docs.createPage`. */
export const createPageInputSchema = z.strictObject({
  spaceId: nameString,
  /** Parent page; default the top of the space. */
  parentId: z.string().min(1).optional(),
  title: nameString,
  body: z.string().default(''),
  format: bodyFormatSchema.default('markdown'),
});
/** Input of `docs.getPage`. */
export const getPageInputSchema = z.strictObject({
  pageId: nameString,
  /** Body format wanted; default the provider's closest to `markdown`. */
  format: bodyFormatSchema.optional(),
});
/** Input of `docs.updatePage`. */
export const updatePageInputSchema = z.strictObject({
  pageId: nameString,
  patch: z
    .strictObject({
      title: nameString.optional(),
      body: z.string().optional(),
      /** Format of `body`; default `markdown`. */
      format: bodyFormatSchema.optional(),
    })
    .refine((p) => Object.keys(p).length > 0, { message: 'patch must change at least one field' }),
  /**
   * The version the caller read. When given, a page changed since fails with a conflict
   * instead of overwriting (Confluence needs the number; elsewhere the provider compares).
   */
  expectedVersion: z.number().int().nonnegative().optional(),
});
/** Input of `docs.deletePage`. */
export const pageInputSchema = z.strictObject({ pageId: nameString });
/** Input of `docs.movePage`: to another parent and/or space. At least one target is required. */
export const movePageInputSchema = z
  .strictObject({
    pageId: nameString,
    targetSpaceId: z.string().min(1).optional(),
    /** New parent page; `null` moves the page to the top of its (target) space. */
    targetParentId: z.string().min(1).nullable().optional(),
  })
  .refine((i) => i.targetSpaceId !== undefined || i.targetParentId !== undefined, {
    message: 'give targetSpaceId and/or targetParentId',
  });
/** Input of `docs.listPages`. */
export const listPagesInputSchema = z.strictObject({
  spaceId: nameString,
  /** Only the children of this page; default every page of the space. */
  parentId: z.string().min(1).optional(),
  ...listInputFields,
});
/** Input of `docs.uploadAttachment`: at most {@link MAX_ATTACHMENT_BYTES} bytes decoded. */
export const uploadAttachmentInputSchema = z
  .strictObject({
    pageId: nameString,
    filename: nameString.max(255),
    /** Media type, e.g. `image/png`, `application/pdf`. */
    mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type such as image/png'),
    /** File content: base64 (default) or UTF-8 text. */
    content: z.string(),
    encoding: z.enum(['base64', 'utf-8']).default('base64'),
  })
  .superRefine((i, ctx) => {
    if (i.encoding === 'base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(i.content)) {
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'content is not base64' });
      return;
    }
    const size = decodedByteLength(i.content, i.encoding);
    if (size > MAX_ATTACHMENT_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['content'],
        message: `attachment is ${size} bytes; at most ${MAX_ATTACHMENT_BYTES} bytes are accepted`,
      });
    }
  });
/** Input of `docs.search`. */
export const searchInputSchema = z.strictObject({
  /** Full-text query (vendor syntax is not interpreted; quotes are passed through). */
  query: nameString.max(1000),
  /** Only pages of this space. */
  spaceId: z.string().min(1).optional(),
  ...listInputFields,
});
/** Input of `docs.exportPage`. */
export const exportPageInputSchema = z.strictObject({ pageId: nameString, format: transferFormatSchema.default('markdown') });
/** Input of `docs.importPage`: creates a page from Markdown or HTML, converted to the vendor's format. */
export const importPageInputSchema = z.strictObject({
  spaceId: nameString,
  parentId: z.string().min(1).optional(),
  title: nameString,
  format: transferFormatSchema,
  content: z.string(),
});
/** Input of `docs.addComment`. */
export const addCommentInputSchema = z.strictObject({
  pageId: nameString,
  body: nameString,
  format: bodyFormatSchema.default('markdown'),
  /** Reply to this comment. */
  parentCommentId: z.string().min(1).optional(),
});
/** Input of `docs.listPageRevisions`. */
export const listPageRevisionsInputSchema = z.strictObject({ pageId: nameString, ...listInputFields });

/** Input of `docs.createPage`, as callers write it. */
export type CreatePageInput = z.input<typeof createPageInputSchema>;
/** Input of `docs.uploadAttachment`, as callers write it. */
export type UploadAttachmentInput = z.input<typeof uploadAttachmentInputSchema>;
