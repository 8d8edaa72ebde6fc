import { redact } from '@mosaic/orchestrator-core';
import { describe, expect, it } from 'vitest';
import { createTokenAuthenticator } from './auth.js';

const A = 'tenant-a-token-0123456789abcdef';
const B = 'tenant-b-token-fedcba9876543210';

describe('createTokenAuthenticator', () => {
  const authenticate = createTokenAuthenticator([
    { token: A, tenant: 'acme' },
    { token: B, tenant: 'globex' },
  ]);

  it('maps each valid bearer token to its tenant', () => {
    expect(authenticate(`Bearer ${A}`)).toBe('acme');
    expect(authenticate(`bearer ${B}`)).toBe('globex');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', `Basic ${A}`],
    ['a wrong token', 'Bearer tenant-a-token-0123456789abcdeX'],
    ['a prefix of a token', `Bearer ${A.slice(0, -1)}`],
    ['a token with extra text', `Bearer ${A} ${B}`],
    ['the scheme alone', 'Bearer '],
  ])('rejects %s', (_label, header) => {
    expect(authenticate(header)).toBeUndefined();
  });

  it('registers tokens as secrets so they are redacted everywhere', () => {
    expect(redact(`echo ${A}`)).not.toContain(A);
  });

  it('refuses short tokens, no tokens and one token for two tenants, without printing the token', () => {
    expect(() => createTokenAuthenticator([])).toThrow(/at least one bearer token/);
    expect(() => createTokenAuthenticator([{ token: 'short', tenant: 'acme' }])).toThrow(/at least 16 characters/);
    try {
      createTokenAuthenticator([
        { token: A, tenant: 'acme' },
        { token: A, tenant: 'globex' },
      ]);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/also configured for tenant "acme"/);
      expect((error as Error).message).not.toContain(A);
    }
  });
});
