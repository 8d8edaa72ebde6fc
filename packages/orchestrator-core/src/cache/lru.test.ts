import { describe, expect, it } from 'vitest';
import { L1Store, type L1Entry } from './lru.js';

function entry(key: string, bytes = 10, tags: string[] = []): L1Entry {
  return {
    key,
    value: key,
    tenant: 't',
    bytes,
    freshUntil: 1,
    swrUntil: 1,
    sieUntil: 1,
    expiresAt: 1,
    tags,
    freshResult: { value: key, hit: 'l1', stale: false },
    prev: undefined,
    next: undefined,
  };
}

describe('L1Store', () => {
  it('evicts the least recently used entry beyond maxEntries', () => {
    const lru = new L1Store(3, 1_000_000);
    for (const k of ['a', 'b', 'c']) lru.set(entry(k));
    expect(lru.get('a')?.key).toBe('a'); // a becomes most recent; b is now oldest
    lru.set(entry('d'));
    expect(lru.size).toBe(3);
    expect(lru.peek('b')).toBeUndefined();
    expect([...['a', 'c', 'd']].map((k) => lru.peek(k)?.key)).toEqual(['a', 'c', 'd']);
  });

  it('evicts by total bytes and keeps the byte count exact', () => {
    const lru = new L1Store(100, 100);
    lru.set(entry('a', 20));
    lru.set(entry('b', 20));
    lru.set(entry('c', 20));
    expect(lru.bytes).toBe(60);
    lru.set(entry('d', 25));
    lru.set(entry('e', 25)); // 110 > 100: evict a
    expect(lru.peek('a')).toBeUndefined();
    expect(lru.bytes).toBe(90);
    lru.set(entry('b', 5)); // replace keeps the count right
    expect(lru.bytes).toBe(75);
    expect(lru.size).toBe(4);
  });

  it('does not store entries larger than maxBytes / 4, and drops the previous value of that key', () => {
    const lru = new L1Store(100, 100);
    expect(lru.set(entry('small', 25))).toBe(true);
    expect(lru.set(entry('small', 26))).toBe(false);
    expect(lru.peek('small')).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });

  it('maxEntries 0 disables the store', () => {
    const lru = new L1Store(0, 100);
    expect(lru.set(entry('a', 1))).toBe(false);
    expect(lru.size).toBe(0);
  });

  it('deleteTags removes every entry carrying any tag and cleans the tag index on eviction', () => {
    const lru = new L1Store(2, 1_000);
    lru.set(entry('a', 1, ['repo:x', 'org:o']));
    lru.set(entry('b', 1, ['repo:y', 'org:o']));
    expect(lru.deleteTags(['repo:x'])).toBe(1);
    expect(lru.peek('a')).toBeUndefined();
    expect(lru.peek('b')?.key).toBe('b');
    lru.set(entry('c', 1, ['repo:z']));
    lru.set(entry('d', 1)); // evicts b: its tags leave the index
    expect(lru.peek('b')).toBeUndefined();
    expect(lru.tagCount()).toBe(1);
    expect(lru.deleteTags(['org:o'])).toBe(0);
  });

  it('keeps a consistent list under many random operations', () => {
    const lru = new L1Store(50, 500);
    let seed = 7;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 5000; i++) {
      const k = `k${rnd(120)}`;
      const op = rnd(3);
      if (op === 0) lru.set(entry(k, 1 + rnd(30)));
      else if (op === 1) lru.get(k);
      else lru.delete(k);
      expect(lru.size).toBeLessThanOrEqual(50);
      expect(lru.bytes).toBeLessThanOrEqual(500);
    }
    let bytes = 0;
    let n = 0;
    for (let i = 0; i < 120; i++) {
      const e = lru.peek(`k${i}`);
      if (e) {
        bytes += e.bytes;
        n++;
      }
    }
    expect(n).toBe(lru.size);
    expect(bytes).toBe(lru.bytes);
  });
});
