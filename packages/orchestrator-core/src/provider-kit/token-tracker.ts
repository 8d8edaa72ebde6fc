import { createHash } from 'node:crypto';
import { registerSecret } from '../errors/index.js';

/**
 * Holds a provider's credential source (`token` or `getToken`) and the fingerprint of the last
 * token seen, for SDK-based providers whose client asks for the key before each request.
 * Every token it sees is registered with the core's redaction (`registerSecret`). The
 * fingerprint is `none` until a token is known, then the first 16 hex characters of
 * `sha256(token)` (it does not include the server; compare {@link credentialFingerprintOf}).
 * A fixed `token` is registered and fingerprinted at construction; `getToken` is called only by
 * {@link TokenTracker.read}.
 */
export class TokenTracker {
  private readonly token: string | undefined;
  private readonly getToken: (() => string | Promise<string>) | undefined;
  private current = 'none';

  constructor(source: { token?: string | undefined; getToken?: (() => string | Promise<string>) | undefined }) {
    this.token = source.token;
    this.getToken = source.getToken;
    if (this.token) this.see(this.token);
  }

  /** The fingerprint of the last token seen (`none` before any). */
  fingerprint(): string {
    return this.current;
  }

  /**
   * The token to send now: `token`, else what `getToken()` gives (called each time, so a
   * rotated key is picked up), else `undefined` (an empty string counts as none).
   * @throws whatever `getToken` throws, unchanged
   */
  async read(): Promise<string | undefined> {
    const token = this.token ?? (this.getToken ? await this.getToken() : undefined);
    if (!token) return undefined;
    this.see(token);
    return token;
  }

  private see(token: string): void {
    registerSecret(token);
    this.current = createHash('sha256').update(token).digest('hex').slice(0, 16);
  }
}
