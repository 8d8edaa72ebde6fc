import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { cacheKey } from './cache-key.js';
import { createCache } from './cache.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

describe('canonicalJson', () => {
  it('sorts keys, drops undefined, honours toJSON', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [1, undefined] } })).toBe('{"a":{"c":[1,null]},"b":1}');
    expect(canonicalJson({ when: new Date('2024-01-02T03:04:05.000Z') })).toBe('{"when":"2024-01-02T03:04:05.000Z"}');
    expect(canonicalJson(10n)).toBe('{"$bigint":"10"}');
  });

  it('is independent of key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });

  it('rejects cycles', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(InvalidArgumentError);
  });
});

describe('cacheKey', () => {
  const parts = { tenant: 'acme', credential: 'fp-1', operation: 'git.getRepository', input: { owner: 'o', repo: 'r' } };

  it('is a 64-char hex sha256 that leaks neither tenant nor credential', () => {
    const token = 'ghp_CANARYcanary1234567890';
    const key = cacheKey({ ...parts, credential: token });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('acme');
    expect(key).not.toContain('CANARY');
  });

  it('ignores key order and undefined fields of the input', () => {
    expect(cacheKey({ ...parts, input: { repo: 'r', owner: 'o', extra: undefined } })).toBe(cacheKey(parts));
  });

  it('differs whenever tenant, credential, operation or input differ (property)', () => {
    const arbParts = fc.record({ tenant: fc.string(), credential: fc.string(), operation: fc.string(), input: fc.jsonValue() });
    fc.assert(
      fc.property(arbParts, arbParts, (a, b) => {
        const same = a.tenant === b.tenant && a.credential === b.credential && a.operation === b.operation && canonicalJson(a.input) === canonicalJson(b.input);
        expect(cacheKey(a) === cacheKey(b)).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

  it('separates tenants even when fields are shifted between tenant and credential (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (x, y, z) => {
        fc.pre(y !== '');
        const k1 = cacheKey({ tenant: x + y, credential: z, operation: 'op', input: null });
        const k2 = cacheKey({ tenant: x, credential: y + z, operation: 'op', input: null });
        expect(k1).not.toBe(k2);
      }),
    );
  });
});

describe('tenant isolation through wrap (property)', () => {
  it('never returns a value loaded for another tenant or credential', async () => {
    const call = fc.record({
      tenant: fc.constantFrom('a', 'b', 'c'),
      credential: fc.constantFrom('k1', 'k2'),
      input: fc.constantFrom({ id: 1 }, { id: 2 }, { id: 1, x: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 40 }), async (calls) => {
        const cache = createCache();
        for (const c of calls) {
          const key = cacheKey({ tenant: c.tenant, credential: c.credential, operation: 'git.getRepository', input: c.input });
          const owner = `${c.tenant}/${c.credential}`;
          const { value } = await cache.wrap(key, { operation: 'git.getRepository', tags: [], tenant: c.tenant }, async () => ({ owner }));
          expect(value.owner).toBe(owner);
        }
        await cache.close();
      }),
      { numRuns: 200 },
    );
  });

  it('a key reused by mistake for another tenant does not serve the first tenant’s value', async () => {
    const cache = createCache();
    const key = cacheKey(parts());
    await cache.wrap(key, { operation: 'git.getRepository', tags: [], tenant: 'acme' }, async () => 'acme-secret');
    const other = await cache.wrap(key, { operation: 'git.getRepository', tags: [], tenant: 'evil' }, async () => 'evil-own');
    expect(other).toEqual({ value: 'evil-own', hit: false, stale: false });
    await cache.close();
  });

  function parts() {
    return { tenant: 'acme', credential: 'c', operation: 'git.getRepository', input: {} };
  }
});
