import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, redact, unregisterSecret } from '../errors/index.js';
import { interpolateEnv } from './interpolate.js';
import { validateConfig } from './load.js';

function interpolate(value: string, env: Record<string, string | undefined>) {
  return interpolateEnv({ v: value }, env);
}

describe('interpolateEnv', () => {
  it.each([
    ['${A}', { A: 'x' }, 'x'],
    ['pre-${A}-post', { A: 'x' }, 'pre-x-post'],
    ['${A}${B}', { A: 'x', B: 'y' }, 'xy'],
    ['${A:-fallback}', {}, 'fallback'],
    ['${A:-fallback}', { A: '' }, 'fallback'],
    ['${A:-fallback}', { A: 'set' }, 'set'],
    ['${A:-}', {}, ''],
    ['${A}', { A: '' }, ''],
    ['${A:-${B}}', { B: 'nested' }, 'nested'],
    ['${A:-${B:-deep}/x}', {}, 'deep/x'],
    ['${A:-http://h:1/p}', {}, 'http://h:1/p'],
    ['$${A}', { A: 'x' }, '${A}'],
    ['a$${A}b', {}, 'a${A}b'],
    ['cost $5 and $HOME', {}, 'cost $5 and $HOME'],
    ['no variables', {}, 'no variables'],
  ])('%s with %j gives %j', (input, env, expected) => {
    const result = interpolate(input, env);
    expect(result.issues).toEqual([]);
    expect((result.value as { v: string }).v).toBe(expected);
  });

  it('names the variable and the path when a variable is missing', () => {
    const result = interpolateEnv({ a: { list: ['ok', 'x ${MISSING_ONE} ${MISSING_TWO}'] } }, {});
    expect(result.issues).toEqual([
      { path: ['a', 'list', 1], message: 'environment variable MISSING_ONE is not set' },
      { path: ['a', 'list', 1], message: 'environment variable MISSING_TWO is not set' },
    ]);
  });

  it('reports malformed expressions', () => {
    expect(interpolate('${NOT CLOSED', {}).issues[0]?.message).toBe('unterminated "${" in "${NOT CLOSED" (write "$${" for a literal "${")');
    expect(interpolate('${1ABC}', {}).issues[0]?.message).toMatch(/^invalid variable name "1ABC"/);
    expect(interpolate('${}', {}).issues[0]?.message).toMatch(/^invalid variable name ""/);
  });

  it('leaves keys, numbers, booleans and null alone, and copies the input', () => {
    const input = { '${KEY}': 1, b: true, c: null, d: [2.5] };
    const result = interpolateEnv(input, { KEY: 'nope' });
    expect(result.value).toEqual(input);
    expect(result.value).not.toBe(input);
  });

  it('marks only whole-value expressions as coercible', () => {
    const result = interpolateEnv({ a: '${N}', b: '${N}0', c: 'x${N}', d: '${N}${N}' }, { N: '5' });
    expect([...result.whole]).toEqual(['a']);
  });

  it('keeps a "__proto__" key as data', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "${X:-yes}"}}') as unknown;
    const result = interpolateEnv(input, {});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(result.value)).toEqual(['__proto__']);
  });
});

