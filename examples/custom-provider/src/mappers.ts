import type { DocsPage, PageRevision, SearchResult, Space } from '@mosaic/orchestrator-core';

/** Quill `Space` (openapi.yaml). */
export interface QuillSpace {
  uid: string;
  slug: string;
  title: string;
  summary?: string | null;
  created: string;
  web_url?: string;
}

/** Quill `Page`. */
export interface QuillPage {
  uid: string;
  space_uid: string;
  parent_uid?: string | null;
  title: string;
  content?: string;
  content_type?: 'markdown' | 'html';
  revision: number;
  author?: { handle?: string; display_name?: string };
  created?: string;
  updated?: string;
  web_url?: string;
}

/** Quill `Revision`. */
export interface QuillRevision {
  id: string;
  page_uid: string;
  revision: number;
  title?: string;
  note?: string | null;
  author?: { handle?: string; display_name?: string };
  created?: string;
}

/** Quill `SearchHit`. */
export interface QuillSearchHit {
  page_uid: string;
  space_uid?: string;
  title: string;
  snippet?: string;
  rank?: number;
  web_url?: string;
  updated?: string;
}

/** Any Quill list answer. */
export interface QuillList<T> {
  items: T[];
  next_cursor: string | null;
}

const actor = (a: QuillPage['author']) => (a?.handle ? { login: a.handle, name: a.display_name ?? null } : null);

/** Quill space → unified `Space`. */
export function toSpace(provider: string, s: QuillSpace): Space {
  return { provider, id: s.uid, key: s.slug, name: s.title, description: s.summary ?? null, url: s.web_url ?? null, createdAt: s.created, raw: s };
}

/** Quill page → unified `DocsPage`. */
export function toPage(provider: string, p: QuillPage): DocsPage {
  return {
    provider,
    id: p.uid,
    spaceId: p.space_uid,
    parentId: p.parent_uid ?? null,
    title: p.title,
    body: p.content ?? null,
    format: p.content_type ?? null,
    version: p.revision,
    author: actor(p.author),
    url: p.web_url ?? null,
    createdAt: p.created ?? null,
    updatedAt: p.updated ?? null,
    raw: p,
  };
}

/** Quill revision → unified `PageRevision`. */
export function toRevision(provider: string, r: QuillRevision): PageRevision {
  return { provider, id: r.id, pageId: r.page_uid, version: r.revision, title: r.title ?? null, message: r.note ?? null, author: actor(r.author), createdAt: r.created ?? null, raw: r };
}

/** Quill search hit → unified `SearchResult` (the `<mark>` highlight removed from the excerpt). */
export function toSearchResult(h: QuillSearchHit): SearchResult {
  return {
    pageId: h.page_uid,
    spaceId: h.space_uid ?? null,
    title: h.title,
    excerpt: h.snippet === undefined ? null : h.snippet.replace(/<\/?mark>/g, ''),
    score: h.rank ?? null,
    url: h.web_url ?? null,
    updatedAt: h.updated ?? null,
  };
}
