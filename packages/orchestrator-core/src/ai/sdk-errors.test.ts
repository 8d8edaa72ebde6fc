import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, ProviderCallError, TimeoutError } from '../errors/index.js';
import { mapSdkTransportError, sdkNetworkError, type SdkErrorContext } from './sdk-errors.js';

// Stand-ins for a generated SDK's transport error classes (the SDKs' own are tested in the providers).
class UserAbort extends Error {}
class ConnectionError extends Error {}
class ConnectionTimeout extends ConnectionError {}
const classes = { userAbort: UserAbort, connectionTimeout: ConnectionTimeout, connection: ConnectionError };
const ctx: SdkErrorContext = { provider: 'p', operation: 'ai.chat', url: 'https://api.example.test/v1/chat', timeoutMs: 1234 };

describe('mapSdkTransportError', () => {
  it("returns the aborted signal's reason whatever was thrown", () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    controller.abort(reason);
    expect(mapSdkTransportError(new ConnectionError('x'), { ...ctx, signal: controller.signal }, classes)).toBe(reason);
  });

  it('passes a MosaicError through and an SDK abort without a signal as is', () => {
    const mosaic = new InvalidArgumentError({ argument: 'input', issues: [{ path: 'model', message: 'required' }] });
    expect(mapSdkTransportError(mosaic, ctx, classes)).toBe(mosaic);
    const abort = new UserAbort('aborted');
    expect(mapSdkTransportError(abort, ctx, classes)).toBe(abort);
  });

  it('maps the SDK timeout to a TimeoutError carrying the budget (checked before the connection class it extends)', () => {
    const mapped = mapSdkTransportError(new ConnectionTimeout('timed out'), ctx, classes);
    expect(mapped).toBeInstanceOf(TimeoutError);
    expect((mapped as TimeoutError).timeoutMs).toBe(1234);
  });

  it("maps a connection failure from its cause: refused before sending is 'not-applied' with the request named", () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const mapped = mapSdkTransportError(new ConnectionError('Connection error.', { cause }), ctx, classes) as ProviderCallError;
    expect(mapped).toBeInstanceOf(ProviderCallError);
    expect(mapped.category).toBe('network');
    expect(mapped.outcome).toBe('not-applied');
    expect(mapped.vendorCode).toBe('ECONNREFUSED');
    expect(mapped.request).toEqual({ method: 'POST', url: 'https://api.example.test/v1/chat' });
  });

  it('returns undefined for anything else (vendor HTTP errors are the provider’s to map)', () => {
    expect(mapSdkTransportError(new Error('HTTP 500'), ctx, classes)).toBeUndefined();
  });
});

describe('sdkNetworkError', () => {
  it("is a network error of outcome 'unknown' for a stream cut mid-way", () => {
    const mapped = sdkNetworkError(new TypeError('terminated'), ctx);
    expect(mapped.category).toBe('network');
    expect(mapped.outcome).toBe('unknown');
    expect(mapped.message).toContain('terminated');
  });
});
