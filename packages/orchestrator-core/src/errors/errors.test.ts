import { describe, expect, it } from 'vitest';
import {
  CircuitOpenError,
  ConfigError,
  InvalidArgumentError,
  MosaicError,
  NoProviderAvailableError,
  OutcomeUnknownError,
  ProviderCallError,
  RateLimitedError,
  TimeoutError,
  categoryForStatus,
  parseRetryAfter,
  providerErrorFromNetwork,
  providerErrorFromResponse,
  redact,
  redactValue,
  registerSecret,
  retryAfterFromHeaders,
  unregisterSecret,
} from './index.js';

describe('redact', () => {
  it('replaces registered secrets wherever they appear, also after the string was seen before', () => {
    const canary = `canary-${Math.random().toString(36).slice(2)}-secret`;
    const text = `request to https://x.example/api failed with key ${canary} (retry)`;
    expect(redact(text)).toContain(canary); // not registered yet: an ordinary string
    registerSecret(canary);
    expect(redact(text)).not.toContain(canary);
    expect(redact(text)).toContain('[REDACTED]');
    unregisterSecret(canary);
    expect(redact(text)).toContain(canary);
  });

  it('removes credential shapes nobody registered: headers, token prefixes, query parameters', () => {
    expect(redact('Authorization: Bearer abcdef123456')).not.toMatch(/abcdef123456/);
    expect(redact('token ghp_0123456789abcdefghijABCDEFGHIJ')).not.toMatch(/ghp_0123/);
    expect(redact('https://gitlab.example/api/v4/projects?private_token=glpat-xxxxxxxxxxxxxxxxxxxx&page=2')).toBe(
      'https://gitlab.example/api/v4/projects?private_token=[REDACTED]&page=2',
    );
    expect(redact('{"x-api-key":"sk-ant-0123456789abcdefghij"}')).not.toMatch(/0123456789abcdefghij/);
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });

  it('redactValue drops credential-named properties, redacts strings deeply and cuts cycles', () => {
    const value: Record<string, unknown> = { headers: { authorization: 'token abc', accept: 'json' }, password: 'p4ssword!', list: ['Bearer zzzzzzzzzz'] };
    value.self = value;
    const out = redactValue(value) as Record<string, any>;
    expect(out.headers.authorization).toBe('[REDACTED]');
    expect(out.headers.accept).toBe('json');
    expect(out.password).toBe('[REDACTED]');
    expect(out.list[0]).not.toContain('zzzzzzzzzz');
    expect(out.self).toBe('[Truncated]');
  });
});

