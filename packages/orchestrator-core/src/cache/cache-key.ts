import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** What a cache key is made of. */
export interface CacheKeyParts {
  /** Tenant id the call runs for. */
  tenant: string;
  /**
   * Fingerprint of the credential the call uses (for instance a SHA-256 of the token). Two
   * credentials of one tenant never share entries. Even if a raw token is passed by mistake it
   * only ever enters the hash, never the returned key.
   */
  credential: string;
  /** Operation id, e.g. `git.getRepository`. */
  operation: string;
  /** The validated operation input; hashed in canonical JSON (sorted keys, `undefined` dropped). */
  input: unknown;
}

/**
 * The cache key of a read: lowercase hex SHA-256 (64 characters) over the canonical JSON of
 * `{ credential, input, operation, tenant }`. Nothing readable is prefixed, so the key leaks
 * neither the tenant nor the credential; distinct tenants, credentials, operations or inputs
 * give distinct keys (up to SHA-256 collisions). Pure and synchronous.
 *
 * @throws {InvalidArgumentError} when `input` contains a cycle.
 */
export function cacheKey(parts: CacheKeyParts): string {
  const json = canonicalJson({
    credential: parts.credential,
    input: parts.input,
    operation: parts.operation,
    tenant: parts.tenant,
  });
  return createHash('sha256').update(json).digest('hex');
}
