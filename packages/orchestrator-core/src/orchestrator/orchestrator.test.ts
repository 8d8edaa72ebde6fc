import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { NoSuchProviderError } from '../errors/no-such-provider-error.js';
import { OutcomeUnknownError } from '../errors/outcome-unknown-error.js';
import { PluginError } from '../errors/plugin-error.js';
import { UnsupportedOperationError } from '../errors/unsupported-operation-error.js';
import { parseConfig } from '../config/index.js';
import type { MosaicEventName, MosaicEvents } from '../events/types.js';
import { listOperations } from '../registry/index.js';
import { createFaultInjectingProvider, type FaultInjectingProvider } from '../resilience/testing/index.js';
import { createOrchestrator, type Orchestrator } from './orchestrator.js';

const open: Orchestrator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function make(options: Parameters<typeof createOrchestrator>[0]) {
  const o = await createOrchestrator({ healthCheck: { intervalMs: 0 }, ...options });
  open.push(o);
  return o;
}

function record<K extends MosaicEventName>(o: Orchestrator, name: K): Array<MosaicEvents[K]> {
  const seen: Array<MosaicEvents[K]> = [];
  o.on(name, (e) => void seen.push(e));
  return seen;
}

const fastRetry = { defaults: { retry: { maxAttempts: 2, initialDelayMs: 0, maxDelayMs: 0 } } };

describe('createOrchestrator: routing through the facades', () => {
  it('sends a call to the provider chosen by the rules and returns its result', async () => {
    const github = createFaultInjectingProvider({ id: 'github' });
    const gitea = createFaultInjectingProvider({ id: 'gitea' });
    const o = await make({
      providers: [github, gitea],
      routing: { rules: [{ pattern: 'org:internal-*', provider: 'gitea', priority: 10 }], default: 'github' },
    });
    const internal = await o.git.createRepository({ owner: 'internal-tools', name: 'svc' });
    const oss = await o.git.createRepository({ owner: 'oss-lib', name: 'lib' });
    expect(internal.provider).toBe('gitea');
    expect(oss.provider).toBe('github');
    expect(gitea.appliedWrites.map((w) => w.resourceId)).toEqual(['git:org/internal-tools/repo/svc']);
    expect(github.appliedWrites.map((w) => w.resourceId)).toEqual(['git:org/oss-lib/repo/lib']);
  });

  it('validates input before routing and names the bad field; no provider is called', async () => {
    const github = createFaultInjectingProvider({ id: 'github' });
    const o = await make({ providers: [github] });
    const error = await o.git.createRepository({ owner: 'acme', name: 42 as unknown as string }).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).issues.map((i) => i.path)).toContain('name');
    expect((error as Error).message).toMatch(/git\.createRepository.*name/);
    expect(github.calls).toBe(0);
  });

  it('rejects unknown operations by name with a typed error', async () => {
    const o = await make({ providers: [createFaultInjectingProvider({ id: 'github' })] });
    await expect(o.call('git.nope' as never, {} as never)).rejects.toSatisfy((e: unknown) => InvalidArgumentError.isInstance(e));
  });

  it('explain() returns the decision trace without calling any provider or advancing round-robin', async () => {
    const a = createFaultInjectingProvider({ id: 'a' });
    const b = createFaultInjectingProvider({ id: 'b' });
    const o = await make({ providers: [a, b], routing: { rules: [{ pattern: 'org:*', providers: ['a', 'b'], priority: 1 }], loadBalancing: { strategy: 'round-robin' } } });
    const first = o.explain('git.getRepository', { owner: 'x', repo: 'y' });
    const second = o.explain('git.getRepository', { owner: 'x', repo: 'y' });
    expect(first.candidates).toEqual(second.candidates);
    expect(first.rulesMatched.length).toBe(1);
    expect(a.calls + b.calls).toBe(0);
  });

  it('throws UnsupportedOperationError before any call when no provider declares the operation', async () => {
    const p = createFaultInjectingProvider({ id: 'github' });
    const limited = { ...p, capabilities: { ...p.capabilities, operations: p.capabilities.operations.filter((n) => n !== 'git.createIssue') } };
    Object.setPrototypeOf(limited, Object.getPrototypeOf(p));
    const o = await make({ providers: [limited as unknown as FaultInjectingProvider] });
    await expect(o.git.createIssue({ owner: 'a', repo: 'b', title: 't' })).rejects.toSatisfy((e: unknown) => UnsupportedOperationError.isInstance(e));
    expect(p.calls).toBe(0);
  });
});

