import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { parseResourceId } from '../registry/define.js';
import { classifyPattern, compilePattern, type PatternSubject } from './patterns.js';

function subject(over: Partial<PatternSubject> & { resourceId?: string } = {}): PatternSubject {
  const resourceId = over.resourceId ?? 'git:org/internal-tools/repo/legacy-api';
  return {
    operation: 'git.createRepository',
    resourceId,
    attributes: parseResourceId(resourceId).attributes,
    tenant: 'acme',
    userId: 'bot-ci',
    input: { owner: 'internal-tools', name: 'legacy-api', private: true, stars: 3, meta: { a: 1 } },
    ...over,
  };
}

const m = (pattern: string, s: PatternSubject = subject()) => compilePattern(pattern).matches(s);

describe('pattern kinds', () => {
  it('classifies prefixes, attributes and resource globs', () => {
    expect(classifyPattern('org:internal-*')).toEqual({ kind: 'org', glob: 'internal-*' });
    expect(classifyPattern('repo:*/legacy-*').kind).toBe('repo');
    expect(classifyPattern('user:bot-*').kind).toBe('user');
    expect(classifyPattern('tenant:acme').kind).toBe('tenant');
    expect(classifyPattern('op:git.*').kind).toBe('op');
    expect(classifyPattern('private:true')).toEqual({ kind: 'attr', key: 'private', glob: 'true' });
    expect(classifyPattern('git:org/acme/**').kind).toBe('resource');
    expect(classifyPattern('*:org/acme/**').kind).toBe('resource');
    expect(classifyPattern('**').kind).toBe('resource');
    expect(classifyPattern('glob:private:true')).toEqual({ kind: 'resource', glob: 'private:true' });
  });

  it('org: matches the org attribute of the resource id', () => {
    expect(m('org:internal-*')).toBe(true);
    expect(m('org:internal-tools')).toBe(true);
    expect(m('org:public-*')).toBe(false);
    expect(m('org:*', subject({ resourceId: 'ai:model/gpt' }))).toBe(false);
  });

  it('repo: matches <org>/<repo>', () => {
    expect(m('repo:*/legacy-*')).toBe(true);
    expect(m('repo:internal-tools/legacy-api')).toBe(true);
    expect(m('repo:*/new-*')).toBe(false);
    expect(m('repo:*', subject({ resourceId: 'git:org/acme' }))).toBe(false);
  });

  it('user: matches context.user.id; tenant: the tenant; op: the operation', () => {
    expect(m('user:bot-*')).toBe(true);
    expect(m('user:human-*')).toBe(false);
    expect(m('user:*', subject({ userId: undefined }))).toBe(false);
    expect(m('tenant:acme')).toBe(true);
    expect(m('tenant:ac*')).toBe(true);
    expect(m('tenant:other')).toBe(false);
    expect(m('op:git.*')).toBe(true);
    expect(m('op:git.createRepository')).toBe(true);
    expect(m('op:git.get*')).toBe(false);
    expect(m('op:{git.createRepository,git.deleteRepository}')).toBe(true);
  });

  it('attribute patterns compare the stringified top-level input field', () => {
    expect(m('private:true')).toBe(true);
    expect(m('private:false')).toBe(false);
    expect(m('stars:3')).toBe(true);
    expect(m('name:legacy-*')).toBe(true);
    expect(m('missing:*')).toBe(false);
    expect(m('meta:*')).toBe(false); // objects never match
    expect(m('private:true', subject({ input: { private: 'true' } }))).toBe(true);
    expect(m('private:true', subject({ input: null }))).toBe(false);
  });

  it('resource globs are minimatch over the whole id', () => {
    expect(m('git:org/internal-tools/**')).toBe(true);
    expect(m('git:org/*/repo/legacy-*')).toBe(true);
    expect(m('*:org/internal-tools/**')).toBe(true);
    expect(m('cicd:**')).toBe(false);
    expect(m('!git:org/other/**')).toBe(true);
  });

  it('records the literal prefix used by the index', () => {
    expect(compilePattern('org:acme-*')).toMatchObject({ literalPrefix: 'acme-', exact: false });
    expect(compilePattern('org:acme')).toMatchObject({ literalPrefix: 'acme', exact: true });
    expect(compilePattern('org:*x')).toMatchObject({ literalPrefix: '', exact: false });
    expect(compilePattern('org:!acme')).toMatchObject({ literalPrefix: '', exact: false });
    expect(compilePattern('git:org/a/**')).toMatchObject({ literalPrefix: 'git:org/a/', exact: false });
  });
});

describe('glob compilation', () => {
  it('agrees with minimatch for any glob and id-shaped subject', () => {
    const chars = fc.constantFrom('a', 'b', '-', '.', '/', '*', '?', '[', ']', '{', '}', ',', '!', '+', '@', '(', ')', ':', '\\');
    const glob = fc.string({ unit: chars, minLength: 1, maxLength: 10 });
    // Subjects shaped like resource ids: no empty, `.` or `..` path segments (minimatch
    // normalizes those as file paths; ids never contain them).
    const str = fc
      .string({ unit: fc.constantFrom('a', 'b', '-', '.', '/', ':', '*'), maxLength: 10 })
      .filter((s) => s.split('/').every((seg, i, all) => (seg !== '' || all.length === 1) && seg !== '.' && seg !== '..'));
    fc.assert(
      fc.property(glob, fc.array(str, { minLength: 1, maxLength: 8 }), (g, subjects) => {
        const p = compilePattern(`glob:${g}`);
        for (const s of subjects) {
          const sub = { operation: '', resourceId: s, attributes: {}, tenant: '', userId: undefined, input: undefined };
          // twice: the second answer may come from the memo
          expect(p.matches(sub)).toBe(minimatch(s, g, { dot: true, nocomment: true }));
          expect(p.matches(sub)).toBe(minimatch(s, g, { dot: true, nocomment: true }));
        }
      }),
      { numRuns: 1500 },
    );
  });
});
