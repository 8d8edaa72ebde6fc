import { InvalidArgumentError } from '../errors/index.js';
import type { Page } from '../spec/v1/models/common.js';
import type { ModelInfo } from '../spec/v1/models/ai.js';

/** The filter and paging input of `ai.listModels`. */
export interface ModelListQuery {
  /** Keep only models with this capability. */
  capability?: 'vision' | 'tools' | 'json' | 'streaming' | 'embeddings';
  /** Keep only local (`true`) or only remote (`false`) models. */
  local?: boolean;
  /** Offset cursor from a previous page's `nextCursor` (a non-negative integer as a string). */
  cursor?: string;
  /** Page size, default 1000. */
  limit?: number;
}

/**
 * Filters a provider's full model list by `capability` and `local`, then returns one page of it
 * with offset cursors (`nextCursor` = the next offset as a string, absent on the last page) and
 * `totalCount` = the number of models after filtering. For providers whose vendor lists all
 * models in one answer (or whose list is joined with a model table first).
 * @param provider - provider id, put on the page
 * @throws InvalidArgumentError (argument `cursor`) when `cursor` is not a non-negative integer
 */
export function pageModelList(all: readonly ModelInfo[], query: ModelListQuery, provider: string): Page<ModelInfo> {
  const kept = all.filter((m) => (query.capability ? m.capabilities[query.capability] : true) && (query.local === undefined || m.local === query.local));
  const offset = query.cursor ? Number(query.cursor) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw new InvalidArgumentError({ argument: 'cursor', issues: [{ path: 'cursor', message: 'not a cursor of this provider' }] });
  const limit = query.limit ?? 1000;
  return { items: kept.slice(offset, offset + limit), provider, totalCount: kept.length, ...(offset + limit < kept.length ? { nextCursor: String(offset + limit) } : {}) };
}