describe('MosaicError family', () => {
  it('isInstance works per class through the Symbol.for marker, also for copies of the package', () => {
    const e = new RateLimitedError({ message: 'slow down', provider: 'github', retryAfterMs: 1000 });
    expect(MosaicError.isInstance(e)).toBe(true);
    expect(ProviderCallError.isInstance(e)).toBe(true);
    expect(RateLimitedError.isInstance(e)).toBe(true);
    expect(TimeoutError.isInstance(e)).toBe(false);
    // an object from another copy of the package carries the same global symbols
    const foreign = { [Symbol.for('mosaic.error')]: true, [Symbol.for('mosaic.error.timeout')]: true };
    expect(TimeoutError.isInstance(foreign)).toBe(true);
    expect(MosaicError.isInstance(new Error('x'))).toBe(false);
  });

  it('redacts a vendor cause in place (message, stack, nested request headers) and serializes without a stack', () => {
    const token = `tok-${Math.random().toString(36).slice(2)}-canary`;
    registerSecret(token);
    const vendor = Object.assign(new Error(`401 for token ${token}`), { request: { headers: { authorization: `token ${token}` } } });
    const error = new ProviderCallError({ message: `call failed (${token})`, provider: 'github', category: 'auth', status: 401, cause: vendor });
    const everything = [error.message, error.stack, (error.cause as Error).message, (error.cause as Error).stack, JSON.stringify(error), JSON.stringify((error.cause as any).request)].join('\n');
    expect(everything).not.toContain(token);
    const json = error.toJSON();
    expect(json).toMatchObject({ name: 'ProviderCallError', code: 'provider_call', provider: 'github', status: 401, category: 'auth', isRetryable: false, outcome: 'not-applied' });
    expect(JSON.stringify(json)).not.toMatch(/\bat \w+ \(/); // no stack frames
    unregisterSecret(token);
  });

  it('InvalidArgumentError and ConfigError list every issue with its path', () => {
    const a = new InvalidArgumentError({ argument: 'git.createRepository', issues: [{ path: 'name', message: 'required' }, { path: 'owner', message: 'too short' }] });
    expect(a.message).toBe('Invalid git.createRepository: name: required; owner: too short');
    const c = new ConfigError({ issues: [{ path: 'orchestration.routing.rules[2].priority', message: 'expected number, got "high"' }], source: 'o.yaml' });
    expect(c.message.split('\n')).toEqual(['Invalid configuration in o.yaml (1 problem)', '  orchestration.routing.rules[2].priority: expected number, got "high"']);
  });

  it('errors that carry attempts keep them; open breakers are retryable and say when', () => {
    const attempt = { provider: 'a', operation: 'git.createRepository', attempt: 1, startedAt: 0, durationMs: 5, status: 'error' as const, outcome: 'unknown' as const };
    expect(new OutcomeUnknownError({ operation: 'git.createRepository', provider: 'a', attempts: [attempt] }).attempts).toEqual([attempt]);
    const none = new NoProviderAvailableError({ operation: 'git.getRepository', attempts: [attempt], reasons: { b: 'breaker open' } });
    expect(none.message).toContain('b: breaker open');
    const open = new CircuitOpenError({ provider: 'a', operationKind: 'read', state: 'open', retryAfterMs: 900 });
    expect([open.isRetryable, open.retryAfterMs]).toEqual([true, 900]);
  });
});

describe('HTTP classification', () => {
  it('parses Retry-After as seconds or as an HTTP-date, and ignores garbage', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('reads retry-after-ms first, then Retry-After, then a reset header when nothing remains', () => {
    const now = 1_700_000_000_000;
    expect(retryAfterFromHeaders({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
    expect(retryAfterFromHeaders(new Headers({ 'Retry-After': '3' }), now)).toBe(3000);
    expect(retryAfterFromHeaders({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 42) }, now)).toBe(42_000);
    expect(retryAfterFromHeaders({ 'RateLimit-Remaining': '0', 'RateLimit-Reset': '7' }, now)).toBe(7000);
    expect(retryAfterFromHeaders({ 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': '7' }, now)).toBeUndefined();
  });

  it.each([
    [401, 'auth', false, 'not-applied'],
    [403, 'auth', false, 'not-applied'],
    [404, 'not-found', false, 'not-applied'],
    [408, 'timeout', true, 'unknown'],
    [409, 'conflict', true, 'unknown'],
    [422, 'validation', false, 'not-applied'],
    [500, 'unavailable', true, 'unknown'],
    [502, 'unavailable', true, 'unknown'],
    [503, 'unavailable', true, 'unknown'],
  ] as const)('HTTP %i → %s (retryable %s, outcome %s)', (status, category, retryable, outcome) => {
    expect(categoryForStatus(status)).toBe(category);
    const e = providerErrorFromResponse({ provider: 'gitea', operation: 'git.getRepository', status, method: 'get', url: 'https://g.example/api/v1/repos/a/b' });
    expect(ProviderCallError.isInstance(e)).toBe(true);
    expect([e.category, e.isRetryable, e.outcome, e.status]).toEqual([category, retryable, outcome, status]);
    expect(e.request).toEqual({ method: 'GET', url: 'https://g.example/api/v1/repos/a/b' });
  });

  it('429 and 529 become RateLimitedError with the wait; quota exhaustion is not retryable', () => {
    const limited = providerErrorFromResponse({ provider: 'openai', status: 429, headers: { 'retry-after': '2' } });
    expect(RateLimitedError.isInstance(limited)).toBe(true);
    expect([limited.retryAfterMs, limited.isRetryable, limited.outcome]).toEqual([2000, true, 'not-applied']);
    const overloaded = providerErrorFromResponse({ provider: 'anthropic', status: 529 }) as RateLimitedError;
    expect([overloaded.reason, overloaded.category]).toEqual(['overloaded', 'unavailable']);
    const quota = providerErrorFromResponse({ provider: 'openai', status: 429, rateLimitReason: 'quota-exhausted' });
    expect(quota.isRetryable).toBe(false);
    const secondary = providerErrorFromResponse({ provider: 'github', status: 403, rateLimitReason: 'secondary-rate-limit', headers: { 'retry-after': '60' } });
    expect([RateLimitedError.isInstance(secondary), secondary.retryAfterMs]).toEqual([true, 60_000]);
  });

  it('keeps the vendor field errors of a 422', () => {
    const e = providerErrorFromResponse({ provider: 'github', status: 422, vendorMessage: 'Validation Failed', fieldErrors: [{ field: 'name', code: 'already_exists', message: 'name already exists on this account' }] });
    expect(e.fieldErrors).toEqual([{ field: 'name', code: 'already_exists', message: 'name already exists on this account' }]);
    expect(e.message).toContain('Validation Failed');
  });

  it('connection refused proves nothing was sent; a reset does not; a timeout becomes TimeoutError', () => {
    const refused = providerErrorFromNetwork({ provider: 'gitea', error: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }) });
    expect([refused.category, refused.outcome, refused.isRetryable, refused.vendorCode]).toEqual(['network', 'not-applied', true, 'ECONNREFUSED']);
    const reset = providerErrorFromNetwork({ provider: 'gitea', error: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    expect(reset.outcome).toBe('unknown');
    const timeout = providerErrorFromNetwork({ provider: 'gitea', error: new DOMException('timed out', 'TimeoutError'), timeoutMs: 5000 });
    expect(TimeoutError.isInstance(timeout)).toBe(true);
    expect((timeout as TimeoutError).timeoutMs).toBe(5000);
  });
});
