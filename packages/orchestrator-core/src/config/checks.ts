import { getOperation } from '../registry/index.js';
import { SERVICE_TYPES } from '../spec/v1/provider.js';
import { parseDuration } from './duration.js';
import type { RawIssue } from './format-issues.js';
import { analyzePattern, knownOperationNames } from './patterns.js';
import { didYouMean, isRecord } from './paths.js';

/** A provider registered in code, which config rules may name like a config plugin. */
export interface KnownProvider {
  id: string;
  serviceType: string;
}

interface PluginInfo {
  id: string;
  type: string | undefined;
  enabled: boolean;
  /** Where it is declared, for messages. */
  where: string;
}

type Path = Array<string | number>;

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SERVICES = new Set<string>(SERVICE_TYPES);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const AUTH_FIELDS: Record<string, string[]> = {
  token: ['token'],
  basic: ['username', 'password'],
  app: ['appId', 'privateKey', 'installationId'],
  oauth: ['token', 'clientId', 'clientSecret'],
};

/**
 * Checks that span fields (references between sections, mutually exclusive keys, ranges that
 * depend on each other) over the interpolated document. Tolerates wrong types anywhere: the
 * schema reports those.
 */
export function crossCheck(doc: unknown, codeProviders: readonly KnownProvider[] = []): { issues: RawIssue[]; warnings: RawIssue[] } {
  const issues: RawIssue[] = [];
  const warnings: RawIssue[] = [];
  const error = (path: Path, message: string) => issues.push({ path, message });
  const warn = (path: Path, message: string) => warnings.push({ path, message });

  const root = isRecord(doc) ? doc.orchestration : undefined;
  if (!isRecord(root)) return { issues, warnings };
  const base: Path = ['orchestration'];

  // ---- plugins -------------------------------------------------------------------------
  const plugins = new Map<string, PluginInfo>();
  for (const p of codeProviders) plugins.set(p.id, { id: p.id, type: p.serviceType, enabled: true, where: 'code' });
  const pluginList = Array.isArray(root.plugins) ? root.plugins : [];
  const firstIndex = new Map<string, number>();
  pluginList.forEach((plugin, i) => {
    if (!isRecord(plugin) || typeof plugin.id !== 'string') return;
    const path: Path = [...base, 'plugins', i];
    const id = plugin.id;
    const earlier = firstIndex.get(id);
    if (earlier !== undefined) {
      error([...path, 'id'], `duplicate id "${id}" (also at plugins[${earlier}])`);
      return;
    }
    if (plugins.has(id)) {
      error([...path, 'id'], `duplicate id "${id}" (also registered in code)`);
      return;
    }
    firstIndex.set(id, i);
    plugins.set(id, { id, type: typeof plugin.type === 'string' ? plugin.type : undefined, enabled: plugin.enabled !== false, where: `plugins[${i}]` });
    checkPluginSettings(plugin, path, root.resilience, error, warn);
  });
  const enabledTypes = new Map<string, string[]>();
  for (const p of plugins.values()) {
    if (p.enabled && p.type) enabledTypes.set(p.type, [...(enabledTypes.get(p.type) ?? []), p.id]);
  }

  /** Resolves a reference; reports unknown plugins. */
  const ref = (id: unknown, at: Path | (() => Path), allowed?: { ids: Set<string>; tenant: string }): PluginInfo | undefined => {
    if (typeof id !== 'string' || id === '') return undefined;
    const plugin = plugins.get(id);
    const path = () => (typeof at === 'function' ? at() : at);
    if (!plugin) {
      const hint = didYouMean(id, plugins.keys());
      const known = plugins.size === 0 ? ' (no plugins are configured)' : hint || `; known plugins: ${[...plugins.keys()].slice(0, 10).join(', ')}`;
      error(path(), `unknown plugin "${id}"${known}`);
      return undefined;
    }
    if (allowed && !allowed.ids.has(id)) {
      error(path(), `plugin "${id}" is not in the plugins of tenant "${allowed.tenant}"`);
      return undefined;
    }
    return plugin;
  };

  const disabledNote = (p: PluginInfo) => `plugin "${p.id}" is disabled (${p.where}.enabled is false)`;

  // ---- routing --------------------------------------------------------------------------
  const routing = isRecord(root.routing) ? root.routing : {};
  const routingPath: Path = [...base, 'routing'];
  const lb = isRecord(routing.loadBalancing) ? routing.loadBalancing : {};
  const strategies = new Set<string>([typeof lb.strategy === 'string' ? lb.strategy : 'round-robin']);

  const checkRules = (rules: unknown, rulesPath: Path, allowed?: { ids: Set<string>; tenant: string }) => {
    if (!Array.isArray(rules)) return;
    const seen = new Map<string, number[]>();
    rules.forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const path: Path = [...rulesPath, i];
      if (typeof rule.strategy === 'string') strategies.add(rule.strategy);
      const hasOne = rule.provider !== undefined;
      const hasMany = rule.providers !== undefined;
      if (hasOne && hasMany) error(path, 'set either "provider" or "providers", not both');
      else if (!hasOne && !hasMany) error([...path, 'provider'], 'required (or "providers")');

      const targets: Array<{ plugin: PluginInfo; path: () => Path }> = [];
      if (typeof rule.provider === 'string') {
        const providerPath = (): Path => [...path, 'provider'];
        const p = ref(rule.provider, providerPath, allowed);
        if (p) targets.push({ plugin: p, path: providerPath });
        if (p && !p.enabled) error(providerPath(), disabledNote(p));
        if (typeof rule.strategy === 'string' && !hasMany) warn([...path, 'strategy'], 'has no effect with a single provider');
      }
      if (Array.isArray(rule.providers)) {
        const names = new Set<string>();
        rule.providers.forEach((id: unknown, j) => {
          const at = (): Path => [...path, 'providers', j];
          const p = ref(id, at, allowed);
          if (typeof id === 'string' && names.has(id)) warn(at(), `"${id}" is listed twice`);
          if (typeof id === 'string') names.add(id);
          if (p) targets.push({ plugin: p, path: at });
        });
        const enabled = targets.filter((t) => t.plugin.enabled);
        if (targets.length > 0 && enabled.length === 0) error([...path, 'providers'], `every provider of this rule is disabled (${targets.map((t) => t.plugin.id).join(', ')})`);
        else for (const t of targets) if (!t.plugin.enabled) warn(t.path(), `${disabledNote(t.plugin)}; the rule uses the others`);
        const types = new Map<string, string>();
        for (const t of targets) if (t.plugin.type && !types.has(t.plugin.type)) types.set(t.plugin.type, t.plugin.id);
        if (types.size > 1) {
          error([...path, 'providers'], `providers serve different service types: ${[...types].map(([type, id]) => `"${id}" is ${type}`).join(', ')}`);
        }
      }
      if (typeof rule.pattern === 'string') {
        const info = analyzePattern(rule.pattern);
        if (info.warning) warn([...path, 'pattern'], info.warning);
        if (info.service) {
          for (const t of targets) {
            if (t.plugin.type && t.plugin.type !== info.service) {
              error(t.path(), `pattern "${rule.pattern}" matches ${info.service} operations but plugin "${t.plugin.id}" is of type ${t.plugin.type}`);
            }
          }
        }
        // conditions are compared only when pattern and priority already collide
        const key = `${rule.pattern}\u0000${String(rule.priority ?? 0)}`;
        const earlier = seen.get(key);
        if (earlier === undefined) seen.set(key, [i]);
        else {
          const conditions = JSON.stringify(rule.conditions ?? null);
          const same = earlier.find((j) => JSON.stringify((rules[j] as Record<string, unknown>).conditions ?? null) === conditions);
          if (same !== undefined) warn(path, `same pattern, conditions and priority as rules[${same}]; only one of them can win`);
          else earlier.push(i);
        }
      }
    });
  };

  /** default: required with plugins; references; coverage of service types. */
  const checkDefault = (value: unknown, path: Path, allowed?: { ids: Set<string>; tenant: string }): PluginInfo[] => {
    const out: PluginInfo[] = [];
    const ids = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    ids.forEach((id, j) => {
      const at = Array.isArray(value) ? [...path, j] : path;
      const p = ref(id, at, allowed);
      if (p) {
        if (!p.enabled) error(at, `${disabledNote(p)}; a default must be enabled`);
        else out.push(p);
      }
    });
    return out;
  };

  const checkFallbacks = (value: unknown, path: Path, defaults: PluginInfo[], allowed?: { ids: Set<string>; tenant: string }) => {
    if (!Array.isArray(value)) return;
    const names = new Set<string>();
    value.forEach((id, j) => {
      const p = ref(id, [...path, j], allowed);
      if (typeof id !== 'string') return;
      if (names.has(id)) warn([...path, j], `"${id}" is listed twice`);
      names.add(id);
      if (p && !p.enabled) warn([...path, j], `${disabledNote(p)}; it is skipped`);
      if (p && defaults.some((d) => d.id === id)) warn([...path, j], `"${id}" is also the default; as a fallback it adds nothing`);
    });
  };

  checkRules(routing.rules, [...routingPath, 'rules']);
  let defaults: PluginInfo[] = [];
  if (routing.default === undefined) {
    const configured = [...plugins.values()].some((p) => p.enabled && p.where !== 'code');
    if (configured) error([...routingPath, 'default'], 'required when plugins are configured');
  } else {
    defaults = checkDefault(routing.default, [...routingPath, 'default']);
    const covered = new Set(defaults.map((d) => d.type));
    if (defaults.length > 0) {
      for (const [type, ids] of enabledTypes) {
        if (!covered.has(type)) warn([...routingPath, 'default'], `no default provider for ${type} operations (plugins of that type: ${ids.join(', ')}); ${type} calls that match no rule will fail`);
      }
    }
  }
  checkFallbacks(routing.fallbacks, [...routingPath, 'fallbacks'], defaults);

  // load balancing
  const lbPath: Path = [...routingPath, 'loadBalancing'];
  if (isRecord(lb.weights)) {
    for (const id of Object.keys(lb.weights)) {
      const p = ref(id, [...lbPath, 'weights', id]);
      if (p && !p.enabled) warn([...lbPath, 'weights', id], disabledNote(p));
    }
    if (!strategies.has('weighted')) warn([...lbPath, 'weights'], `ignored: no rule and not loadBalancing.strategy uses the "weighted" strategy`);
  }
  if (isRecord(lb.healthCheck)) {
    const interval = durationOf(lb.healthCheck.interval) ?? 30_000;
    const timeout = durationOf(lb.healthCheck.timeout) ?? 5_000;
    if (timeout >= interval) error([...lbPath, 'healthCheck', 'timeout'], `must be shorter than the interval (${timeout} ms >= ${interval} ms)`);
  }

  // costs
  if (isRecord(routing.costs)) {
    for (const [id, table] of Object.entries(routing.costs)) {
      const path: Path = [...routingPath, 'costs', id];
      const p = ref(id, path);
      if (!isRecord(table)) continue;
      for (const op of Object.keys(table)) checkOperationKey(op, [...path, op], p?.type, error);
    }
  } else if (strategies.has('cost')) {
    warn([...routingPath, 'costs'], 'the "cost" strategy is used but no costs are configured; every provider costs 0');
  }

  // ---- resilience defaults --------------------------------------------------------------
  if (isRecord(root.resilience)) checkRetryDelays(root.resilience.retry, undefined, [...base, 'resilience', 'retry'], error);

  // ---- cache ------------------------------------------------------------------------------
  if (isRecord(root.cache)) {
    const cache = root.cache;
    const path: Path = [...base, 'cache'];
    const noUrl = cache.url === undefined || cache.url === '';
    if (cache.provider === 'redis' && noUrl) error([...path, 'url'], 'required when cache provider is "redis"');
    if ((cache.provider === undefined || cache.provider === 'memory') && !noUrl) warn([...path, 'url'], 'ignored: cache provider is "memory"');
    if (isRecord(cache.operations)) {
      for (const name of Object.keys(cache.operations)) {
        const at: Path = [...path, 'operations', name];
        const op = getOperation(name);
        if (!op) error(at, `unknown operation "${name}"${didYouMean(name, knownOperationNames())}`);
        else if (op.kind !== 'read') error(at, `"${name}" is a write operation; only reads are cached`);
      }
    }
  }

  // ---- tenants ----------------------------------------------------------------------------
  if (isRecord(root.tenants)) {
    for (const [name, tenant] of Object.entries(root.tenants)) {
      const path: Path = [...base, 'tenants', name];
      if (!TENANT_ID.test(name)) error(path, `invalid tenant id "${name}": use letters, digits, ".", "_" and "-"`);
      if (!isRecord(tenant)) continue;
      let allowed: { ids: Set<string>; tenant: string } | undefined;
      if (Array.isArray(tenant.plugins)) {
        const ids = new Set<string>();
        tenant.plugins.forEach((id, j) => {
          const p = ref(id, [...path, 'plugins', j]);
          if (p) ids.add(p.id);
        });
        allowed = { ids, tenant: name };
      }
      checkRules(tenant.rules, [...path, 'rules'], allowed);
      const tenantDefaults = tenant.default === undefined ? [] : checkDefault(tenant.default, [...path, 'default'], allowed);
      if (tenant.default === undefined && allowed && defaults.length > 0 && !defaults.some((d) => allowed.ids.has(d.id))) {
        warn(path, `has no default, and the global default (${defaults.map((d) => d.id).join(', ')}) is not among its plugins`);
      }
      checkFallbacks(tenant.fallbacks, [...path, 'fallbacks'], tenantDefaults, allowed);
    }
  }

  return { issues, warnings };
}

