import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigError, InvalidArgumentError, ProviderCallError, redact } from '../errors/index.js';
import { parseOperationInput } from './operation-input.js';
import { credentialFingerprintOf, resolveToken } from './credentials.js';
import { runHealthCheck } from './health.js';
import { rateLimitFromHeaders } from './rate-limit.js';
import { RateLimitMeter } from './rate-limit-meter.js';
import { httpUrlSchema, parseProviderSettings, providerSettingsFields, requireOneToken } from './settings.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('rateLimitFromHeaders', () => {
  it('reads X-RateLimit-* by default, epoch-second resets as epoch ms', () => {
    const h = new Headers({ 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '7', 'X-RateLimit-Reset': '1900000000' });
    expect(rateLimitFromHeaders(h)).toEqual({ resource: 'requests', limit: 60, remaining: 7, resetAt: 1_900_000_000_000 });
  });
  it('reads another prefix and takes a small reset as seconds from now', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const h = new Headers({ 'RateLimit-Remaining': '0', 'RateLimit-Reset': '30' });
    expect(rateLimitFromHeaders(h, 'RateLimit-')).toEqual({ resource: 'requests', remaining: 0, resetAt: 1_030_000 });
    expect(rateLimitFromHeaders(h)).toBeUndefined();
  });
  it('leaves out values that are not numbers', () => {
    expect(rateLimitFromHeaders(new Headers({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '3' }))).toEqual({ resource: 'requests', remaining: 3 });
  });
});

describe('credentialFingerprintOf', () => {
  it('is 16 hex chars, stable, and differs by server and token without containing the token', () => {
    const a = credentialFingerprintOf('https://a.example', 'tok-secret-1');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(credentialFingerprintOf('https://a.example', 'tok-secret-1')).toBe(a);
    expect(credentialFingerprintOf('https://b.example', 'tok-secret-1')).not.toBe(a);
    expect(credentialFingerprintOf('https://a.example', 'tok-secret-2')).not.toBe(a);
    expect(a).not.toContain('secret');
  });
});

describe('resolveToken', () => {
  it('prefers the fixed token and registers it for redaction', async () => {
    const getToken = vi.fn(() => 'other');
    await expect(resolveToken({ provider: 'p', token: 'fixed-token-abc123', getToken })).resolves.toBe('fixed-token-abc123');
    expect(getToken).not.toHaveBeenCalled();
    expect(redact('x fixed-token-abc123 y')).not.toContain('fixed-token-abc123');
  });
  it('calls getToken each time when no token is fixed', async () => {
    let n = 0;
    const getToken = async () => `rotated-token-${++n}xyz`;
    await expect(resolveToken({ provider: 'p', getToken })).resolves.toBe('rotated-token-1xyz');
    await expect(resolveToken({ provider: 'p', getToken })).resolves.toBe('rotated-token-2xyz');
  });
  it('wraps a failing getToken as a not-applied auth error keeping the cause', async () => {
    const cause = new Error('vault down');
    const error = await resolveToken({ provider: 'p', getToken: () => Promise.reject(cause) }).catch((e: unknown) => e);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ category: 'auth', outcome: 'not-applied', cause });
  });
  it('rejects an empty token', async () => {
    await expect(resolveToken({ provider: 'p', getToken: () => '' })).rejects.toMatchObject({ category: 'auth', message: 'p: getToken returned no token' });
  });
});

