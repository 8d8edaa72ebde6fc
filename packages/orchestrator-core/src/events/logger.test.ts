import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerSecret, unregisterSecret } from '../errors/redact.js';
import type { Logger } from '../spec/v1/provider.js';
import { createLogger } from './logger.js';

const CANARY = 'ghp_' + 'Q'.repeat(36);

describe('createLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('without a logger, every method is a no-op and console is never used', () => {
    const spies = (['debug', 'info', 'warn', 'error', 'log'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    const logger = createLogger();
    logger.debug('a');
    logger.info('b', { x: 1 });
    logger.warn('c');
    logger.error('d');
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('fills the methods a partial logger lacks with no-ops and forwards the others', () => {
    const error = vi.fn();
    const logger = createLogger({ error });
    logger.info('ignored');
    logger.error('boom', { pluginId: 'github' });
    expect(error).toHaveBeenCalledExactlyOnceWith('boom', { pluginId: 'github' });
  });

  it('calls methods with the host logger as `this` (pino/winston style)', () => {
    class Host implements Logger {
      lines: string[] = [];
      info(message: string) {
        this.lines.push(message);
      }
    }
    const host = new Host();
    createLogger(host).info('hello');
    expect(host.lines).toEqual(['hello']);
  });

  it('redacts credentials in messages and fields', () => {
    const secret = 'registered-secret-value';
    registerSecret(secret);
    try {
      const warn = vi.fn();
      createLogger({ warn }).warn(`token ${CANARY} and ${secret}`, { token: 'abcdefgh', nested: { note: `x ${secret}` } });
      const [message, fields] = warn.mock.calls[0]!;
      const text = JSON.stringify([message, fields]);
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('abcdefgh');
      expect(text).toContain('[REDACTED]');
    } finally {
      unregisterSecret(secret);
    }
  });

  it('swallows a throwing logger', () => {
    const logger = createLogger({
      error() {
        throw new Error('logger down');
      },
    });
    expect(() => logger.error('x')).not.toThrow();
  });
});
