import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoSuchProviderError } from '../errors/no-such-provider-error.js';
import { PluginError } from '../errors/plugin-error.js';
import { createEventBus } from '../events/bus.js';
import type { MosaicEvents, PluginState } from '../events/types.js';
import type { GitProviderV1 } from '../spec/v1/facets.js';
import type { Repository } from '../spec/v1/models/git.js';
import type { ProviderInitContext, RateLimitState } from '../spec/v1/provider.js';
import { createFakeGitProvider, type FakeGitProviderSettings } from './fixtures/fake-git-provider.js';
import { canTransition, PLUGIN_TRANSITIONS } from './lifecycle.js';
import { createPluginManager, type PluginManagerOptions } from './manager.js';

const CANARY = 'ghp_' + 'K'.repeat(36);

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function repository(provider: string, name: string): Repository {
  return { provider, id: '1', owner: 'acme', name, fullName: `acme/${name}`, private: false, visibility: 'public', fork: false, archived: false };
}

function setup(options: Omit<PluginManagerOptions, 'events'> = {}) {
  const log: string[] = [];
  const events = createEventBus();
  const states: Array<MosaicEvents['plugin:state']> = [];
  const warnings: Array<MosaicEvents['warning']> = [];
  events.on('plugin:state', (e) => {
    states.push(e);
  });
  events.on('warning', (e) => {
    warnings.push(e);
  });
  const plugins = createPluginManager({ events, ...options });
  const fake = (id: string, settings: FakeGitProviderSettings = {}) => createFakeGitProvider({ id, log, ...settings });
  const path = (id: string): string[] => states.filter((s) => s.pluginId === id).map((s) => `${s.from}>${s.to}`);
  return { plugins, events, states, warnings, log, fake, path };
}

