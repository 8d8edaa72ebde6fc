import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../errors/provider-call-error.js';
import { RateLimitedError } from '../../errors/rate-limited-error.js';
import { listOperations } from '../../registry/index.js';
import { createFaultInjectingProvider } from './fault-injecting-provider.js';

const createInput = { owner: 'acme', name: 'svc', ownerType: 'organization' as const, private: false, autoInit: false };

describe('createFaultInjectingProvider', () => {
  it('implements every git operation and declares them', () => {
    const p = createFaultInjectingProvider({ id: 'x' });
    const git = listOperations('git');
    expect(p.capabilities.operations).toEqual(git.map((o) => o.name));
    for (const op of git) expect(typeof (p as unknown as Record<string, unknown>)[op.method]).toBe('function');
    expect(p.specificationVersion).toBe('v1');
  });

  it('stores writes by resource id, serves reads and lists from the store', async () => {
    const p = createFaultInjectingProvider({ id: 'x' });
    await p.createRepository(createInput, { idempotencyKey: 'k' });
    expect(p.store.has('git:org/acme/repo/svc')).toBe(true);
    expect(await p.getRepository({ owner: 'acme', repo: 'svc' }, {})).toMatchObject({ name: 'svc', provider: 'x' });
    const page = await p.listRepositories({ owner: 'acme', ownerType: 'organization' }, {});
    expect(page.items).toHaveLength(1);
    expect(p.appliedCount('k')).toBe(1);
    await p.deleteRepository({ owner: 'acme', repo: 'svc' }, {});
    expect(p.store.has('git:org/acme/repo/svc')).toBe(false);
  });

  it('honours idempotency keys only when declared', async () => {
    const honours = createFaultInjectingProvider({ id: 'h', idempotencyKeys: true });
    await honours.createRepository(createInput, { idempotencyKey: 'k' });
    await honours.createRepository(createInput, { idempotencyKey: 'k' });
    expect(honours.appliedCount('k')).toBe(1);
    const ignores = createFaultInjectingProvider({ id: 'i' });
    await ignores.createRepository(createInput, { idempotencyKey: 'k' });
    await ignores.createRepository(createInput, { idempotencyKey: 'k' });
    expect(ignores.appliedCount('k')).toBe(2);
    expect(honours.capabilities.features?.idempotencyKeys).toBe(true);
  });

  it('injects classified faults in script order', async () => {
    const p = createFaultInjectingProvider({
      id: 'x',
      faults: [{ type: 'status', status: 503 }, { type: 'rate-limit', retryAfter: 3 }, { type: 'connection-refused' }, { type: 'reset' }, { type: 'drop-after-commit' }, null],
    });
    const call = () => p.createRepository(createInput, { idempotencyKey: 'k' }).catch((e: unknown) => e as ProviderCallError);
    expect(await call()).toMatchObject({ status: 503, category: 'unavailable', outcome: 'unknown' });
    const limited = await call();
    expect(RateLimitedError.isInstance(limited)).toBe(true);
    expect(limited).toMatchObject({ retryAfterMs: 3000, outcome: 'not-applied' });
    expect(await call()).toMatchObject({ category: 'network', outcome: 'not-applied', vendorCode: 'ECONNREFUSED' });
    expect(await call()).toMatchObject({ category: 'network', outcome: 'unknown', vendorCode: 'ECONNRESET' });
    expect(p.appliedCount('k')).toBe(0);
    expect(await call()).toMatchObject({ category: 'network', outcome: 'unknown' });
    expect(p.appliedCount('k')).toBe(1);
    expect(await call()).toMatchObject({ name: 'svc' });
    expect(p.appliedCount('k')).toBe(2);
    expect(p.calls).toBe(6);
  });

  it('hang waits for the signal and rejects with its reason; outage fails every call', async () => {
    const p = createFaultInjectingProvider({ id: 'x', faults: [{ type: 'hang' }] });
    const c = new AbortController();
    const pending = p.getRepository({ owner: 'a', repo: 'b' }, { signal: c.signal }).catch((e: unknown) => e);
    c.abort('stop');
    expect(await pending).toBe('stop');
    p.setOutage('connection-refused');
    await expect(p.getRepository({ owner: 'a', repo: 'b' }, {})).rejects.toMatchObject({ outcome: 'not-applied' });
    expect((await p.healthCheck(new AbortController().signal)).status).toBe('unhealthy');
    p.setOutage(undefined);
    await expect(p.getRepository({ owner: 'a', repo: 'b' }, {})).resolves.toMatchObject({ provider: 'x' });
  });
});