describe('interpolation in validateConfig', () => {
  const base = (config: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    orchestration: { plugins: [{ id: 'gitea', type: 'git', provider: 'gitea', config }], routing: { default: 'gitea' }, ...extra },
  });

  it('coerces whole-value interpolations to numbers and booleans where the schema wants them', () => {
    const { config } = validateConfig(
      {
        orchestration: {
          plugins: [{ id: 'gitea', type: 'git', provider: 'gitea', enabled: '${ENABLED}', weight: '${WEIGHT:-2}', config: { timeoutMs: '${TIMEOUT:-5000}' } }],
          routing: { default: 'gitea', rules: [{ pattern: 'org:x', provider: 'gitea', priority: '${PRIO}' }] },
          cache: { ttl: '${TTL}', maxSize: '${MAX}' },
        },
      },
      { env: { ENABLED: 'true', PRIO: '-5', TTL: '2.5', MAX: '100' } },
    );
    const plugin = config.orchestration.plugins[0]!;
    expect(plugin.enabled).toBe(true);
    expect(plugin.weight).toBe(2);
    expect(plugin.config.timeoutMs).toBe(5000);
    expect(config.orchestration.routing.rules[0]?.priority).toBe(-5);
    expect(config.orchestration.cache.ttl).toBe(2.5);
    expect(config.orchestration.cache.maxSize).toBe(100);
  });

  it('keeps numeric-looking strings as strings where the schema wants a string', () => {
    const { config } = validateConfig(base({ auth: { type: 'token', token: '${TOKEN}' } }), { env: { TOKEN: '1234567890' } });
    expect(config.orchestration.plugins[0]?.config.auth?.token).toBe('1234567890');
  });

  it('does not coerce text that is only partly interpolated', () => {
    expect(() => validateConfig(base({ timeoutMs: '${T}0' }), { env: { T: '5' } })).toThrow(/timeoutMs: invalid duration "50"/);
  });

  it('reads process.env when no env is given, at call time', () => {
    const name = 'MOSAIC_CONFIG_TEST_URL';
    process.env[name] = 'https://gitea.from-process-env.example';
    try {
      const { config } = validateConfig(base({ baseUrl: `\${${name}}` }));
      expect(config.orchestration.plugins[0]?.config.baseUrl).toBe('https://gitea.from-process-env.example');
    } finally {
      delete process.env[name];
    }
  });

  it('reports a missing variable once, not also as the schema problem it causes', () => {
    try {
      validateConfig(base({ baseUrl: '${GITEA_URL}', timeoutMs: '${GITEA_TIMEOUT}' }), { env: {} });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues).toEqual([
        { path: 'orchestration.plugins[0].config.baseUrl', message: 'environment variable GITEA_URL is not set' },
        { path: 'orchestration.plugins[0].config.timeoutMs', message: 'environment variable GITEA_TIMEOUT is not set' },
      ]);
    }
  });
});

describe('secrets from interpolation', () => {
  const registered: string[] = [];
  afterEach(() => {
    for (const s of registered.splice(0)) unregisterSecret(s);
  });

  it('registers interpolated auth values and credential-named keys, so errors never show them', () => {
    const token = 'Canary_Token_7f3a9c2e';
    const user = 'canary-user-1b2c';
    const literalPassword = 'canary-literal-password-9';
    const webhookSecret = 'canary-webhook-secret-42';
    registered.push(token, user, literalPassword, webhookSecret);
    const doc = {
      orchestration: {
        plugins: [
          { id: 'gitea', type: 'git', provider: 'gitea', config: { auth: { type: 'token', token: '${TOKEN}' }, webhookSecret: '${HOOK}' } },
          { id: 'jenkins', type: 'cicd', provider: 'jenkins', config: { auth: { type: 'basic', username: '${USER}', password: literalPassword } } },
          // the same token pasted where it does not belong: the message must not show it
          { id: 'x', type: 'git', provider: '${TOKEN}' },
        ],
        routing: { default: ['gitea', 'jenkins'] },
      },
    };
    let error: unknown;
    try {
      validateConfig(doc, { env: { TOKEN: token, USER: user, HOOK: webhookSecret } });
    } catch (e) {
      error = e;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    const configError = error as ConfigError;
    expect(configError.issues).toEqual([{ path: 'orchestration.plugins[2].provider', message: 'invalid provider name "[REDACTED]": use the lowercase vendor name, e.g. "github"' }]);
    expect(JSON.stringify(configError.toJSON())).not.toContain(token);
    for (const secret of [token, user, literalPassword, webhookSecret]) expect(redact(`value=${secret}.`)).toBe('value=[REDACTED].');
  });

  it('describes a wrongly typed credential by its type only', () => {
    try {
      validateConfig({ orchestration: { plugins: [{ id: 'a', type: 'git', provider: 'gitea', config: { auth: { type: 'token', token: 123456789 } } }], routing: { default: 'a' } } }, { env: {} });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues).toEqual([{ path: 'orchestration.plugins[0].config.auth.token', message: 'expected string, got number' }]);
    }
  });

  it('registers the password of a Redis URL', () => {
    const password = 'canary-redis-pass-55';
    registered.push(password);
    validateConfig({ orchestration: { cache: { provider: 'redis', url: `redis://:${password}@127.0.0.1:6390` } } }, { env: {} });
    expect(redact(`connect redis://:${password}@127.0.0.1`)).not.toContain(password);
  });
});
