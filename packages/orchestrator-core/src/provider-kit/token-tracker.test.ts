import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redact } from '../errors/index.js';
import { TokenTracker } from './token-tracker.js';

const sha16 = (t: string) => createHash('sha256').update(t).digest('hex').slice(0, 16);

describe('TokenTracker', () => {
  it('is "none" without a token and reads undefined', async () => {
    const t = new TokenTracker({});
    expect(t.fingerprint()).toBe('none');
    await expect(t.read()).resolves.toBeUndefined();
    expect(t.fingerprint()).toBe('none');
  });

  it('fingerprints and redacts a fixed token at construction', async () => {
    const t = new TokenTracker({ token: 'tt-fixed-secret-1' });
    expect(t.fingerprint()).toBe(sha16('tt-fixed-secret-1'));
    expect(redact('key tt-fixed-secret-1 here')).not.toContain('tt-fixed-secret-1');
    await expect(t.read()).resolves.toBe('tt-fixed-secret-1');
  });

  it('calls getToken on every read and follows a rotated token', async () => {
    const tokens = ['tt-rotating-secret-a', 'tt-rotating-secret-b'];
    let calls = 0;
    const t = new TokenTracker({ getToken: async () => tokens[calls++]! });
    expect(t.fingerprint()).toBe('none');
    await expect(t.read()).resolves.toBe('tt-rotating-secret-a');
    expect(t.fingerprint()).toBe(sha16('tt-rotating-secret-a'));
    await expect(t.read()).resolves.toBe('tt-rotating-secret-b');
    expect(t.fingerprint()).toBe(sha16('tt-rotating-secret-b'));
    expect(redact('tt-rotating-secret-b')).not.toContain('tt-rotating-secret-b');
  });

  it('passes a getToken failure through and treats an empty token as none', async () => {
    const boom = new Error('vault down');
    await expect(new TokenTracker({ getToken: () => Promise.reject(boom) }).read()).rejects.toBe(boom);
    const empty = new TokenTracker({ getToken: () => '' });
    await expect(empty.read()).resolves.toBeUndefined();
    expect(empty.fingerprint()).toBe('none');
  });
});
