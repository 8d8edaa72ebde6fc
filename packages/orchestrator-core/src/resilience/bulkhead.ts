/**
 * A task waiting in a {@link Bulkhead} queue. `start` runs when it gets a slot (in a
 * microtask); `cancelled` tasks (their caller gave up while queued) are dropped instead.
 */
export interface BulkheadTask {
  readonly cancelled: boolean;
  start(): void;
}

/**
 * Concurrency limit of one provider: at most `capacity` attempts run at once and at most
 * `queueCapacity` wait (FIFO) for a slot; a freed slot goes straight to the oldest waiting task
 * that was not cancelled. Synchronous bookkeeping only — no promise or allocation when a slot
 * is free.
 */
export class Bulkhead {
  readonly capacity: number;
  readonly queueCapacity: number;
  private active = 0;
  private readonly queue: BulkheadTask[] = [];

  constructor(capacity: number, queueCapacity: number) {
    this.capacity = capacity;
    this.queueCapacity = queueCapacity;
  }

  /** Free execution slots now. */
  get executionSlots(): number {
    return this.capacity - this.active;
  }

  /** Free queue places now. */
  get queueSlots(): number {
    return this.queueCapacity - this.queue.length;
  }

  /** Takes a slot when one is free (the caller must {@link release} it). */
  tryAcquire(): boolean {
    if (this.active < this.capacity) {
      this.active++;
      return true;
    }
    return false;
  }

  /** Queues `task` for the next free slot; false when the queue is full. */
  enqueue(task: BulkheadTask): boolean {
    if (this.queue.length >= this.queueCapacity) return false;
    this.queue.push(task);
    return true;
  }

  /** Frees a slot: hands it to the oldest queued task (started in a microtask), else returns it. */
  release(): void {
    this.active--;
    if (this.queue.length > 0) this.next();
  }

  private next(): void {
    while (this.queue.length > 0 && this.queue[0]!.cancelled) this.queue.shift();
    const task = this.queue.shift();
    if (!task) return;
    this.active++;
    queueMicrotask(() => {
      if (task.cancelled) {
        // The caller gave up meanwhile: pass the slot on.
        this.release();
        return;
      }
      task.start();
    });
  }
}
