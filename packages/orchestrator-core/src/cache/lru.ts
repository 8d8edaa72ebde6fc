/**
 * One entry of the in-process tier. Times are clock milliseconds (see `CacheOptions.clock`).
 * @internal
 */
export interface L1Entry {
  key: string;
  value: unknown;
  /** Tenant the value was loaded for; a lookup for another tenant never sees it. */
  tenant: string;
  /** Estimated size: length of the value's JSON. */
  bytes: number;
  /** Fresh until this time. */
  freshUntil: number;
  /** Served stale (with a background refresh) until this time. */
  swrUntil: number;
  /** Served stale when the loader fails until this time. */
  sieUntil: number;
  /** Kept at most until this time (`max(swrUntil, sieUntil)`). */
  expiresAt: number;
  tags: readonly string[];
  /** Pre-built, frozen result for a fresh hit (no allocation on the hot path besides the promise). */
  freshResult: { readonly value: unknown; readonly hit: 'l1'; readonly stale: false };
  prev: L1Entry | undefined;
  next: L1Entry | undefined;
}

/**
 * A least-recently-used map bounded by entry count and by estimated bytes, with a tag → keys
 * index. A doubly linked list threaded through the entries plus one `Map` lookup: `get`, `set`
 * and `delete` are O(1); `deleteTags` is O(entries removed).
 * @internal
 */
export class L1Store {
  private readonly map = new Map<string, L1Entry>();
  private readonly tagIndex = new Map<string, Set<string>>();
  /** Most recently used. */
  private head: L1Entry | undefined;
  /** Least recently used. */
  private tail: L1Entry | undefined;
  private totalBytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** True when entries of this size are stored at all (not larger than `maxBytes / 4`). */
  accepts(bytes: number): boolean {
    return this.maxEntries > 0 && bytes <= this.maxBytes / 4;
  }

  /** Look up and mark as most recently used. */
  get(key: string): L1Entry | undefined {
    const entry = this.map.get(key);
    if (entry !== undefined && entry !== this.head) {
      // unlink
      const prev = entry.prev as L1Entry; // not head, so prev is set
      prev.next = entry.next;
      if (entry.next === undefined) this.tail = prev;
      else entry.next.prev = prev;
      // push front
      entry.prev = undefined;
      entry.next = this.head;
      (this.head as L1Entry).prev = entry;
      this.head = entry;
    }
    return entry;
  }

  /** Look up without touching recency. */
  peek(key: string): L1Entry | undefined {
    return this.map.get(key);
  }

  /** Insert or replace; evicts least recently used entries to stay within both bounds. Returns false when not stored. */
  set(entry: L1Entry): boolean {
    const existing = this.map.get(entry.key);
    if (existing !== undefined) this.remove(existing);
    if (!this.accepts(entry.bytes)) return false;
    this.map.set(entry.key, entry);
    entry.prev = undefined;
    entry.next = this.head;
    if (this.head !== undefined) this.head.prev = entry;
    this.head = entry;
    if (this.tail === undefined) this.tail = entry;
    this.totalBytes += entry.bytes;
    for (const tag of entry.tags) {
      let keys = this.tagIndex.get(tag);
      if (keys === undefined) {
        keys = new Set();
        this.tagIndex.set(tag, keys);
      }
      keys.add(entry.key);
    }
    while (this.tail !== undefined && (this.map.size > this.maxEntries || this.totalBytes > this.maxBytes)) {
      this.remove(this.tail);
    }
    return true;
  }

  delete(key: string): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    this.remove(entry);
    return true;
  }

  /** Remove every entry carrying any of the tags; returns how many were removed. */
  deleteTags(tags: readonly string[]): number {
    let removed = 0;
    for (const tag of tags) {
      const keys = this.tagIndex.get(tag);
      if (keys === undefined) continue;
      for (const key of [...keys]) if (this.delete(key)) removed++;
      this.tagIndex.delete(tag);
    }
    return removed;
  }

  clear(): void {
    this.map.clear();
    this.tagIndex.clear();
    this.head = undefined;
    this.tail = undefined;
    this.totalBytes = 0;
  }

  /** Tags currently indexed (for tests and diagnostics). */
  tagCount(): number {
    return this.tagIndex.size;
  }

  private remove(entry: L1Entry): void {
    this.map.delete(entry.key);
    if (entry.prev === undefined) this.head = entry.next;
    else entry.prev.next = entry.next;
    if (entry.next === undefined) this.tail = entry.prev;
    else entry.next.prev = entry.prev;
    entry.prev = undefined;
    entry.next = undefined;
    this.totalBytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.tagIndex.get(tag);
      if (keys === undefined) continue;
      keys.delete(entry.key);
      if (keys.size === 0) this.tagIndex.delete(tag);
    }
  }
}