function durationOf(value: unknown): number | undefined {
  return typeof value === 'number' || typeof value === 'string' ? parseDuration(value) : undefined;
}

function checkOperationKey(op: string, path: Path, pluginType: string | undefined, error: (path: Path, message: string) => void): void {
  if (op === '*') return;
  if (op.endsWith('.*')) {
    const service = op.slice(0, -2);
    if (!SERVICES.has(service)) error(path, `unknown service type "${service}" (expected one of ${SERVICE_TYPES.join('|')})`);
    else if (pluginType && pluginType !== service) error(path, `${service} operations do not apply to a ${pluginType} plugin`);
    return;
  }
  const operation = getOperation(op);
  if (!operation) error(path, `unknown operation "${op}"${didYouMean(op, knownOperationNames())}`);
  else if (pluginType && operation.service !== pluginType) error(path, `"${op}" is an operation of service type ${operation.service}; this plugin is of type ${pluginType}`);
}

function checkRetryDelays(retry: unknown, inherited: unknown, path: Path, error: (path: Path, message: string) => void): void {
  if (!isRecord(retry)) return;
  const parent = isRecord(inherited) ? inherited : {};
  const initial = durationOf(retry.initialDelayMs) ?? durationOf(parent.initialDelayMs) ?? 100;
  const max = durationOf(retry.maxDelayMs) ?? durationOf(parent.maxDelayMs) ?? 5_000;
  if ((retry.initialDelayMs !== undefined || retry.maxDelayMs !== undefined) && initial > max) {
    error([...path, retry.initialDelayMs !== undefined ? 'initialDelayMs' : 'maxDelayMs'], `initialDelayMs (${initial} ms) must not exceed maxDelayMs (${max} ms)`);
  }
}

