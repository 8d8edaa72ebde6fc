import { createHash } from 'node:crypto';

/**
 * A short, non-reversible fingerprint of the credentials in use, for
 * `ProviderV1.credentialFingerprint()`: the first 16 hex characters of
 * `sha256(baseUrl + "\u0000" + token)`. Two instances with the same server and token get the
 * same fingerprint (so caches may be shared); the token cannot be recovered from it.
 * @param baseUrl - the configured server URL
 * @param token - the token in use; `''` when not known yet (e.g. `getToken` not called yet)
 */
export function credentialFingerprintOf(baseUrl: string, token: string): string {
  return createHash('sha256').update(`${baseUrl}\u0000${token}`).digest('hex').slice(0, 16);
}
