import { createHash, timingSafeEqual } from 'node:crypto';
import { registerSecret } from '@mosaic/orchestrator-core';

/** One bearer token and the tenant it stands for. */
export interface McpToken {
  /** The bearer token clients send (`Authorization: Bearer <token>`). At least 16 characters. */
  token: string;
  /** Tenant whose providers, cache entries and budgets the token's requests use. */
  tenant: string;
}

/** Shortest accepted bearer token, in characters. */
export const MIN_TOKEN_LENGTH = 16;

/**
 * Builds the bearer-token check of the HTTP transport: returns the tenant of a valid
 * `Authorization` header, `undefined` otherwise. Tokens are compared as SHA-256 digests with
 * `crypto.timingSafeEqual` (equal lengths), against every configured token whatever matched
 * earlier, so timing tells nothing about which token or how much of it matched. Tokens are
 * registered as secrets (redacted from every Mosaic error and log).
 *
 * @throws TypeError when no token is given, a token is shorter than {@link MIN_TOKEN_LENGTH},
 *   or one token is given for two tenants (the message never contains a token).
 */
export function createTokenAuthenticator(tokens: readonly McpToken[]): (authorization: string | undefined) => string | undefined {
  if (tokens.length === 0) throw new TypeError('The HTTP transport needs at least one bearer token (tokens: [{ token, tenant }])');
  const entries: Array<{ digest: Buffer; tenant: string }> = [];
  const seen = new Map<string, string>();
  tokens.forEach((t, index) => {
    if (typeof t.token !== 'string' || t.token.length < MIN_TOKEN_LENGTH) {
      throw new TypeError(`tokens[${index}] (tenant "${t.tenant}") must be at least ${MIN_TOKEN_LENGTH} characters`);
    }
    if (typeof t.tenant !== 'string' || t.tenant === '') throw new TypeError(`tokens[${index}].tenant must be a non-empty string`);
    registerSecret(t.token);
    const digest = sha256(t.token);
    const key = digest.toString('hex');
    if (seen.has(key) && seen.get(key) !== t.tenant) throw new TypeError(`tokens[${index}] is also configured for tenant "${seen.get(key)}"`);
    seen.set(key, t.tenant);
    entries.push({ digest, tenant: t.tenant });
  });
  return (authorization) => {
    const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(authorization ?? '');
    const presented = sha256(match?.[1] ?? '');
    let tenant: string | undefined;
    for (const entry of entries) {
      if (timingSafeEqual(entry.digest, presented) && match && tenant === undefined) tenant = entry.tenant;
    }
    return tenant;
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
