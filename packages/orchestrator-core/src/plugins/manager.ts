import { NoSuchProviderError } from '../errors/no-such-provider-error.js';
import { PluginError } from '../errors/plugin-error.js';
import { redact } from '../errors/redact.js';
import type { EventBus } from '../events/bus.js';
import { createLogger } from '../events/logger.js';
import type { PluginState } from '../events/types.js';
import type { AnyProviderV1, ProviderByService } from '../spec/v1/facets.js';
import type { Logger, ProviderInitContext, RateLimitState, ServiceType } from '../spec/v1/provider.js';
import { canTransition } from './lifecycle.js';
import { defaultImportModule, pluginPackageName, resolvePluginFactory, type ImportModule, type PluginConfig } from './load.js';
import { asProviderV1, validateProvider } from './validate.js';

/** Default time {@link PluginManager.replace} and {@link PluginManager.stop} wait for in-flight calls: 30 000 ms. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

/** Options of {@link createPluginManager}. */
export interface PluginManagerOptions {
  /** Receives `plugin:state` on every lifecycle move and `warning` when a drain times out. */
  events?: EventBus;
  /** Host logger; default none. Providers get it in their `initialize` context. */
  logger?: Logger;
  /**
   * Imports provider packages for {@link PluginManager.loadFromConfig}. Default
   * {@link defaultImportModule}: `import(specifier)`, falling back to the `node_modules` of
   * `process.cwd()` when the core cannot see the package (pnpm). Inject one in tests.
   */
  importModule?: ImportModule;
  /** Called when a provider reports its vendor's rate-limit headers (feeds quota routing). */
  onRateLimit?: (pluginId: string, state: RateLimitState) => void;
  /** Default drain timeout in ms for `replace`/`stop`/`stopAll`. Default {@link DEFAULT_DRAIN_TIMEOUT_MS}. */
  drainTimeoutMs?: number;
}

/** Options of operations that wait for in-flight calls to finish. */
export interface DrainOptions {
  /** How long to wait for in-flight calls, in ms; default the manager's `drainTimeoutMs` (30 000). */
  timeoutMs?: number;
  /** Stops waiting (the operation then proceeds as on a timeout). */
  signal?: AbortSignal;
}

/** Options of {@link PluginManager.replace}. */
export interface ReplaceOptions extends DrainOptions {
  /**
   * What happens when the new instance fails to initialize or start: `rollback` (default) keeps
   * the old instance serving and returns the plugin to `running`; `fail` moves it to `failed`
   * (the old instance stays current, so `recover` brings it back).
   */
  onError?: 'rollback' | 'fail';
}

/** A provider held for one call; see {@link PluginManager.acquire}. */
export interface PluginLease<P extends AnyProviderV1 = AnyProviderV1> {
  /** The exact instance to call. It stays alive until every lease on it is released. */
  readonly provider: P;
  /** Ends the call's hold on the instance. Idempotent. */
  release(): void;
}

/** What {@link PluginManager.list} reports of one plugin. */
export interface PluginInfo<P extends AnyProviderV1 = AnyProviderV1> {
  id: string;
  serviceType: P['serviceType'];
  vendor: string;
  state: PluginState;
  /** The current instance. */
  provider: P;
  /** `code` for {@link PluginManager.register}, `config` for {@link PluginManager.loadFromConfig}. */
  source: 'code' | 'config';
  /** Package it was imported from (config plugins). */
  packageName?: string;
  /** Calls in flight on the current and on replaced-but-draining instances. */
  inFlight: number;
  /** Redacted message of the last failure, while `failed`. */
  error?: string;
}

/**
 * What `initialize` hands providers, for {@link PluginManager.startAll},
 * {@link PluginManager.start} and {@link PluginManager.initialize}. Overrides the manager's
 * `logger` / `onRateLimit` for the plugins initialized by that call.
 */
export interface InitOptions {
  /** Logger given to the providers (normalized and redacted). */
  logger?: Logger;
  /** Returns the `reportRateLimit` callback for one plugin id. */
  reportRateLimitFor?: (pluginId: string) => (state: RateLimitState) => void;
}

