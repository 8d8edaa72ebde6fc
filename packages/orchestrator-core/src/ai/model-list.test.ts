import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.js';
import { pageModelList } from './model-list.js';
import { modelInfoFromEntry } from './models.js';

const models = [
  modelInfoFromEntry('p', 'chat-a', { contextWindow: 8000, vision: true }),
  modelInfoFromEntry('p', 'chat-b', { contextWindow: 8000 }),
  modelInfoFromEntry('p', 'embed-a', { contextWindow: 8000, embeddings: true }, { local: true }),
];

describe('pageModelList', () => {
  it('filters by capability and by local, counting after the filter', () => {
    expect(pageModelList(models, { capability: 'vision' }, 'p').items.map((m) => m.id)).toEqual(['chat-a']);
    const local = pageModelList(models, { local: true }, 'p');
    expect(local.items.map((m) => m.id)).toEqual(['embed-a']);
    expect(local.totalCount).toBe(1);
    expect(pageModelList(models, { local: false }, 'p').items.map((m) => m.id)).toEqual(['chat-a', 'chat-b']);
  });

  it('pages with offset cursors until the last page, which has no nextCursor', () => {
    const first = pageModelList(models, { limit: 2 }, 'p');
    expect(first).toMatchObject({ provider: 'p', totalCount: 3, nextCursor: '2' });
    expect(first.items.map((m) => m.id)).toEqual(['chat-a', 'chat-b']);
    const last = pageModelList(models, { limit: 2, cursor: first.nextCursor! }, 'p');
    expect(last.items.map((m) => m.id)).toEqual(['embed-a']);
    expect(last).not.toHaveProperty('nextCursor');
    expect(pageModelList(models, {}, 'p').items).toHaveLength(3);
  });

  it('rejects a cursor that is not a non-negative integer', () => {
    for (const cursor of ['abc', '-1', '1.5']) expect(() => pageModelList(models, { cursor }, 'p')).toThrow(InvalidArgumentError);
  });
});
