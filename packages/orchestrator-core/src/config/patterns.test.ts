import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';
import { closest, editDistance, formatPath } from './paths.js';
import { analyzePattern, conditionProblems } from './patterns.js';

describe('parseDuration', () => {
  it.each([
    [0, 0],
    [1500, 1500],
    ['250ms', 250],
    ['30s', 30_000],
    ['1.5s', 1500],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    [' 5s ', 5000],
  ] as const)('%j → %j ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '30', '', 's', '-5s', '5 s', '5d', '5sec', '1h-2m'])('%j is not a duration', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });
});

describe('analyzePattern', () => {
  it.each([
    ['org:internal-*', { kind: 'org', key: 'org', value: 'internal-*' }],
    ['repo:*/legacy-*', { kind: 'repo', key: 'repo', value: '*/legacy-*' }],
    ['user:bot-*', { kind: 'user', key: 'user', value: 'bot-*' }],
    ['tenant:acme', { kind: 'tenant', key: 'tenant', value: 'acme' }],
    ['op:git.createRepository', { kind: 'op', key: 'op', value: 'git.createRepository', service: 'git' }],
    ['op:ai.*', { kind: 'op', key: 'op', value: 'ai.*', service: 'ai' }],
    ['op:*', { kind: 'op', key: 'op', value: '*' }],
    ['private:true', { kind: 'attribute', key: 'private', value: 'true' }],
    ['git:org/acme/**', { kind: 'glob', value: 'git:org/acme/**', service: 'git' }],
    ['*', { kind: 'glob', value: '*' }],
    ['**/repo/{a,b}', { kind: 'glob', value: '**/repo/{a,b}' }],
    ['org:[abc]-\\{x', { kind: 'org', key: 'org', value: '[abc]-\\{x' }],
    ['glob:private:*', { kind: 'glob', key: 'glob', value: 'private:*' }],
    ['visibility:int*', { kind: 'attribute', key: 'visibility', value: 'int*' }],
    ['*:org/acme/**', { kind: 'glob', value: '*:org/acme/**' }],
  ])('%s', (pattern, expected) => {
    expect(analyzePattern(pattern)).toEqual(expected);
  });

  it.each([
    ['', 'must not be empty'],
    [':x', 'pattern ":x" starts with ":"; expected "<prefix>:<value>" or a glob'],
    ['org:{a,b', 'unclosed "{" in pattern "org:{a,b"'],
    ['org:a]', 'unbalanced "]" in pattern "org:a]"'],
    ['op:git.nope', 'unknown operation "git.nope"'],
    ['op:ai.chatt', 'unknown operation "ai.chatt" (did you mean "ai.chat"?)'],
    ['glob:', 'nothing after "glob:" in pattern "glob:"'],
  ])('%j is rejected', (pattern, error) => {
    expect(analyzePattern(pattern).error).toBe(error);
  });
});

describe('conditionProblems', () => {
  it('accepts the string grammar and the structured form', () => {
    expect(conditionProblems("user.region == 'EU' && (build.size > 10GB || private)")).toEqual([]);
    expect(conditionProblems({ 'user.region': { $in: ['EU'] }, $or: [{ private: true }, { 'build.size': { $gt: '10GB' } }], $not: { 'user.id': null } })).toEqual([]);
  });

  it('finds every shape problem with its relative path', () => {
    expect(conditionProblems({ $and: [], $xor: [], a: { $exists: 'yes', $in: 'EU', $gt: true, $eq: { x: 1 } }, b: {}, 'user region': 1, c: { $nin: [{}] } })).toEqual([
      { path: ['$and'], message: 'expected a non-empty array of conditions' },
      { path: ['$xor'], message: 'unknown logical operator "$xor" (did you mean "$or"?); expected $and, $or or $not (field names do not start with "$")' },
      { path: ['a', '$exists'], message: 'expected true or false' },
      { path: ['a', '$in'], message: 'expected an array' },
      { path: ['a', '$gt'], message: 'expected a number or a string with a unit (e.g. "10GB")' },
      { path: ['a', '$eq'], message: 'expected a string, number, boolean, null or array' },
      { path: ['b'], message: 'expected a value or an operator object such as { "$eq": ... }' },
      { path: ['user region'], message: 'field "user region" is not a dotted path such as "user.region"' },
      { path: ['c', '$nin'], message: 'expected an array of strings, numbers, booleans or null' },
    ]);
    expect(conditionProblems("name == 'x")).toEqual([{ path: [], message: 'unterminated \' quote in condition "name == \'x"' }]);
    expect(conditionProblems('a == 1)')).toEqual([{ path: [], message: 'unbalanced ")" in condition "a == 1)"' }]);
  });
});

describe('paths and suggestions', () => {
  it('formats paths with indexes and quoted non-plain keys', () => {
    expect(formatPath(['orchestration', 'plugins', 3, 'id'])).toBe('orchestration.plugins[3].id');
    expect(formatPath(['orchestration', 'cache', 'operations', 'git.getRepository', 'ttl'])).toBe('orchestration.cache.operations["git.getRepository"].ttl');
    expect(formatPath([])).toBe('');
  });

  it('suggests near names (swaps count once) and not distant ones', () => {
    expect(editDistance('tpye', 'type', 3)).toBe(1);
    expect(closest('tll', ['ttl', 'url'])).toBe('ttl');
    expect(closest('gitlab', ['github', 'gitea'])).toBeUndefined();
    expect(closest('Provider', ['provider'])).toBe('provider');
    expect(closest('git.getRepo', ['git.getRepository', 'git.getRepositoryTopics'])).toBe('git.getRepository');
  });
});