/** Result of {@link PluginManager.startAll}. */
export interface StartAllResult {
  /** Plugins now running (including those that were already). */
  started: string[];
  /** Plugins that failed to initialize or start (now in `failed`). */
  failed: Array<{ id: string; error: PluginError }>;
}

/**
 * Holds the provider plugins of an orchestrator and drives their lifecycle
 * (see {@link PLUGIN_TRANSITIONS}). Lifecycle operations on one plugin run one at a time.
 */
export interface PluginManager {
  /**
   * Registers a provider built in code. Validates it ({@link validateProvider}, including id
   * uniqueness) and moves it `discovered → loaded`. Returns the provider.
   * @throws PluginError listing every problem.
   */
  register<P extends AnyProviderV1>(provider: P): P;
  /**
   * Imports the plugin's package (`package`, default `@mosaic/provider-<provider>`), picks its
   * factory, calls it with `{ ...config, id }`, validates the result (its `serviceType` must be
   * `type`, its `id` the plugin id) and moves it `discovered → loaded`. Returns `undefined`
   * without importing anything when `enabled` is false.
   * @throws PluginError naming the plugin id and package (not installed — with the `npm install`
   *   command —, no factory — listing the exports —, factory threw, invalid provider).
   */
  loadFromConfig(config: PluginConfig): Promise<AnyProviderV1 | undefined>;
  /**
   * Builds a provider from a plugin entry like {@link PluginManager.loadFromConfig} (import,
   * factory, validation) without registering it — for hot reload of a plugin whose settings
   * changed: `await plugins.replace(id, await plugins.createFromConfig(entry))`. Its id may be
   * the id of a registered plugin. Emits no event. Ignores `enabled`.
   * @throws PluginError as `loadFromConfig`.
   */
  createFromConfig(config: PluginConfig): Promise<AnyProviderV1>;
  /**
   * Calls the provider's `initialize` (`loaded → initialized`). A throw moves it to `failed`.
   * @throws PluginError (illegal transition, or initialize failed — `cause` kept).
   */
  initialize(id: string, init?: InitOptions): Promise<void>;
  /**
   * Initializes (when `loaded`) and starts the plugin: `→ initialized → started → running`.
   * No-op when already running. A throw moves it to `failed`.
   * @throws PluginError
   */
  start(id: string, init?: InitOptions): Promise<void>;
  /**
   * Stops the plugin: `→ stopping`, waits for in-flight calls (timeout: a `warning` event,
   * then proceeds), calls the provider's `stop`, `→ stopped`. Idempotent.
   */
  stop(id: string, options?: DrainOptions): Promise<void>;
  /** Stops (when needed) and disposes the plugin: `stopped → disposed`. Idempotent. */
  dispose(id: string, options?: DrainOptions): Promise<void>;
  /**
   * Stops and disposes the plugin, then forgets it (its id may be registered again).
   * No-op for an unknown id.
   */
  remove(id: string, options?: DrainOptions): Promise<void>;
  /** Marks a running plugin `failed` (the router stops choosing it). No-op when already failed. */
  markFailed(id: string, error?: unknown): void;
  /**
   * Moves a `failed` plugin back to `running`.
   * @throws PluginError when it never reached `running` (it failed while initializing or starting).
   */
  recover(id: string): void;
  /**
   * Holds the current instance for one call and counts it in flight. Allowed while `running`
   * or `updating`. Always `release()` (in `finally`).
   * @throws NoSuchProviderError for an unknown id; PluginError when not running.
   */
  acquire<P extends AnyProviderV1 = AnyProviderV1>(id: string): PluginLease<P>;
  /** `acquire`, run `fn` with the provider, release. */
  run<T, P extends AnyProviderV1 = AnyProviderV1>(id: string, fn: (provider: P) => Promise<T> | T): Promise<T>;
  /**
   * Hot reload of one plugin: validates `next` (same id and service type), initializes and
   * starts it while the old instance keeps serving (`running → updating`), swaps it in
   * (`→ running`; new `acquire`s get `next`), then waits for the old instance's in-flight calls
   * (default 30 s; on timeout a `warning` event) and stops and disposes it. Calls that acquired
   * the old instance finish on it. Resolves when the old instance is disposed.
   * @throws PluginError when `next` is invalid or fails to initialize/start (see `onError`).
   */
  replace(id: string, next: AnyProviderV1, options?: ReplaceOptions): Promise<void>;
  /** The current instance of a registered (not disposed) plugin. */
  get<P extends AnyProviderV1 = AnyProviderV1>(id: string): P | undefined;
  /** The current instance of every plugin not disposed, in registration order. */
  list(): AnyProviderV1[];
  /** The current instances of one service type's plugins, in registration order. */
  listByService<S extends ServiceType>(serviceType: S): Array<ProviderByService[S]>;
  /** State, source and in-flight count of every plugin not disposed, in registration order. */
  describe(): PluginInfo[];
  /** The plugin's state; `undefined` when unknown. */
  state(id: string): PluginState | undefined;
  /** Calls in flight on the plugin (current and draining instances). */
  inFlight(id: string): number;
  /** Starts every plugin not yet running, in registration order; failures are collected, not thrown. */
  startAll(init?: InitOptions): Promise<StartAllResult>;
  /** Stops every plugin in reverse registration order, each waiting for its in-flight calls. */
  stopAll(options?: DrainOptions): Promise<void>;
  /** Stops, then disposes every plugin in reverse registration order. */
  disposeAll(options?: DrainOptions): Promise<void>;
}

