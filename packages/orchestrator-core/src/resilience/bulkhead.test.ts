import { describe, expect, it } from 'vitest';
import { Bulkhead, type BulkheadTask } from './bulkhead.js';

function task(log: string[], name: string): BulkheadTask & { cancelled: boolean } {
  return {
    cancelled: false,
    start() {
      log.push(name);
    },
  };
}

describe('Bulkhead', () => {
  it('admits up to capacity at once, then queues up to queueCapacity, then refuses', () => {
    const b = new Bulkhead(2, 1);
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(true);
    expect(b.executionSlots).toBe(0);
    expect(b.tryAcquire()).toBe(false);
    expect(b.enqueue(task([], 'q1'))).toBe(true);
    expect(b.queueSlots).toBe(0);
    expect(b.enqueue(task([], 'q2'))).toBe(false);
  });

  it('hands a freed slot to the oldest queued task, in a microtask', async () => {
    const log: string[] = [];
    const b = new Bulkhead(1, 5);
    expect(b.tryAcquire()).toBe(true);
    b.enqueue(task(log, 'first'));
    b.enqueue(task(log, 'second'));
    b.release();
    expect(log).toEqual([]);
    // the slot is already taken by the queued task: a newcomer cannot jump the queue
    expect(b.tryAcquire()).toBe(false);
    await Promise.resolve();
    expect(log).toEqual(['first']);
    b.release();
    await Promise.resolve();
    expect(log).toEqual(['first', 'second']);
    b.release();
    expect(b.executionSlots).toBe(1);
  });

  it('skips queued tasks whose caller gave up, and passes the slot on', async () => {
    const log: string[] = [];
    const b = new Bulkhead(1, 5);
    b.tryAcquire();
    const gone = task(log, 'gone');
    const late = task(log, 'late');
    const kept = task(log, 'kept');
    b.enqueue(gone);
    b.enqueue(late);
    b.enqueue(kept);
    gone.cancelled = true;
    b.release();
    late.cancelled = true; // gave up after being handed the slot, before starting
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['kept']);
    expect(b.executionSlots).toBe(0);
    b.release();
    expect(b.executionSlots).toBe(1);
    expect(b.queueSlots).toBe(5);
  });
});
