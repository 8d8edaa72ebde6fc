import { ProviderCallError } from '../errors/index.js';
import type { HealthCheckResult } from '../spec/v1/provider.js';

/** Options of {@link runHealthCheck}. */
export interface RunHealthCheckOptions {
  /** The caller's signal (from `healthCheck(signal)`). */
  signal: AbortSignal;
  /** Budget of the probe, in milliseconds; the probe's signal aborts after it. */
  timeoutMs: number;
  /**
   * The probe: one cheap authenticated request (e.g. `GET /version`) that honours `signal` and
   * resolves to a short detail such as `gitea 1.22.0` (never a credential).
   */
  probe: (signal: AbortSignal) => Promise<string>;
}

/**
 * Runs a provider's health probe bounded by the caller's signal and `timeoutMs`, and turns the
 * outcome into a {@link HealthCheckResult}. Never throws: a resolved probe is `healthy`; a
 * {@link ProviderCallError} of category `rate-limited` is `degraded`; any other failure
 * (401/403 included) is `unhealthy`, with the error's (already redacted) message as detail,
 * or a fixed text for non-provider errors and aborts/time-outs. `latencyMs` is wall time in ms.
 */
export async function runHealthCheck(options: RunHealthCheckOptions): Promise<HealthCheckResult> {
  const started = Date.now();
  const bounded = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  try {
    const detail = await options.probe(bounded);
    return { status: 'healthy', latencyMs: Date.now() - started, checkedAt: Date.now(), detail };
  } catch (error) {
    const status = ProviderCallError.isInstance(error) && error.category === 'rate-limited' ? 'degraded' : 'unhealthy';
    const detail = ProviderCallError.isInstance(error) ? error.message : bounded.aborted ? 'health check aborted or timed out' : 'health check failed';
    return { status, latencyMs: Date.now() - started, checkedAt: Date.now(), detail };
  }
}