describe('createOrchestrator: failover and write safety', () => {
  it('fails a read over to the fallback when the primary is down, and reports the failover', async () => {
    const github = createFaultInjectingProvider({ id: 'github' });
    const gitea = createFaultInjectingProvider({ id: 'gitea' });
    github.setOutage('connection-refused');
    const o = await make({ providers: [github, gitea], routing: { default: 'github', fallbacks: ['gitea'] }, resilience: fastRetry });
    const failovers = record(o, 'failover');
    const repo = await o.git.getRepository({ owner: 'acme', repo: 'api' });
    expect(repo.provider).toBe('gitea');
    expect(failovers).toEqual([expect.objectContaining({ from: 'github', to: 'gitea', operation: 'git.getRepository' })]);
  });

  it('never sends an ambiguous write anywhere else: reset after send → OutcomeUnknownError with attempts', async () => {
    const github = createFaultInjectingProvider({ id: 'github' });
    const gitea = createFaultInjectingProvider({ id: 'gitea' });
    github.setFaults([{ type: 'drop-after-commit' }]);
    const o = await make({ providers: [github, gitea], routing: { default: 'github', fallbacks: ['gitea'] }, resilience: fastRetry });
    const errors = record(o, 'request:error');
    const error = await o.git.createRepository({ owner: 'acme', name: 'svc' }).catch((e: unknown) => e);
    expect(OutcomeUnknownError.isInstance(error)).toBe(true);
    expect((error as OutcomeUnknownError).attempts).toHaveLength(1);
    expect(github.appliedWrites).toHaveLength(1);
    expect(gitea.calls).toBe(0);
    expect(errors[0]?.error.name).toBe('OutcomeUnknownError');
  });

  it('fails a write over when the error proves nothing was applied (connection refused)', async () => {
    const github = createFaultInjectingProvider({ id: 'github' });
    const gitea = createFaultInjectingProvider({ id: 'gitea' });
    github.setOutage('connection-refused');
    const o = await make({ providers: [github, gitea], routing: { default: 'github', fallbacks: ['gitea'] }, resilience: fastRetry });
    const repo = await o.git.createRepository({ owner: 'acme', name: 'svc' });
    expect(repo.provider).toBe('gitea');
    expect(github.appliedWrites).toHaveLength(0);
    expect(gitea.appliedWrites).toHaveLength(1);
  });
});

describe('createOrchestrator: cache', () => {
  it('serves repeated reads from the cache and invalidates them on a write to the same repository', async () => {
    const github = createFaultInjectingProvider({ id: 'github' });
    const o = await make({ providers: [github], cache: { defaultTtlSeconds: 60 } });
    const hits = record(o, 'cache:hit');
    await o.git.getRepository({ owner: 'acme', repo: 'api' });
    await o.git.getRepository({ owner: 'acme', repo: 'api' });
    await o.git.getRepository({ owner: 'acme', repo: 'api' });
    expect(github.calls).toBe(1);
    expect(hits).toHaveLength(2);
    await o.git.updateRepository({ owner: 'acme', repo: 'api', patch: { description: 'new' } });
    const after = await o.git.getRepository({ owner: 'acme', repo: 'api' });
    expect(github.calls).toBe(3);
    // the double stores the write's input: the read after invalidation sees it
    expect((after as unknown as { patch?: { description?: string } }).patch?.description).toBe('new');
  });

  it('keeps tenants apart: the same read for another tenant is not a cache hit', async () => {
    const github = createFaultInjectingProvider({ id: 'github' });
    const o = await make({ providers: [github], cache: {} });
    await o.git.getRepository({ owner: 'acme', repo: 'api' }, { tenant: 'a' });
    await o.git.getRepository({ owner: 'acme', repo: 'api' }, { tenant: 'b' });
    await o.git.getRepository({ owner: 'acme', repo: 'api' }, { tenant: 'a' });
    expect(github.calls).toBe(2);
  });

  it('cache: "no-store" bypasses the cache', async () => {
    const github = createFaultInjectingProvider({ id: 'github' });
    const o = await make({ providers: [github], cache: {} });
    await o.git.getRepository({ owner: 'acme', repo: 'api' });
    await o.git.getRepository({ owner: 'acme', repo: 'api' }, { cache: 'no-store' });
    expect(github.calls).toBe(2);
  });
});

describe('createOrchestrator: tenancy', () => {
  it("routes a tenant only to its own provider set", async () => {
    const shared = createFaultInjectingProvider({ id: 'shared' });
    const acme = createFaultInjectingProvider({ id: 'acme-gitea' });
    const o = await make({
      providers: [shared, acme],
      routing: { default: ['shared', 'acme-gitea'] },
      tenants: { acme: { providers: ['acme-gitea'] } },
    });
    const forAcme = await o.git.getRepository({ owner: 'x', repo: 'y' }, { tenant: 'acme' });
    expect(forAcme.provider).toBe('acme-gitea');
    const trace = o.explain('git.getRepository', { owner: 'x', repo: 'y' }, { tenant: 'acme' });
    expect(trace.candidates).toEqual(['acme-gitea']);
  });
});

