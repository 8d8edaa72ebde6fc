import { ProviderCallError } from '@mosaic/orchestrator-core';
import { describe, expect, it } from 'vitest';
import { createCanaryToken, findCanary } from './index.js';

describe('canary tokens', () => {
  it('are unique and match none of the shapes the core redacts by pattern', () => {
    const a = createCanaryToken();
    expect(a).toMatch(/^mcanary_[0-9a-f]{32}$/);
    expect(createCanaryToken()).not.toBe(a);
  });

  it('findCanary looks in message, stack, the cause chain, errors[], JSON and inspect output', () => {
    const token = createCanaryToken();
    expect(findCanary(new Error('clean'), token)).toEqual([]);
    expect(findCanary(new Error(`bad ${token}`), token, 'e')).toEqual(expect.arrayContaining(['e.message', 'e.stack']));
    const inner = new Error('inner');
    (inner as Error & { request?: unknown }).request = { headers: { authorization: token } };
    const outer = new Error('outer', { cause: inner });
    expect(findCanary(outer, token, 'e')).toEqual(expect.arrayContaining(['JSON.stringify(e.cause)', 'util.inspect(e.cause)']));
    const agg = new AggregateError([new Error(token)], 'many');
    expect(findCanary(agg, token, 'e')).toContain('e.errors[0].message');
    expect(findCanary({ fields: { url: `https://x.test/?t=${token}` } }, token, 'log')).toEqual(['JSON.stringify(log)']);
  });

  it('sees an unregistered token the core could not redact in a Mosaic error cause', () => {
    const token = createCanaryToken();
    const vendor = Object.assign(new Error('vendor failed'), { config: { apiKey: token } });
    const error = new ProviderCallError({ provider: 'p', category: 'auth', message: 'p failed', cause: vendor });
    // The core redacts credential-named properties of a cause (`apiKey`), so nothing leaks here …
    expect(findCanary(error, token)).toEqual([]);
    // … but a property whose name does not look like a credential does.
    const leaky = new ProviderCallError({ provider: 'p', category: 'auth', message: 'p failed', cause: Object.assign(new Error('x'), { note: token }) });
    expect(findCanary(leaky, token).length).toBeGreaterThan(0);
  });
});
