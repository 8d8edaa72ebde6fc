import { describe, expect, it, vi } from 'vitest';
import { createEventBus } from './bus.js';
import type { MosaicEvents } from './types.js';

const warning = (message: string): MosaicEvents['warning'] => ({ message, source: 'test' });

describe('createEventBus', () => {
  it('delivers typed payloads to listeners in subscription order', () => {
    const bus = createEventBus();
    const seen: string[] = [];
    bus.on('warning', (e) => seen.push(`a:${e.message}`));
    bus.on('warning', (e) => seen.push(`b:${e.message}`));
    bus.on('cache:invalidate', (e) => seen.push(`tags:${e.tags.join(',')}`));
    expect(bus.emit('warning', warning('w1'))).toBe(true);
    bus.emit('cache:invalidate', { tags: ['repo:a/b'], origin: 'local' });
    expect(seen).toEqual(['a:w1', 'b:w1', 'tags:repo:a/b']);
  });

  it('rejects wrong payloads at compile time', () => {
    const bus = createEventBus();
    // @ts-expect-error `source` is missing
    bus.emit('warning', { message: 'x' });
    // @ts-expect-error unknown event name
    bus.on('no-such-event', () => {});
    expect(bus.listenerCount('warning')).toBe(0);
  });

  it('returns false when nobody listens', () => {
    expect(createEventBus().emit('warning', warning('x'))).toBe(false);
  });

  it('unsubscribes with the returned function and with off()', () => {
    const bus = createEventBus();
    const a = vi.fn();
    const b = vi.fn();
    const offA = bus.on('warning', a);
    bus.on('warning', b);
    bus.on('warning', b);
    expect(bus.listenerCount('warning')).toBe(3);
    offA();
    bus.off('warning', b);
    bus.off('warning', b); // no-op
    bus.emit('warning', warning('x'));
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
    expect(bus.listenerCount('warning')).toBe(0);
  });

  it('once() delivers a single event and off() removes it before', () => {
    const bus = createEventBus();
    const once = vi.fn();
    bus.once('warning', once);
    bus.emit('warning', warning('1'));
    bus.emit('warning', warning('2'));
    expect(once).toHaveBeenCalledExactlyOnceWith(warning('1'));
    const never = vi.fn();
    bus.once('warning', never);
    bus.off('warning', never);
    bus.emit('warning', warning('3'));
    expect(never).not.toHaveBeenCalled();
  });

  it('onAny() receives every event with its name', () => {
    const bus = createEventBus();
    const seen: Array<[string, unknown]> = [];
    const off = bus.onAny((event, payload) => {
      seen.push([event, payload]);
    });
    bus.emit('warning', warning('x'));
    bus.emit('cache:l2-state', { available: false, reason: 'down' });
    off();
    bus.emit('warning', warning('y'));
    expect(seen).toEqual([
      ['warning', warning('x')],
      ['cache:l2-state', { available: false, reason: 'down' }],
    ]);
  });

  it('isolates a throwing listener: the emitter and other listeners go on, the logger hears of it', () => {
    const error = vi.fn();
    const bus = createEventBus({ logger: { error } });
    const after = vi.fn();
    bus.on('warning', () => {
      throw new Error('listener broke with Bearer abcdefghijklmnop');
    });
    bus.onAny(() => {
      throw new Error('any broke');
    });
    bus.on('warning', after);
    expect(() => bus.emit('warning', warning('x'))).not.toThrow();
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalledTimes(2);
    const [message, fields] = error.mock.calls[0]!;
    expect(message).toBe('mosaic: event listener failed');
    expect(fields).toMatchObject({ event: 'warning', error: { name: 'Error' } });
    expect(JSON.stringify(fields)).not.toContain('abcdefghijklmnop');
  });

  it('reports an async listener that rejects', async () => {
    const error = vi.fn();
    const bus = createEventBus({ logger: { error } });
    bus.on('warning', async () => {
      throw new Error('async broke');
    });
    bus.emit('warning', warning('x'));
    await vi.waitFor(() => expect(error).toHaveBeenCalledOnce());
    expect(error.mock.calls[0]![1]).toMatchObject({ event: 'warning', error: { message: 'async broke' } });
  });

  it('swallows listener errors silently without a logger', () => {
    const bus = createEventBus();
    bus.on('warning', () => {
      throw new Error('x');
    });
    expect(bus.emit('warning', warning('x'))).toBe(true);
  });

  it('removeAllListeners() clears one event or all', () => {
    const bus = createEventBus();
    const w = vi.fn();
    const c = vi.fn();
    const any = vi.fn();
    bus.on('warning', w);
    bus.on('cache:miss', c);
    bus.onAny(any);
    bus.removeAllListeners('warning');
    bus.emit('warning', warning('x'));
    expect(w).not.toHaveBeenCalled();
    expect(any).toHaveBeenCalledOnce();
    bus.removeAllListeners();
    bus.emit('cache:miss', { callId: 'c', operation: 'git.getRepository', service: 'git', tenant: 'default' });
    expect(c).not.toHaveBeenCalled();
    expect(any).toHaveBeenCalledOnce();
  });
});
