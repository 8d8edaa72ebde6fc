import { createHash } from 'node:crypto';
import { ProviderCallError, registerSecret } from '../errors/index.js';

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

/** Options of {@link resolveToken}. */
export interface ResolveTokenOptions {
  /** Provider id, named in errors. */
  provider: string;
  /** A fixed token; wins when set. */
  token?: string | undefined;
  /** Called (once per call of {@link resolveToken}) when `token` is not set, so rotated tokens are picked up. */
  getToken?: (() => string | Promise<string>) | undefined;
}

/**
 * Returns the token to send: `token`, else what `getToken()` gives. The token is registered
 * with the core's redaction (`registerSecret`) before it is returned.
 * @throws ProviderCallError (`category: 'auth'`, `outcome: 'not-applied'`, the cause kept) when
 *   `getToken` throws or rejects
 * @throws ProviderCallError (`category: 'auth'`) when the result is not a non-empty string
 */
export async function resolveToken(options: ResolveTokenOptions): Promise<string> {
  let token: unknown = options.token;
  if (token === undefined) {
    try {
      token = await options.getToken?.();
    } catch (error) {
      throw new ProviderCallError({ provider: options.provider, category: 'auth', outcome: 'not-applied', message: `${options.provider}: getToken failed`, cause: error });
    }
  }
  if (typeof token !== 'string' || token.length === 0) {
    throw new ProviderCallError({ provider: options.provider, category: 'auth', message: `${options.provider}: getToken returned no token` });
  }
  registerSecret(token);
  return token;
}