function checkPluginSettings(
  plugin: Record<string, unknown>,
  path: Path,
  globalResilience: unknown,
  error: (path: Path, message: string) => void,
  warn: (path: Path, message: string) => void,
): void {
  if (isRecord(plugin.resilience)) {
    const globalRetry = isRecord(globalResilience) ? globalResilience.retry : undefined;
    checkRetryDelays(plugin.resilience.retry, globalRetry, [...path, 'resilience', 'retry'], error);
  }
  const config = plugin.config;
  if (!isRecord(config)) return;
  const cpath: Path = [...path, 'config'];
  if (isRecord(plugin.resilience)) {
    if (config.retry !== undefined && plugin.resilience.retry !== undefined) warn([...cpath, 'retry'], 'overridden by resilience.retry of the same plugin');
    if (config.timeoutMs !== undefined && plugin.resilience.timeoutMs !== undefined) warn([...cpath, 'timeoutMs'], 'overridden by resilience.timeoutMs of the same plugin');
  }
  if (isRecord(config.retry)) {
    const r = config.retry;
    const initial = durationOf(r.initialDelayMs);
    const max = durationOf(r.maxDelayMs);
    if (initial !== undefined && max !== undefined && initial > max) error([...cpath, 'retry', 'initialDelayMs'], `initialDelayMs (${initial} ms) must not exceed maxDelayMs (${max} ms)`);
  }
  const auth = config.auth;
  if (isRecord(auth) && typeof auth.type === 'string' && AUTH_FIELDS[auth.type]) {
    const apath: Path = [...cpath, 'auth'];
    const has = (k: string) => auth[k] !== undefined && auth[k] !== null;
    switch (auth.type) {
      case 'token':
        if (!has('token')) error([...apath, 'token'], 'required when auth type is "token"');
        break;
      case 'basic':
        for (const k of ['username', 'password']) if (!has(k)) error([...apath, k], 'required when auth type is "basic"');
        break;
      case 'app':
        for (const k of ['appId', 'privateKey']) if (!has(k)) error([...apath, k], 'required when auth type is "app"');
        break;
      case 'oauth':
        if (!has('token') && !(has('clientId') && has('clientSecret'))) {
          error(apath, 'auth type "oauth" needs "token", or "clientId" and "clientSecret"');
        }
        break;
    }
    const fields = AUTH_FIELDS[auth.type]!;
    for (const k of ['token', 'username', 'password', 'clientId', 'clientSecret', 'appId', 'privateKey', 'installationId']) {
      if (has(k) && !fields.includes(k)) warn([...apath, k], `ignored with auth type "${auth.type}"`);
    }
  }
  if (typeof config.baseUrl === 'string' && config.auth !== undefined) {
    try {
      const url = new URL(config.baseUrl);
      if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
        warn([...cpath, 'baseUrl'], `credentials will be sent over plain http to ${url.host}; use https`);
      }
    } catch {
      // the schema reports malformed URLs
    }
  }
  if (isRecord(config.ssl) && config.ssl.verify === false) {
    warn([...cpath, 'ssl', 'verify'], `TLS certificate verification is disabled for plugin "${String(plugin.id)}"`);
  }
}