describe('createOrchestrator: configuration, plugins and lifecycle', () => {
  const yaml = (extra = '') => `
orchestration:
  plugins:
    - id: primary
      type: git
      provider: memory
      package: fake-memory-provider
      config:
        baseUrl: https://git.example.com
        auth: { type: token, token: "\${TOKEN}" }
    - id: secondary
      type: git
      provider: memory
      package: fake-memory-provider
${extra}
  routing:
    rules:
      - pattern: "org:internal-*"
        provider: secondary
        priority: 10
    default: primary
`;

  it('loads plugins named in the configuration by package and factory, passing settings', async () => {
    const created: Array<Record<string, unknown>> = [];
    const importModule = vi.fn(async () => ({
      createMemory: (settings: Record<string, unknown>) => {
        created.push(settings);
        return createFaultInjectingProvider({ id: String(settings.id) });
      },
    }));
    const { config } = parseConfig(yaml(), { format: 'yaml', env: { TOKEN: 'tok-123456' } });
    const o = await make({ config, importModule });
    expect(importModule).toHaveBeenCalledWith('fake-memory-provider');
    expect(created.find((c) => c.id === 'primary')).toEqual({ id: 'primary', baseUrl: 'https://git.example.com', token: 'tok-123456' });
    expect((await o.git.getRepository({ owner: 'internal-x', repo: 'r' })).provider).toBe('secondary');
    expect((await o.git.getRepository({ owner: 'other', repo: 'r' })).provider).toBe('primary');
  });

  it('reload() swaps routing atomically and validates before swapping', async () => {
    const providers = new Map<string, FaultInjectingProvider>();
    const importModule = async () => ({
      createMemory: (settings: Record<string, unknown>) => {
        const p = createFaultInjectingProvider({ id: String(settings.id) });
        providers.set(p.id, p);
        return p;
      },
    });
    const { config } = parseConfig(yaml(), { format: 'yaml', env: { TOKEN: 'tok-123456' } });
    const o = await make({ config, importModule });
    const { config: next } = parseConfig(yaml().replace('default: primary', 'default: secondary'), { format: 'yaml', env: { TOKEN: 'tok-123456' } });
    await o.reload(next);
    expect((await o.git.getRepository({ owner: 'other', repo: 'r' })).provider).toBe('secondary');
    const bad = structuredClone(next);
    bad.orchestration.routing.default = 'missing';
    await expect(o.reload(bad)).rejects.toThrow(/missing/);
    expect((await o.git.getRepository({ owner: 'other', repo: 'r2' })).provider).toBe('secondary');
  });

  it('fails creation with a PluginError naming the plugin when a provider cannot initialize', async () => {
    const broken = createFaultInjectingProvider({ id: 'broken' });
    (broken as unknown as { initialize: () => never }).initialize = () => {
      throw new Error('bad settings');
    };
    const error = await createOrchestrator({ providers: [broken], healthCheck: { intervalMs: 0 } }).catch((e: unknown) => e);
    expect(PluginError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/broken/);
  });

  it('getProvider() gives the instance for vendor extras; unknown ids are a typed error', async () => {
    const p = createFaultInjectingProvider({ id: 'github' });
    const o = await make({ providers: [p] });
    expect(o.getProvider('github')).toBe(p);
    expect(() => o.getProvider('nope')).toThrow(NoSuchProviderError);
    expect(o.providerIds('git')).toEqual(['github']);
    expect(o.providerIds('ai')).toEqual([]);
  });

  it('health() reports every provider, breaker and the cache; unhealthy providers are skipped by routing', async () => {
    const a = createFaultInjectingProvider({ id: 'a' });
    const b = createFaultInjectingProvider({ id: 'b' });
    (a as unknown as { healthCheck: () => Promise<unknown> }).healthCheck = async () => ({ status: 'unhealthy', latencyMs: 1, checkedAt: Date.now(), detail: 'down' });
    const o = await make({ providers: [a, b], routing: { default: 'a', fallbacks: ['b'] }, cache: {} });
    const h = await o.health();
    expect(h.providers.map((p) => [p.id, p.health.status])).toEqual([['a', 'unhealthy'], ['b', 'healthy']]);
    expect(h.cache).toBeDefined();
    expect((await o.git.getRepository({ owner: 'x', repo: 'y' })).provider).toBe('b');
    expect(a.calls).toBe(0);
  });

  it('exposes a facade method for every registry operation', async () => {
    const o = await make({ providers: [createFaultInjectingProvider({ id: 'github' })] });
    for (const op of listOperations()) {
      const facade = (o as unknown as Record<string, Record<string, unknown>>)[op.service]!;
      expect(typeof facade[op.method], op.name).toBe('function');
    }
  });

  it('close() stops and disposes providers and is idempotent; calls after close fail', async () => {
    const p = createFaultInjectingProvider({ id: 'github' });
    const dispose = vi.fn();
    (p as unknown as { dispose: () => void }).dispose = dispose;
    const o = await createOrchestrator({ providers: [p], healthCheck: { intervalMs: 0 } });
    await o.close();
    await o.close();
    expect(dispose).toHaveBeenCalledTimes(1);
    await expect(o.git.getRepository({ owner: 'x', repo: 'y' })).rejects.toThrow(/closed/);
  });
});