interface Entry {
  id: string;
  state: PluginState;
  provider: AnyProviderV1;
  source: 'code' | 'config';
  packageName?: string;
  error?: string;
  /** The plugin reached `running` at least once (so `recover` is allowed). */
  reachedRunning: boolean;
  /** `initialize` was called on the current instance (so stop/dispose are due). */
  initializeCalled: boolean;
  /** Serializes lifecycle operations. */
  queue: Promise<unknown>;
  /** Old instances being drained and disposed after a replace. */
  retiring: Set<Promise<void>>;
  stopping?: Promise<void>;
  disposing?: Promise<void>;
}

interface Counter {
  count: number;
  waiters: Set<() => void>;
}

/**
 * Creates a {@link PluginManager}.
 *
 * @example
 * const plugins = createPluginManager({ events, logger });
 * plugins.register(createGitHub({ id: 'github', token }));
 * await plugins.loadFromConfig({ id: 'gitea', type: 'git', provider: 'gitea', config: { baseUrl } });
 * await plugins.startAll();
 * await plugins.run('github', (p) => p.getRepository({ owner, repo }, {}));
 */
export function createPluginManager(options: PluginManagerOptions = {}): PluginManager {
  const logger = createLogger(options.logger);
  const events = options.events;
  const importModule = options.importModule ?? defaultImportModule;
  const defaultTimeout = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  const entries = new Map<string, Entry>();
  const counters = new Map<AnyProviderV1, Counter>();

  const live = (): Entry[] => [...entries.values()].filter((e) => e.state !== 'disposed');
  const takenIds = (except?: string): string[] => live().map((e) => e.id).filter((id) => id !== except);

  const need = (id: string): Entry => {
    const entry = entries.get(id);
    if (!entry || entry.state === 'disposed') {
      throw new NoSuchProviderError({ providerId: id, availableProviders: takenIds() });
    }
    return entry;
  };

  const illegal = (entry: Entry, to: PluginState): PluginError =>
    new PluginError({
      pluginId: entry.id,
      packageName: entry.packageName,
      problems: [`illegal lifecycle transition from "${entry.state}" to "${to}"`],
    });

  const transition = (entry: Entry, to: PluginState, error?: unknown): void => {
    const from = entry.state;
    if (!canTransition(from, to)) throw illegal(entry, to);
    entry.state = to;
    const message = error === undefined ? undefined : errorMessage(error);
    if (to === 'failed') entry.error = message;
    else delete entry.error;
    if (to === 'running') entry.reachedRunning = true;
    logger.debug('mosaic: plugin state', { pluginId: entry.id, from, to, ...(message ? { error: message } : {}) });
    events?.emit('plugin:state', { pluginId: entry.id, from, to, ...(message !== undefined ? { error: message } : {}) });
  };

  const enqueue = <T>(entry: Entry, op: () => Promise<T>): Promise<T> => {
    const result = entry.queue.then(op, op);
    entry.queue = result.catch(() => undefined);
    return result;
  };

  /** The last init options given to initialize/start/startAll; reused by replace. */
  let lastInit: InitOptions = {};
  const initContext = (id: string, init: InitOptions = lastInit): ProviderInitContext => {
    lastInit = init;
    const perCall = init.reportRateLimitFor?.(id);
    return {
      logger: init.logger ? createLogger(init.logger) : logger,
      reportRateLimit: (state) => {
        try {
          options.onRateLimit?.(id, state);
          perCall?.(state);
        } catch (error) {
          logger.warn('mosaic: reportRateLimit listener threw', { pluginId: id, error: errorMessage(error) });
        }
      },
    };
  };

  const counter = (provider: AnyProviderV1): Counter => {
    let c = counters.get(provider);
    if (!c) counters.set(provider, (c = { count: 0, waiters: new Set() }));
    return c;
  };
  const countOf = (provider: AnyProviderV1): number => counters.get(provider)?.count ?? 0;

  /** Resolves true once `provider` has no call in flight, false on timeout/abort. */
  const waitIdle = (provider: AnyProviderV1, drain: DrainOptions): Promise<boolean> => {
    if (countOf(provider) === 0) return Promise.resolve(true);
    const timeoutMs = drain.timeoutMs ?? defaultTimeout;
    return new Promise<boolean>((resolve) => {
      const c = counter(provider);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (idle: boolean) => {
        c.waiters.delete(onIdle);
        if (timer !== undefined) clearTimeout(timer);
        drain.signal?.removeEventListener('abort', onAbort);
        resolve(idle);
      };
      const onIdle = () => finish(true);
      const onAbort = () => finish(false);
      c.waiters.add(onIdle);
      timer = setTimeout(() => finish(false), timeoutMs);
      if (drain.signal?.aborted) finish(false);
      else drain.signal?.addEventListener('abort', onAbort, { once: true });
    });
  };

  const drainOrWarn = async (entry: Entry, provider: AnyProviderV1, drain: DrainOptions, what: string): Promise<void> => {
    const idle = await waitIdle(provider, drain);
    if (!idle) {
      const message = `plugin "${entry.id}": ${countOf(provider)} call(s) still in flight after waiting ${drain.timeoutMs ?? defaultTimeout} ms; ${what} anyway`;
      logger.warn(`mosaic: ${message}`, { pluginId: entry.id });
      events?.emit('warning', { message, source: 'plugins' });
    }
  };

  /** Calls a lifecycle hook; returns the error instead of throwing. */
  const callHook = async (provider: AnyProviderV1, hook: 'stop' | 'dispose', pluginId: string): Promise<unknown> => {
    try {
      await provider[hook]?.();
      return undefined;
    } catch (error) {
      logger.error(`mosaic: provider ${hook} failed`, { pluginId, error: errorMessage(error) });
      return error;
    }
  };

  const addEntry = (provider: AnyProviderV1, source: 'code' | 'config', packageName?: string): Entry => {
    const entry: Entry = {
      id: provider.id,
      state: 'discovered',
      provider,
      source,
      reachedRunning: false,
      initializeCalled: false,
      queue: Promise.resolve(),
      retiring: new Set(),
      ...(packageName !== undefined ? { packageName } : {}),
    };
    entries.delete(provider.id); // a disposed plugin of the same id
    entries.set(provider.id, entry);
    transition(entry, 'loaded');
    return entry;
  };

  /** Imports the package, calls the factory with `{ ...config, id }` and validates the result. */
  const instantiate = async (config: PluginConfig, taken: string[]): Promise<AnyProviderV1> => {
    const packageName = pluginPackageName(config);
    const fail = (problems: string[], cause?: unknown) => new PluginError({ pluginId: config.id, packageName, problems, cause });
    const resolved = await resolvePluginFactory(config, importModule);
    let candidate: unknown;
    try {
      candidate = await resolved.factory({ ...config.config, id: config.id });
    } catch (error) {
      throw fail([`factory ${resolved.factoryName}() threw: ${errorMessage(error)}`], error);
    }
    const problems = validateProvider(candidate, { takenIds: taken });
    if (candidate !== null && typeof candidate === 'object') {
      const p = candidate as { id?: unknown; serviceType?: unknown };
      if (typeof p.id === 'string' && p.id !== config.id) {
        problems.push(`factory ${resolved.factoryName}() returned a provider with id "${p.id}", expected the plugin id "${config.id}"`);
      }
      if (typeof p.serviceType === 'string' && p.serviceType !== config.type) {
        problems.push(`provider serves "${p.serviceType}" but the plugin is configured as type "${config.type}"`);
      }
    }
    if (problems.length) throw fail(problems);
    return asProviderV1(candidate, config.id);
  };

  const doInitialize = async (entry: Entry, init?: InitOptions): Promise<void> => {
    if (entry.state !== 'loaded') throw illegal(entry, 'initialized');
    entry.initializeCalled = true;
    try {
      await entry.provider.initialize?.(initContext(entry.id, init));
    } catch (error) {
      transition(entry, 'failed', error);
      throw lifecycleError(entry, 'initialize', error);
    }
    transition(entry, 'initialized');
  };

  const doStart = async (entry: Entry, init?: InitOptions): Promise<void> => {
    if (entry.state === 'running') return;
    if (entry.state === 'loaded') await doInitialize(entry, init);
    if (entry.state !== 'initialized') throw illegal(entry, 'started');
    try {
      await entry.provider.start?.();
    } catch (error) {
      transition(entry, 'failed', error);
      throw lifecycleError(entry, 'start', error);
    }
    transition(entry, 'started');
    transition(entry, 'running');
  };

  const stop = (id: string, drain: DrainOptions = {}): Promise<void> => {
    const entry = entries.get(id);
    if (!entry) return Promise.reject(new NoSuchProviderError({ providerId: id, availableProviders: takenIds() }));
    if (entry.stopping) return entry.stopping;
    if (entry.state === 'stopped' || entry.state === 'disposed') return Promise.resolve();
    const promise = enqueue(entry, async () => {
      if (entry.state === 'stopped' || entry.state === 'disposed') return;
      transition(entry, 'stopping');
      await drainOrWarn(entry, entry.provider, drain, 'stopping');
      await Promise.all([...entry.retiring]);
      const error = entry.initializeCalled ? await callHook(entry.provider, 'stop', entry.id) : undefined;
      transition(entry, 'stopped', error);
    });
    entry.stopping = promise;
    promise.then(
      () => {
        if (entry.stopping === promise) delete entry.stopping;
      },
      () => {
        if (entry.stopping === promise) delete entry.stopping;
      },
    );
    return promise;
  };

  const dispose = (id: string, drain: DrainOptions = {}): Promise<void> => {
    const entry = entries.get(id);
    if (!entry) return Promise.reject(new NoSuchProviderError({ providerId: id, availableProviders: takenIds() }));
    if (entry.disposing) return entry.disposing;
    if (entry.state === 'disposed') return Promise.resolve();
    entry.disposing = (async () => {
      await stop(id, drain);
      await enqueue(entry, async () => {
        if (entry.state === 'disposed') return;
        const error = entry.initializeCalled ? await callHook(entry.provider, 'dispose', entry.id) : undefined;
        transition(entry, 'disposed', error);
        counters.delete(entry.provider);
      });
    })();
    return entry.disposing;
  };

  const acquire = <P extends AnyProviderV1>(id: string): PluginLease<P> => {
    const entry = need(id);
    if (entry.state !== 'running' && entry.state !== 'updating') {
      throw new PluginError({
        pluginId: id,
        problems: [`not running (state "${entry.state}")${entry.error ? `: ${entry.error}` : ''}`],
      });
    }
    const provider = entry.provider;
    const c = counter(provider);
    c.count += 1;
    let released = false;
    return {
      provider: provider as P,
      release() {
        if (released) return;
        released = true;
        c.count -= 1;
        if (c.count === 0) for (const waiter of [...c.waiters]) waiter();
      },
    };
  };

  const info = (entry: Entry): PluginInfo => ({
    id: entry.id,
    serviceType: entry.provider.serviceType,
    vendor: entry.provider.vendor,
    state: entry.state,
    provider: entry.provider,
    source: entry.source,
    ...(entry.packageName !== undefined ? { packageName: entry.packageName } : {}),
    inFlight: inFlight(entry.id),
    ...(entry.error !== undefined ? { error: entry.error } : {}),
  });

  const retired = new Map<string, Set<AnyProviderV1>>();
  const inFlight = (id: string): number => {
    const entry = entries.get(id);
    if (!entry) return 0;
    let total = countOf(entry.provider);
    for (const old of retired.get(id) ?? []) total += countOf(old);
    return total;
  };

  return {
    register(candidate) {
      const problems = validateProvider(candidate, { takenIds: takenIds() });
      const id = typeof candidate?.id === 'string' && candidate.id !== '' ? candidate.id : '(unknown)';
      if (problems.length) throw new PluginError({ pluginId: id, problems });
      const provider = asProviderV1(candidate, id);
      addEntry(provider, 'code');
      return candidate;
    },

    async loadFromConfig(config) {
      const packageName = pluginPackageName(config);
      if (config.enabled === false) {
        logger.debug('mosaic: plugin disabled, not loaded', { pluginId: config.id, packageName });
        return undefined;
      }
      if (takenIds().includes(config.id)) {
        throw new PluginError({ pluginId: config.id, packageName, problems: [`id "${config.id}" is already registered (ids must be unique)`] });
      }
      let provider: AnyProviderV1;
      try {
        provider = await instantiate(config, takenIds());
      } catch (error) {
        if (PluginError.isInstance(error)) {
          events?.emit('plugin:state', { pluginId: config.id, from: 'discovered', to: 'failed', error: error.problems.join('; ') });
        }
        throw error;
      }
      addEntry(provider, 'config', packageName);
      return provider;
    },

    createFromConfig: (config) => instantiate(config, takenIds(config.id)),

    initialize(id, init) {
      const entry = need(id);
      return enqueue(entry, () => doInitialize(entry, init));
    },

    start(id, init) {
      const entry = need(id);
      return enqueue(entry, () => doStart(entry, init));
    },

    stop,
    dispose,

    async remove(id, drain) {
      const entry = entries.get(id);
      if (!entry) return;
      await dispose(id, drain);
      if (entries.get(id) === entry) entries.delete(id);
    },

    markFailed(id, error) {
      const entry = need(id);
      if (entry.state === 'failed') return;
      if (entry.state !== 'running') throw illegal(entry, 'failed');
      transition(entry, 'failed', error ?? 'marked failed');
    },

    recover(id) {
      const entry = need(id);
      if (entry.state !== 'failed') throw illegal(entry, 'running');
      if (!entry.reachedRunning) {
        throw new PluginError({
          pluginId: id,
          problems: [`cannot recover: the plugin failed before it ever ran (${entry.error ?? 'unknown error'}); dispose and register it again`],
        });
      }
      transition(entry, 'running');
    },

    acquire,

    async run(id, fn) {
      const lease = acquire(id);
      try {
        return await fn(lease.provider as never);
      } finally {
        lease.release();
      }
    },

    replace(id, next, replaceOptions = {}) {
      const entry = need(id);
      return enqueue(entry, async () => {
        if (entry.state !== 'running') throw illegal(entry, 'updating');
        const problems = validateProvider(next, { takenIds: takenIds(id) });
        if (next?.id !== undefined && next.id !== id) problems.push(`the replacement has id "${String(next.id)}", expected "${id}"`);
        if (next?.serviceType !== undefined && next.serviceType !== entry.provider.serviceType) {
          problems.push(`the replacement serves "${String(next.serviceType)}", the plugin serves "${entry.provider.serviceType}"`);
        }
        if (next === entry.provider) problems.push('the replacement is the instance already in use');
        if (problems.length) throw new PluginError({ pluginId: id, packageName: entry.packageName, problems });
        const replacement = asProviderV1(next, id);

        transition(entry, 'updating');
        try {
          await replacement.initialize?.(initContext(id));
          await replacement.start?.();
        } catch (error) {
          await callHook(replacement, 'stop', id);
          await callHook(replacement, 'dispose', id);
          transition(entry, replaceOptions.onError === 'fail' ? 'failed' : 'running', error);
          throw new PluginError({
            pluginId: id,
            packageName: entry.packageName,
            problems: [
              `the replacement failed to initialize or start: ${errorMessage(error)}; ${replaceOptions.onError === 'fail' ? 'the plugin is failed (recover() resumes the previous instance)' : 'the previous instance keeps serving'}`,
            ],
            cause: error,
          });
        }

        const old = entry.provider;
        entry.provider = replacement;
        let olds = retired.get(id);
        if (!olds) retired.set(id, (olds = new Set()));
        olds.add(old);
        transition(entry, 'running');

        const retirement = (async () => {
          await drainOrWarn(entry, old, replaceOptions, 'disposing the replaced instance');
          await callHook(old, 'stop', id);
          await callHook(old, 'dispose', id);
          olds.delete(old);
          counters.delete(old);
        })();
        entry.retiring.add(retirement);
        return { retirement };
      }).then(async ({ retirement }) => {
        // drain outside the queue so stop()/another replace are not held up by it
        try {
          await retirement;
        } finally {
          entry.retiring.delete(retirement);
        }
      });
    },

    get(id) {
      const entry = entries.get(id);
      return entry && entry.state !== 'disposed' ? (entry.provider as never) : undefined;
    },
    list: () => live().map((e) => e.provider),
    listByService: (serviceType) =>
      live()
        .filter((e) => e.provider.serviceType === serviceType)
        .map((e) => e.provider as never),
    describe: () => live().map(info),
    state: (id) => entries.get(id)?.state,
    inFlight,

    async startAll(init) {
      const result: StartAllResult = { started: [], failed: [] };
      for (const entry of live()) {
        if (!['loaded', 'initialized', 'started', 'running'].includes(entry.state)) continue;
        try {
          await enqueue(entry, () => doStart(entry, init));
          result.started.push(entry.id);
        } catch (error) {
          result.failed.push({
            id: entry.id,
            error: PluginError.isInstance(error) ? error : lifecycleError(entry, 'start', error),
          });
        }
      }
      return result;
    },

    async stopAll(drain = {}) {
      for (const entry of live().reverse()) {
        try {
          await stop(entry.id, drain);
        } catch (error) {
          logger.error('mosaic: plugin stop failed', { pluginId: entry.id, error: errorMessage(error) });
        }
      }
    },

    async disposeAll(drain = {}) {
      await this.stopAll(drain);
      for (const entry of live().reverse()) {
        try {
          await dispose(entry.id, drain);
        } catch (error) {
          logger.error('mosaic: plugin dispose failed', { pluginId: entry.id, error: errorMessage(error) });
        }
      }
    },
  };
}

function lifecycleError(entry: Entry, phase: string, error: unknown): PluginError {
  return new PluginError({
    pluginId: entry.id,
    packageName: entry.packageName,
    problems: [`${phase} failed: ${errorMessage(error)}`],
    cause: error,
  });
}

function errorMessage(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}
