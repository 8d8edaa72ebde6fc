import { EventEmitter } from 'eventemitter3';
import { redact } from '../errors/redact.js';
import type { Logger } from '../spec/v1/provider.js';
import { createLogger, type CompleteLogger } from './logger.js';
import type { MosaicEventName, MosaicEvents } from './types.js';

/**
 * A listener of one Mosaic event. It may be async; a returned promise that rejects is caught
 * and reported like a synchronous throw.
 */
export type MosaicEventListener<K extends MosaicEventName> = (payload: MosaicEvents[K]) => void;

/** A listener of every event (see {@link EventBus.onAny}). */
export type MosaicAnyEventListener = <K extends MosaicEventName>(event: K, payload: MosaicEvents[K]) => void;

/**
 * The typed event bus every part of the orchestrator emits on (names and payloads:
 * {@link MosaicEvents}). Delivery is synchronous, in subscription order. A listener that
 * throws (or whose promise rejects) is reported to the logger (`error`, message
 * `mosaic: event listener failed`) and never reaches the emitter's caller, nor stops the
 * other listeners.
 */
export interface EventBus {
  /** Subscribes `listener` to `event`. Returns a function that unsubscribes it. */
  on<K extends MosaicEventName>(event: K, listener: MosaicEventListener<K>): () => void;
  /** Subscribes `listener` to the next `event` only. Returns a function that unsubscribes it. */
  once<K extends MosaicEventName>(event: K, listener: MosaicEventListener<K>): () => void;
  /** Unsubscribes every subscription of `listener` to `event` (no-op when there is none). */
  off<K extends MosaicEventName>(event: K, listener: MosaicEventListener<K>): void;
  /** Subscribes `listener` to every event (audit, logging, test recorders). Returns an unsubscribe function. */
  onAny(listener: MosaicAnyEventListener): () => void;
  /**
   * Delivers `payload` to the listeners of `event` and to `onAny` listeners. Never throws
   * because of a listener. Returns true when at least one listener received it.
   */
  emit<K extends MosaicEventName>(event: K, payload: MosaicEvents[K]): boolean;
  /** Number of listeners of `event` (not counting `onAny` listeners). */
  listenerCount(event: MosaicEventName): number;
  /** Removes every listener of `event`, or every listener of every event when omitted. */
  removeAllListeners(event?: MosaicEventName): void;
}

/** Options of {@link createEventBus}. */
export interface EventBusOptions {
  /** Receives listener failures (`error` level). Default: none (failures are dropped silently). */
  logger?: Logger;
}

type Wrapped = (payload: unknown) => void;
/** Any listener, as stored (the bus calls it with the payload of its own event). */
type StoredListener = (payload: never) => void;

/**
 * Creates an {@link EventBus} (a typed wrapper over eventemitter3).
 *
 * @example
 * const events = createEventBus({ logger });
 * const off = events.on('failover', (e) => metrics.count(e.from, e.to));
 */
export function createEventBus(options: EventBusOptions = {}): EventBus {
  const logger = createLogger(options.logger);
  const emitter = new EventEmitter();
  const wrappers = new Map<string, Map<StoredListener, Set<Wrapped>>>();
  const anyListeners = new Set<MosaicAnyEventListener>();

  const track = (event: string, listener: StoredListener, wrapped: Wrapped): void => {
    let byListener = wrappers.get(event);
    if (!byListener) wrappers.set(event, (byListener = new Map()));
    let set = byListener.get(listener);
    if (!set) byListener.set(listener, (set = new Set()));
    set.add(wrapped);
  };
  const untrack = (event: string, listener: StoredListener, wrapped: Wrapped): void => {
    const byListener = wrappers.get(event);
    const set = byListener?.get(listener);
    if (!set) return;
    set.delete(wrapped);
    if (set.size === 0) byListener!.delete(listener);
  };

  const subscribe = (event: MosaicEventName, listener: StoredListener, once: boolean): (() => void) => {
    const wrapped: Wrapped = (payload) => {
      if (once) {
        emitter.off(event, wrapped);
        untrack(event, listener, wrapped);
      }
      invoke(logger, event, () => (listener as (payload: unknown) => unknown)(payload));
    };
    track(event, listener, wrapped);
    emitter.on(event, wrapped);
    return () => {
      emitter.off(event, wrapped);
      untrack(event, listener, wrapped);
    };
  };

  return {
    on: (event, listener) => subscribe(event, listener, false),
    once: (event, listener) => subscribe(event, listener, true),
    off(event, listener) {
      const set = wrappers.get(event)?.get(listener);
      if (!set) return;
      for (const wrapped of [...set]) {
        emitter.off(event, wrapped);
        untrack(event, listener, wrapped);
      }
    },
    onAny(listener) {
      // a fresh wrapper so that subscribing the same function twice gives two subscriptions
      const entry: MosaicAnyEventListener = (event, payload) => listener(event, payload);
      anyListeners.add(entry);
      return () => {
        anyListeners.delete(entry);
      };
    },
    emit(event, payload) {
      const delivered = emitter.emit(event, payload);
      if (anyListeners.size === 0) return delivered;
      for (const listener of [...anyListeners]) invoke(logger, event, () => listener(event, payload));
      return true;
    },
    listenerCount: (event) => emitter.listenerCount(event),
    removeAllListeners(event) {
      if (event === undefined) {
        emitter.removeAllListeners();
        wrappers.clear();
        anyListeners.clear();
      } else {
        emitter.removeAllListeners(event);
        wrappers.delete(event);
      }
    },
  };
}

function invoke(logger: CompleteLogger, event: string, call: () => unknown): void {
  try {
    const result = call();
    if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
      (result as PromiseLike<unknown>).then(undefined, (error: unknown) => report(logger, event, error));
    }
  } catch (error) {
    report(logger, event, error);
  }
}

function report(logger: CompleteLogger, event: string, error: unknown): void {
  logger.error('mosaic: event listener failed', {
    event,
    error: error instanceof Error ? { name: error.name, message: redact(error.message) } : redact(String(error)),
  });
}