describe('runHealthCheck', () => {
  it('is healthy with the probe detail', async () => {
    const result = await runHealthCheck({ signal: new AbortController().signal, timeoutMs: 1000, probe: async () => 'vendor 1.2.3' });
    expect(result).toMatchObject({ status: 'healthy', detail: 'vendor 1.2.3' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });
  it('is degraded when rate-limited and unhealthy otherwise, never throwing', async () => {
    const limited = new ProviderCallError({ provider: 'p', category: 'rate-limited', message: 'p: 429' });
    await expect(runHealthCheck({ signal: new AbortController().signal, timeoutMs: 1000, probe: () => Promise.reject(limited) })).resolves.toMatchObject({ status: 'degraded', detail: 'p: 429' });
    const auth = new ProviderCallError({ provider: 'p', category: 'auth', message: 'p: 401' });
    await expect(runHealthCheck({ signal: new AbortController().signal, timeoutMs: 1000, probe: () => Promise.reject(auth) })).resolves.toMatchObject({ status: 'unhealthy', detail: 'p: 401' });
    await expect(runHealthCheck({ signal: new AbortController().signal, timeoutMs: 1000, probe: () => Promise.reject(new Error('token xyz')) })).resolves.toMatchObject({ status: 'unhealthy', detail: 'health check failed' });
  });
  it('hands the probe a signal aborted by the caller', async () => {
    const controller = new AbortController();
    const result = runHealthCheck({
      signal: controller.signal,
      timeoutMs: 60_000,
      probe: (signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    controller.abort();
    await expect(result).resolves.toMatchObject({ status: 'unhealthy', detail: 'health check aborted or timed out' });
  });
});

describe('provider settings pieces', () => {
  const schema = requireOneToken(z.strictObject({ baseUrl: httpUrlSchema, ...providerSettingsFields }));

  it('applies defaults and accepts either token or getToken', () => {
    expect(parseProviderSettings(schema, { baseUrl: 'https://h.example', token: 't' }, 'src')).toMatchObject({ maxPages: 1000, healthTimeoutMs: 5000, token: 't' });
    const getToken = () => 't';
    expect(parseProviderSettings(schema, { baseUrl: 'http://h.example', getToken }, 'src').getToken).toBe(getToken);
  });

  it.each([
    ['both token and getToken', { baseUrl: 'https://h.example', token: 't', getToken: () => 't' }, 'token'],
    ['neither', { baseUrl: 'https://h.example' }, 'token'],
    ['a non-http URL', { baseUrl: 'ftp://h.example', token: 't' }, 'baseUrl'],
    ['an unknown key', { baseUrl: 'https://h.example', token: 't', extra: 1 }, ''],
  ])('rejects %s with a ConfigError naming the path', (_name, input, path) => {
    const error = (() => {
      try {
        parseProviderSettings(schema, input, '@x/provider settings');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ source: '@x/provider settings' });
    expect((error as ConfigError).issues.map((i) => i.path)).toContain(path);
  });

  it('never echoes the token in the error', () => {
    try {
      parseProviderSettings(schema, { baseUrl: 'nope', token: 'super-secret-token-value' }, 'src');
      expect.unreachable();
    } catch (error) {
      expect(JSON.stringify((error as ConfigError).issues)).not.toContain('super-secret-token-value');
      expect((error as Error).message).not.toContain('super-secret-token-value');
    }
  });
});

describe('RateLimitMeter', () => {
  it('counts responses, keeps and reports the last rate-limit state, and stops reporting after dispose', () => {
    const reported: unknown[] = [];
    const meter = new RateLimitMeter({ provider: 'p', read: (h) => rateLimitFromHeaders(h, 'ratelimit-') });
    meter.initialize({ reportRateLimit: (s) => reported.push(s) });
    meter.record(new Headers());
    meter.record(new Headers({ 'ratelimit-remaining': '5', 'ratelimit-limit': '10' }));
    expect(reported).toEqual([{ resource: 'requests', remaining: 5, limit: 10 }]);
    expect(meter.metrics()).toEqual({ requests: 2, rateLimit: { resource: 'requests', remaining: 5, limit: 10 } });
    meter.dispose();
    meter.record(new Headers({ 'ratelimit-remaining': '4' }));
    expect(reported).toHaveLength(1);
    expect(meter.metrics()).toMatchObject({ requests: 3, rateLimit: { remaining: 4 } });
  });

  it('logs a throwing reporter at warn instead of failing', () => {
    const warn = vi.fn();
    const meter = new RateLimitMeter({ provider: 'p' });
    meter.initialize({ logger: { warn }, reportRateLimit: () => { throw new Error('boom'); } });
    expect(() => meter.record(new Headers({ 'x-ratelimit-remaining': '1' }))).not.toThrow();
    expect(warn).toHaveBeenCalledWith('reportRateLimit threw', { provider: 'p', error: 'Error: boom' });
    expect(new RateLimitMeter({ provider: 'p' }).metrics()).toEqual({ requests: 0 });
  });
});

describe('parseOperationInput', () => {
  it('returns the validated input with defaults applied', () => {
    const parsed = parseOperationInput('git.getRepository', { owner: 'acme', repo: 'svc' });
    expect(parsed).toMatchObject({ owner: 'acme', repo: 'svc' });
  });
  it('throws InvalidArgumentError naming the operation and the invalid path', () => {
    let error: unknown;
    try {
      parseOperationInput('git.getRepository', { owner: 'acme' });
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'git.getRepository' });
    expect((error as InvalidArgumentError).issues.map((i) => i.path)).toContain('repo');
  });
});
