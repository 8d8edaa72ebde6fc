import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { baseUrlSchema, forbidBothTokens, parseProviderSettings } from '../provider-kit/settings.js';
import { aiProviderSettingsFields } from './settings.js';

const schema = forbidBothTokens(z.strictObject({ baseUrl: baseUrlSchema('https://api.example.test/v1/'), ...aiProviderSettingsFields }));

describe('aiProviderSettingsFields', () => {
  it('applies the defaults (timeout 600000 ms, default models included) and strips trailing slashes', () => {
    const s = parseProviderSettings(schema, {}, 'test settings');
    expect(s.timeoutMs).toBe(600_000);
    expect(s.includeDefaultModels).toBe(true);
    expect(s.baseUrl).toBe('https://api.example.test/v1');
    expect(parseProviderSettings(schema, { baseUrl: 'http://localhost:8000/v1//' }, 'test settings').baseUrl).toBe('http://localhost:8000/v1');
  });

  it('accepts a model table entry and a token getter', () => {
    const getToken = () => 'k';
    const s = parseProviderSettings(schema, { getToken, models: { m: { contextWindow: 1000 } }, defaultModel: 'm' }, 'test settings');
    expect(s.getToken).toBe(getToken);
    expect(s.models?.['m']?.contextWindow).toBe(1000);
  });

  it('rejects both token and getToken, non-http base URLs and unknown keys, naming paths not values', () => {
    const err = (() => {
      try {
        parseProviderSettings(schema, { token: 'sk-secret-value', getToken: () => 'x', baseUrl: 'ftp://x.test', extra: 1 }, 'test settings');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const text = JSON.stringify((err as ConfigError).issues ?? []) + (err as Error).message;
    expect(text).not.toContain('sk-secret-value');
    expect(() => parseProviderSettings(schema, { baseUrl: 'ftp://x.test' }, 'test settings')).toThrow(ConfigError);
    expect(() => parseProviderSettings(schema, { extra: 1 }, 'test settings')).toThrow(ConfigError);
    expect(() => parseProviderSettings(schema, { token: 'a', getToken: () => 'b' }, 'test settings')).toThrow(/token/);
  });

  it('allows neither token nor getToken (forbidBothTokens, unlike requireOneToken)', () => {
    const s = parseProviderSettings(schema, {}, 'test settings');
    expect(s.token).toBeUndefined();
    expect(s.getToken).toBeUndefined();
  });
});