async function rejection(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('lifecycle table', () => {
  it('allows exactly the documented moves', () => {
    const allowed = Object.entries(PLUGIN_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual(
      [
        'discovered>loaded', 'discovered>failed',
        'loaded>initialized', 'loaded>failed', 'loaded>stopping',
        'initialized>started', 'initialized>failed', 'initialized>stopping',
        'started>running', 'started>failed', 'started>stopping',
        'running>failed', 'running>updating', 'running>stopping',
        'failed>running', 'failed>stopping',
        'updating>running', 'updating>failed',
        'stopping>stopped', 'stopped>disposed',
      ].sort(),
    );
    expect(canTransition('disposed', 'loaded')).toBe(false);
    expect(canTransition('stopped', 'running')).toBe(false);
  });
});

describe('register', () => {
  it('validates and loads a provider built in code', () => {
    const { plugins, fake, path } = setup();
    const provider = fake('gh');
    expect(plugins.register(provider)).toBe(provider);
    expect(plugins.state('gh')).toBe('loaded');
    expect(plugins.get('gh')).toBe(provider);
    expect(path('gh')).toEqual(['discovered>loaded']);
  });

  it('throws a PluginError listing every problem, and refuses a duplicate id', () => {
    const { plugins, fake } = setup();
    plugins.register(fake('gh'));
    const duplicate = (() => {
      try {
        plugins.register(fake('gh'));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(PluginError.isInstance(duplicate)).toBe(true);
    expect((duplicate as PluginError).problems).toEqual(['id "gh" is already registered (ids must be unique)']);

    const bad = { ...fake('bad'), specificationVersion: 'v2', healthCheck: undefined } as unknown as Parameters<typeof plugins.register>[0];
    expect(() => plugins.register(bad)).toThrow(/specificationVersion is "v2"; this core supports "v1"; healthCheck must be a function/);
    expect(plugins.state('bad')).toBeUndefined();
  });
});

describe('lifecycle', () => {
  it('starts through loaded → initialized → started → running, calling initialize then start', async () => {
    const reported: Array<[string, RateLimitState]> = [];
    const { plugins, fake, log, path } = setup({ onRateLimit: (id, state) => reported.push([id, state]) });
    let context: ProviderInitContext | undefined;
    plugins.register(fake('gh', { onInitialize: (c) => (context = c) }));
    await plugins.start('gh');
    expect(plugins.state('gh')).toBe('running');
    expect(log).toEqual(['gh:initialize', 'gh:start']);
    expect(path('gh')).toEqual(['discovered>loaded', 'loaded>initialized', 'initialized>started', 'started>running']);
    context!.reportRateLimit!({ remaining: 10, limit: 5000 });
    expect(reported).toEqual([['gh', { remaining: 10, limit: 5000 }]]);
    expect(typeof context!.logger!.warn).toBe('function');
    await plugins.start('gh'); // already running: no-op
    expect(log).toEqual(['gh:initialize', 'gh:start']);
  });

  it('initialize() alone stops at initialized; start() continues from there', async () => {
    const { plugins, fake, log } = setup();
    plugins.register(fake('gh'));
    await plugins.initialize('gh');
    expect(plugins.state('gh')).toBe('initialized');
    await plugins.start('gh');
    expect(log).toEqual(['gh:initialize', 'gh:start']);
  });

  it('serializes concurrent lifecycle calls on one plugin', async () => {
    const { plugins, fake, log } = setup();
    const gate = deferred();
    plugins.register(fake('gh', { initializeGate: gate.promise }));
    const a = plugins.start('gh');
    const b = plugins.start('gh');
    gate.resolve();
    await Promise.all([a, b]);
    expect(log).toEqual(['gh:initialize', 'gh:start']);
  });

  it('stops and disposes once, in order, and forgets disposed plugins', async () => {
    const { plugins, fake, log, path } = setup();
    plugins.register(fake('gh'));
    await plugins.start('gh');
    await Promise.all([plugins.stop('gh'), plugins.stop('gh')]);
    await plugins.stop('gh');
    expect(plugins.state('gh')).toBe('stopped');
    await plugins.dispose('gh');
    await plugins.dispose('gh');
    expect(log).toEqual(['gh:initialize', 'gh:start', 'gh:stop', 'gh:dispose']);
    expect(path('gh').slice(-3)).toEqual(['running>stopping', 'stopping>stopped', 'stopped>disposed']);
    expect(plugins.state('gh')).toBe('disposed');
    expect(plugins.get('gh')).toBeUndefined();
    expect(plugins.list()).toEqual([]);
    // the id is free again
    plugins.register(fake('gh'));
    expect(plugins.state('gh')).toBe('loaded');
  });

  it('dispose() of a running plugin stops it first; a never-initialized plugin is not called', async () => {
    const { plugins, fake, log, path } = setup();
    plugins.register(fake('a'));
    plugins.register(fake('b'));
    await plugins.start('a');
    await plugins.dispose('a');
    await plugins.dispose('b');
    expect(log).toEqual(['a:initialize', 'a:start', 'a:stop', 'a:dispose']);
    expect(path('b')).toEqual(['discovered>loaded', 'loaded>stopping', 'stopping>stopped', 'stopped>disposed']);
  });

  it('remove() disposes and forgets; unknown ids are a no-op', async () => {
    const { plugins, fake, log } = setup();
    plugins.register(fake('gh'));
    await plugins.start('gh');
    await plugins.remove('gh');
    await plugins.remove('nope');
    expect(log).toEqual(['gh:initialize', 'gh:start', 'gh:stop', 'gh:dispose']);
    expect(plugins.state('gh')).toBeUndefined();
  });

  it('keeps going when stop or dispose throw, reporting the error in the event', async () => {
    const { plugins, fake, states } = setup();
    plugins.register(fake('gh', { failOn: ['stop', 'dispose'] }));
    await plugins.start('gh');
    await plugins.dispose('gh');
    expect(plugins.state('gh')).toBe('disposed');
    expect(states.filter((s) => s.error).map((s) => [s.to, s.error])).toEqual([
      ['stopped', 'stop failed for gh'],
      ['disposed', 'dispose failed for gh'],
    ]);
  });
});

describe('illegal transitions', () => {
  it('throw a PluginError naming from and to', async () => {
    const { plugins, fake } = setup();
    plugins.register(fake('gh'));
    expect(() => plugins.markFailed('gh', new Error('x'))).toThrow('illegal lifecycle transition from "loaded" to "failed"');
    expect(() => plugins.recover('gh')).toThrow('illegal lifecycle transition from "loaded" to "running"');
    const replaceEarly = await rejection(() => plugins.replace('gh', fake('gh')));
    expect((replaceEarly as PluginError).problems).toEqual(['illegal lifecycle transition from "loaded" to "updating"']);
    await plugins.start('gh');
    const again = await rejection(() => plugins.initialize('gh'));
    expect(PluginError.isInstance(again)).toBe(true);
    expect((again as PluginError).message).toContain('illegal lifecycle transition from "running" to "initialized"');
    await plugins.stop('gh');
    const restart = await rejection(() => plugins.start('gh'));
    expect((restart as PluginError).problems).toEqual(['illegal lifecycle transition from "stopped" to "started"']);
  });

  it('unknown ids throw NoSuchProviderError', async () => {
    const { plugins } = setup();
    expect(() => plugins.acquire('nope')).toThrow(NoSuchProviderError);
    expect(NoSuchProviderError.isInstance(await rejection(() => plugins.start('nope')))).toBe(true);
    expect(NoSuchProviderError.isInstance(await rejection(() => plugins.stop('nope')))).toBe(true);
  });
});

describe('failure and recovery', () => {
  it('a throwing initialize moves the plugin to failed with the (redacted) error', async () => {
    const { plugins, fake, states } = setup();
    const provider = fake('gh', { failOn: ['initialize'] });
    const original = provider.initialize!.bind(provider);
    provider.initialize = async (context) => {
      try {
        await original(context);
      } catch {
        throw new Error(`auth failed for token ${CANARY}`);
      }
    };
    plugins.register(provider);
    const error = (await rejection(() => plugins.start('gh'))) as PluginError;
    expect(PluginError.isInstance(error)).toBe(true);
    expect(error.problems).toEqual(['initialize failed: auth failed for token [REDACTED]']);
    expect(error.cause).toBeInstanceOf(Error);
    expect(plugins.state('gh')).toBe('failed');
    expect(plugins.describe()[0]!.error).toBe('auth failed for token [REDACTED]');
    expect(states.at(-1)).toEqual({ pluginId: 'gh', from: 'loaded', to: 'failed', error: 'auth failed for token [REDACTED]' });
    expect(JSON.stringify(states)).not.toContain(CANARY);
    expect(() => plugins.recover('gh')).toThrow(/cannot recover: the plugin failed before it ever ran/);
  });

  it('a throwing start moves the plugin to failed; stop/dispose still clean it up', async () => {
    const { plugins, fake, log, path } = setup();
    plugins.register(fake('gh', { failOn: ['start'] }));
    await expect(plugins.start('gh')).rejects.toThrow('start failed: start failed for gh');
    expect(path('gh')).toEqual(['discovered>loaded', 'loaded>initialized', 'initialized>failed']);
    await plugins.dispose('gh');
    expect(log).toEqual(['gh:initialize', 'gh:start', 'gh:stop', 'gh:dispose']);
  });

  it('markFailed and recover move running ⇄ failed; a failed plugin cannot be acquired', async () => {
    const { plugins, fake, path } = setup();
    plugins.register(fake('gh'));
    await plugins.start('gh');
    plugins.markFailed('gh', new Error(`health check failed: Bearer ${CANARY}`));
    plugins.markFailed('gh'); // already failed: no-op
    expect(plugins.state('gh')).toBe('failed');
    expect(() => plugins.acquire('gh')).toThrow(/not running \(state "failed"\): health check failed: Bearer \[REDACTED\]/);
    plugins.recover('gh');
    expect(plugins.state('gh')).toBe('running');
    expect(plugins.acquire('gh').provider.id).toBe('gh');
    expect(path('gh').slice(-2)).toEqual(['running>failed', 'failed>running']);
  });

  it('startAll starts every plugin and collects failures without throwing', async () => {
    const { plugins, fake } = setup();
    plugins.register(fake('a'));
    plugins.register(fake('b', { failOn: ['initialize'] }));
    plugins.register(fake('c'));
    const result = await plugins.startAll();
    expect(result.started).toEqual(['a', 'c']);
    expect(result.failed.map((f) => [f.id, f.error.problems])).toEqual([['b', ['initialize failed: initialize failed for b']]]);
    expect(plugins.describe().map((p) => [p.id, p.state])).toEqual([
      ['a', 'running'],
      ['b', 'failed'],
      ['c', 'running'],
    ]);
  });

  it('startAll passes per-call init options (logger, reportRateLimitFor) to providers', async () => {
    const { plugins, fake } = setup();
    const contexts = new Map<string, ProviderInitContext>();
    plugins.register(fake('a', { onInitialize: (c) => contexts.set('a', c) }));
    const seen: string[] = [];
    const info = vi.fn();
    await plugins.startAll({ logger: { info }, reportRateLimitFor: (id) => (state) => seen.push(`${id}:${state.remaining}`) });
    contexts.get('a')!.reportRateLimit!({ remaining: 3 });
    contexts.get('a')!.logger!.info!('hello');
    expect(seen).toEqual(['a:3']);
    expect(info).toHaveBeenCalledWith('hello');
  });
});

describe('in-flight tracking', () => {
  it('acquire counts calls on the instance; release is idempotent; run() releases on throw', async () => {
    const { plugins, fake } = setup();
    plugins.register(fake('gh'));
    expect(() => plugins.acquire('gh')).toThrow('not running (state "loaded")');
    await plugins.start('gh');
    const a = plugins.acquire('gh');
    const b = plugins.acquire('gh');
    expect(plugins.inFlight('gh')).toBe(2);
    a.release();
    a.release();
    expect(plugins.inFlight('gh')).toBe(1);
    b.release();
    await expect(plugins.run('gh', () => Promise.reject(new Error('call failed')))).rejects.toThrow('call failed');
    expect(plugins.inFlight('gh')).toBe(0);
    await expect(plugins.run('gh', (p) => p.id)).resolves.toBe('gh');
  });

  it('lists providers, by service and with their state', async () => {
    const { plugins, fake } = setup();
    const a = plugins.register(fake('a'));
    const b = plugins.register(fake('b'));
    await plugins.start('a');
    const lease = plugins.acquire('a');
    expect(plugins.list()).toEqual([a, b]);
    expect(plugins.listByService('git')).toEqual([a, b]);
    expect(plugins.listByService('ai')).toEqual([]);
    expect(plugins.describe().map(({ id, state, inFlight, source, serviceType, vendor }) => ({ id, state, inFlight, source, serviceType, vendor }))).toEqual([
      { id: 'a', state: 'running', inFlight: 1, source: 'code', serviceType: 'git', vendor: 'fake' },
      { id: 'b', state: 'loaded', inFlight: 0, source: 'code', serviceType: 'git', vendor: 'fake' },
    ]);
    lease.release();
  });
});

describe('hot reload (replace)', () => {
  it('swaps in the new instance while calls on the old one finish on it, then disposes the old one', async () => {
    const { plugins, fake, log, path } = setup();
    const slow = deferred<Repository>();
    const old = fake('gh', { vendor: 'old', methods: { getRepository: () => slow.promise } });
    const next = fake('gh', {
      vendor: 'new',
      log: [],
      methods: { getRepository: async (input) => repository('new', input.repo) },
    });
    plugins.register(old);
    await plugins.start('gh');

    const lease = plugins.acquire<GitProviderV1>('gh');
    expect(lease.provider).toBe(old);
    const inFlightCall = lease.provider.getRepository({ owner: 'acme', repo: 'svc' }, {}).finally(() => lease.release());

    let replaced = false;
    const replacing = plugins.replace('gh', next).then(() => {
      replaced = true;
    });
    await vi.waitFor(() => expect(plugins.get('gh')).toBe(next));
    expect(plugins.state('gh')).toBe('running');
    expect(next.log).toEqual(['gh:initialize', 'gh:start']);

    // new calls get the new instance; the old one is still alive for its in-flight call
    const fresh = await plugins.run('gh', (p: GitProviderV1) => p.getRepository({ owner: 'acme', repo: 'api' }, {}));
    expect(fresh.provider).toBe('new');
    expect(plugins.inFlight('gh')).toBe(1);
    await Promise.resolve();
    expect(replaced).toBe(false);
    expect(log).toEqual(['gh:initialize', 'gh:start']);

    slow.resolve(repository('old', 'svc'));
    await expect(inFlightCall).resolves.toMatchObject({ provider: 'old', name: 'svc' });
    await replacing;
    expect(replaced).toBe(true);
    expect(log).toEqual(['gh:initialize', 'gh:start', 'gh:stop', 'gh:dispose']);
    expect(next.log).toEqual(['gh:initialize', 'gh:start']);
    expect(path('gh').slice(-2)).toEqual(['running>updating', 'updating>running']);
    expect(plugins.inFlight('gh')).toBe(0);
  });

  it('disposes the old instance after the drain timeout when a call never finishes', async () => {
    vi.useFakeTimers();
    const { plugins, fake, log, warnings } = setup();
    plugins.register(fake('gh'));
    await plugins.start('gh');
    plugins.acquire('gh'); // never released
    const next = fake('gh', { log: [] });
    let done = false;
    const replacing = plugins.replace('gh', next, { timeoutMs: 5_000 }).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(done).toBe(false);
    expect(plugins.get('gh')).toBe(next);
    await vi.advanceTimersByTimeAsync(1);
    await replacing;
    expect(log).toEqual(['gh:initialize', 'gh:start', 'gh:stop', 'gh:dispose']);
    expect(warnings).toEqual([
      { source: 'plugins', message: 'plugin "gh": 1 call(s) still in flight after waiting 5000 ms; disposing the replaced instance anyway' },
    ]);
  });

  it('waits 30 s by default', async () => {
    vi.useFakeTimers();
    const { plugins, fake, log } = setup();
    plugins.register(fake('gh'));
    await plugins.start('gh');
    plugins.acquire('gh');
    const replacing = plugins.replace('gh', fake('gh', { log: [] }));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(log).not.toContain('gh:stop');
    await vi.advanceTimersByTimeAsync(1);
    await replacing;
    expect(log).toContain('gh:dispose');
  });

  it('refuses an invalid replacement without leaving running', async () => {
    const { plugins, fake } = setup();
    const current = plugins.register(fake('gh'));
    await plugins.start('gh');
    const other = (await rejection(() => plugins.replace('gh', fake('gl')))) as PluginError;
    expect(other.problems).toEqual(['the replacement has id "gl", expected "gh"']);
    const same = (await rejection(() => plugins.replace('gh', current))) as PluginError;
    expect(same.problems).toEqual(['the replacement is the instance already in use']);
    const noMethods = { ...fake('gh'), getRepository: undefined } as unknown as typeof current;
    const invalid = (await rejection(() => plugins.replace('gh', noMethods))) as PluginError;
    expect(invalid.problems).toEqual(['declares "git.getRepository" but has no method getRepository()']);
    expect(plugins.state('gh')).toBe('running');
    expect(plugins.get('gh')).toBe(current);
  });

  it('rolls back to the old instance when the new one fails to start', async () => {
    const { plugins, fake, log, path } = setup();
    const current = plugins.register(fake('gh'));
    await plugins.start('gh');
    const broken = fake('gh', { log: [], failOn: ['start'] });
    const error = (await rejection(() => plugins.replace('gh', broken))) as PluginError;
    expect(error.problems[0]).toBe('the replacement failed to initialize or start: start failed for gh; the previous instance keeps serving');
    expect(plugins.state('gh')).toBe('running');
    expect(plugins.get('gh')).toBe(current);
    expect(broken.log).toEqual(['gh:initialize', 'gh:start', 'gh:stop', 'gh:dispose']);
    expect(log).toEqual(['gh:initialize', 'gh:start']);
    expect(path('gh').slice(-2)).toEqual(['running>updating', 'updating>running']);
  });

  it("onError: 'fail' moves the plugin to failed; recover resumes the old instance", async () => {
    const { plugins, fake, path } = setup();
    const current = plugins.register(fake('gh'));
    await plugins.start('gh');
    await expect(plugins.replace('gh', fake('gh', { log: [], failOn: ['initialize'] }), { onError: 'fail' })).rejects.toThrow(/recover\(\) resumes/);
    expect(path('gh').slice(-2)).toEqual(['running>updating', 'updating>failed']);
    plugins.recover('gh');
    expect(plugins.acquire('gh').provider).toBe(current);
  });
});

describe('stopAll / disposeAll', () => {
  it('stops in reverse registration order, waiting for in-flight calls', async () => {
    const { plugins, fake, log } = setup();
    for (const id of ['a', 'b', 'c']) plugins.register(fake(id));
    await plugins.startAll();
    log.length = 0;
    const lease = plugins.acquire('b');
    let stopped = false;
    const stopping = plugins.stopAll().then(() => {
      stopped = true;
    });
    await vi.waitFor(() => expect(plugins.state('b')).toBe('stopping'));
    expect(log).toEqual(['c:stop']);
    expect(stopped).toBe(false);
    lease.release();
    await stopping;
    expect(log).toEqual(['c:stop', 'b:stop', 'a:stop']);
  });

  it('stops anyway after the drain timeout, with a warning', async () => {
    vi.useFakeTimers();
    const { plugins, fake, log, warnings } = setup({ drainTimeoutMs: 2_000 });
    plugins.register(fake('a'));
    await plugins.start('a');
    plugins.acquire('a');
    const stopping = plugins.stopAll();
    await vi.advanceTimersByTimeAsync(2_000);
    await stopping;
    expect(log).toContain('a:stop');
    expect(warnings[0]!.message).toContain('1 call(s) still in flight after waiting 2000 ms; stopping anyway');
  });

  it('an abort signal ends the wait early', async () => {
    const { plugins, fake, log } = setup();
    plugins.register(fake('a'));
    await plugins.start('a');
    plugins.acquire('a');
    const controller = new AbortController();
    const stopping = plugins.stop('a', { signal: controller.signal });
    controller.abort();
    await stopping;
    expect(log).toContain('a:stop');
  });

  it('disposeAll stops and disposes every plugin in reverse order, including failed and never-started ones', async () => {
    const { plugins, fake, log } = setup();
    plugins.register(fake('a'));
    plugins.register(fake('b', { failOn: ['initialize'] }));
    plugins.register(fake('c'));
    await plugins.start('a');
    await plugins.start('b').catch(() => undefined);
    await plugins.disposeAll();
    expect(log).toEqual(['a:initialize', 'a:start', 'b:initialize', 'b:stop', 'a:stop', 'b:dispose', 'a:dispose']);
    expect((['a', 'b', 'c'] as const).map((id) => plugins.state(id))).toEqual<PluginState[]>(['disposed', 'disposed', 'disposed']);
  });
});

describe('events', () => {
  it('a throwing plugin:state listener does not break the lifecycle', async () => {
    const error = vi.fn();
    const events = createEventBus({ logger: { error } });
    events.on('plugin:state', () => {
      throw new Error('listener bug');
    });
    const plugins = createPluginManager({ events });
    plugins.register(createFakeGitProvider({ id: 'gh' }));
    await plugins.start('gh');
    expect(plugins.state('gh')).toBe('running');
    expect(error).toHaveBeenCalledTimes(4);
  });

  it('works without an event bus', async () => {
    const plugins = createPluginManager();
    plugins.register(createFakeGitProvider({ id: 'gh' }));
    await plugins.start('gh');
    await plugins.disposeAll();
    expect(plugins.state('gh')).toBe('disposed');
  });
});
