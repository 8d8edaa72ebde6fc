import { describe, expect, it } from 'vitest';
import { PluginError } from '../errors/plugin-error.js';
import { listOperations } from '../registry/index.js';
import { createFakeGitProvider } from './fixtures/fake-git-provider.js';
import { asProviderV1, validateProvider } from './validate.js';

/** A copy of a valid fake provider with some members changed (as plain data, like a broken third-party plugin). */
function broken(changes: Record<string, unknown>, base = createFakeGitProvider({ id: 'gh' })): Record<string, unknown> {
  return { ...base, ...changes };
}

describe('validateProvider', () => {
  it('accepts a complete fake git provider', () => {
    expect(validateProvider(createFakeGitProvider())).toEqual([]);
  });

  it('accepts a provider that declares a subset of operations', () => {
    expect(validateProvider(createFakeGitProvider({ operations: ['git.getRepository'] }))).toEqual([]);
  });

  it('rejects a non-object', () => {
    expect(validateProvider(null)).toEqual(['provider must be an object, got null']);
    expect(validateProvider('github')).toEqual(['provider must be an object, got string']);
  });

  it('names an unsupported specification version and the supported one', () => {
    const problems = validateProvider(broken({ specificationVersion: 'v2' }));
    expect(problems).toEqual(['specificationVersion is "v2"; this core supports "v1"']);
    expect(validateProvider(broken({ specificationVersion: undefined }))).toEqual(['specificationVersion is missing (this core supports "v1")']);
  });

  it('requires a non-empty, unique id', () => {
    expect(validateProvider(broken({ id: '' }))).toEqual(['id must be a non-empty string']);
    expect(validateProvider(broken({ id: 42 }))).toEqual(['id must be a non-empty string']);
    expect(validateProvider(createFakeGitProvider({ id: 'gh' }), { takenIds: ['gh', 'gl'] })).toEqual([
      'id "gh" is already registered (ids must be unique)',
    ]);
  });

  it('requires a known serviceType and a vendor', () => {
    const problems = validateProvider(broken({ serviceType: 'scm', vendor: '' }));
    expect(problems).toContain('serviceType "scm" is not one of git, cicd, docs, project, ai, workflow');
    expect(problems).toContain('vendor must be a non-empty string');
  });

  it('checks capabilities.operations: shape, registry, service type, methods', () => {
    expect(validateProvider(broken({ capabilities: undefined }))).toEqual(['capabilities must be an object with an operations array']);
    expect(validateProvider(broken({ capabilities: { operations: 'git.getRepository' } }))).toEqual([
      'capabilities.operations must be an array of operation names',
    ]);
    const cicdOperation = listOperations('cicd')[0]!;
    const problems = validateProvider(
      broken({ capabilities: { operations: ['git.getRepository', 'git.teleport', cicdOperation.name, 7] } }),
    );
    expect(problems).toEqual([
      'capabilities.operations[1] "git.teleport" is not a known operation',
      `capabilities.operations[2] "${cicdOperation.name}" belongs to service "cicd", not "git"`,
      `declares "${cicdOperation.name}" but has no method ${cicdOperation.method}()`,
      'capabilities.operations[3] must be a string, got number',
    ]);
  });

  it('requires a method for every declared operation', () => {
    const problems = validateProvider(broken({ getRepository: undefined, createBranch: 'nope' }));
    expect(problems).toEqual([
      'declares "git.getRepository" but has no method getRepository()',
      'declares "git.createBranch" but has no method createBranch()',
    ]);
  });

  it('requires healthCheck and function-typed lifecycle members', () => {
    const problems = validateProvider(broken({ healthCheck: undefined, initialize: true, dispose: 'x' }));
    expect(problems).toEqual(['healthCheck must be a function', 'initialize must be a function when present', 'dispose must be a function when present']);
  });

  it('lists every problem at once', () => {
    const problems = validateProvider({ specificationVersion: 'v0', serviceType: 'git' });
    expect(problems.length).toBeGreaterThanOrEqual(5);
  });
});

describe('asProviderV1', () => {
  it('returns a v1 provider as is', () => {
    const provider = createFakeGitProvider();
    expect(asProviderV1(provider)).toBe(provider);
  });

  it('throws a PluginError naming a newer or older version', () => {
    const error = (() => {
      try {
        asProviderV1(broken({ specificationVersion: 'v2' }));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(PluginError.isInstance(error)).toBe(true);
    expect((error as PluginError).pluginId).toBe('gh');
    expect((error as PluginError).message).toContain('specification version "v2" is not supported; this core supports "v1"');
  });

  it('throws for something that is not a provider', () => {
    expect(() => asProviderV1({ id: 'x' })).toThrow(/not a Mosaic provider: specificationVersion is missing/);
    expect(() => asProviderV1(undefined, 'cfg-id')).toThrow(/Plugin "cfg-id".*not a Mosaic provider/);
  });
});
