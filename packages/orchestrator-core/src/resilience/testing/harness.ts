import type { MosaicEventName, MosaicEvents } from '../../events/types.js';
import type { ResilienceClock, ResilienceEventSink, SleepFunction } from '../types.js';

/** A recorded event. */
export interface RecordedEvent<K extends MosaicEventName = MosaicEventName> {
  name: K;
  payload: MosaicEvents[K];
}

/**
 * Virtual time and an event recorder for resilience tests: `clock.now()` reads `time.now`,
 * `sleep(ms)` records `ms`, moves the clock forward at once and resolves (rejecting with the
 * signal's reason when it is aborted). `events` records every emitted event.
 */
export function createVirtualHarness(start = 1_700_000_000_000): {
  time: { now: number };
  clock: ResilienceClock;
  sleep: SleepFunction;
  sleeps: number[];
  events: ResilienceEventSink & { list: RecordedEvent[]; named<K extends MosaicEventName>(name: K): Array<MosaicEvents[K]> };
} {
  const time = { now: start };
  const sleeps: number[] = [];
  const list: RecordedEvent[] = [];
  return {
    time,
    clock: { now: () => time.now },
    sleeps,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      time.now += ms;
      await Promise.resolve();
      if (signal?.aborted) throw signal.reason;
    },
    events: {
      list,
      emit(name, payload) {
        list.push({ name, payload } as RecordedEvent);
      },
      named(name) {
        return list.filter((e) => e.name === name).map((e) => e.payload) as never;
      },
    },
  };
}

/** A small seeded PRNG (mulberry32) in [0, 1), so simulations and chaos runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
