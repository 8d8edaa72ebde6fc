import { PluginError } from '../errors/plugin-error.js';
import { getOperation } from '../registry/index.js';
import type { AnyProviderV1 } from '../spec/v1/facets.js';
import { SERVICE_TYPES } from '../spec/v1/provider.js';

/** The provider specification versions this core can load. */
export const SUPPORTED_SPECIFICATION_VERSIONS: readonly string[] = ['v1'];

/** Options of {@link validateProvider}. */
export interface ValidateProviderOptions {
  /** Plugin ids already in use; a provider whose id is among them is reported. */
  takenIds?: Iterable<string>;
}

const LIFECYCLE_METHODS = ['initialize', 'start', 'stop', 'dispose', 'metrics', 'refreshCredentials', 'credentialFingerprint'] as const;

/**
 * Checks that `candidate` is a usable spec v1 provider and returns every problem found (an
 * empty array when it is valid). Checks: `specificationVersion` is `v1`; `id` is a non-empty
 * string not in `takenIds`; `serviceType` is a known service type; `vendor` is a non-empty
 * string; `capabilities.operations` is an array of registry operations of the provider's
 * service type, each with a method of the operation's name; `healthCheck` is a function;
 * optional lifecycle members, when present, are functions.
 */
export function validateProvider(candidate: unknown, options: ValidateProviderOptions = {}): string[] {
  if (candidate === null || typeof candidate !== 'object') {
    return [`provider must be an object, got ${candidate === null ? 'null' : typeof candidate}`];
  }
  const p = candidate as Record<string, unknown>;
  const problems: string[] = [];

  const version = p.specificationVersion;
  if (version === undefined) {
    problems.push('specificationVersion is missing (this core supports "v1")');
  } else if (version !== 'v1') {
    problems.push(`specificationVersion is ${JSON.stringify(version)}; this core supports "v1"`);
  }

  if (typeof p.id !== 'string' || p.id.trim() === '') {
    problems.push('id must be a non-empty string');
  } else if (options.takenIds && new Set(options.takenIds).has(p.id)) {
    problems.push(`id "${p.id}" is already registered (ids must be unique)`);
  }

  const serviceType = p.serviceType;
  const knownService = typeof serviceType === 'string' && (SERVICE_TYPES as readonly string[]).includes(serviceType);
  if (!knownService) {
    problems.push(`serviceType ${JSON.stringify(serviceType)} is not one of ${SERVICE_TYPES.join(', ')}`);
  }

  if (typeof p.vendor !== 'string' || p.vendor.trim() === '') problems.push('vendor must be a non-empty string');

  const capabilities = p.capabilities as { operations?: unknown } | undefined;
  if (capabilities === null || typeof capabilities !== 'object') {
    problems.push('capabilities must be an object with an operations array');
  } else if (!Array.isArray(capabilities.operations)) {
    problems.push('capabilities.operations must be an array of operation names');
  } else {
    capabilities.operations.forEach((name: unknown, index: number) => {
      const where = `capabilities.operations[${index}]`;
      if (typeof name !== 'string') {
        problems.push(`${where} must be a string, got ${typeof name}`);
        return;
      }
      const operation = getOperation(name);
      if (!operation) {
        problems.push(`${where} "${name}" is not a known operation`);
        return;
      }
      if (knownService && operation.service !== serviceType) {
        problems.push(`${where} "${name}" belongs to service "${operation.service}", not "${String(serviceType)}"`);
      }
      if (typeof p[operation.method] !== 'function') {
        problems.push(`declares "${name}" but has no method ${operation.method}()`);
      }
    });
  }

  if (typeof p.healthCheck !== 'function') problems.push('healthCheck must be a function');
  for (const member of LIFECYCLE_METHODS) {
    if (p[member] !== undefined && typeof p[member] !== 'function') problems.push(`${member} must be a function when present`);
  }
  return problems;
}

/**
 * Adapts a provider of any specification version to {@link AnyProviderV1}. Today only `v1`
 * exists, so a `v1` provider is returned as is; any other version throws a
 * {@link PluginError} that names the version and says this core supports v1. This is the
 * hook where adapters for older (or newer) specification versions will live.
 *
 * It checks the version only; use {@link validateProvider} for the full check.
 *
 * @throws PluginError when `candidate` is not an object or its `specificationVersion` is not `v1`.
 */
export function asProviderV1(candidate: unknown, pluginId?: string): AnyProviderV1 {
  const id =
    pluginId ??
    (candidate !== null && typeof candidate === 'object' && typeof (candidate as { id?: unknown }).id === 'string'
      ? (candidate as { id: string }).id
      : '(unknown)');
  if (candidate === null || typeof candidate !== 'object') {
    throw new PluginError({ pluginId: id, problems: ['not a Mosaic provider (expected an object)'] });
  }
  const version = (candidate as { specificationVersion?: unknown }).specificationVersion;
  if (version === 'v1') return candidate as AnyProviderV1;
  if (version === undefined) {
    throw new PluginError({
      pluginId: id,
      problems: ['not a Mosaic provider: specificationVersion is missing (this core supports "v1")'],
    });
  }
  throw new PluginError({
    pluginId: id,
    problems: [
      `specification version ${JSON.stringify(version)} is not supported; this core supports ${SUPPORTED_SPECIFICATION_VERSIONS.map((v) => `"${v}"`).join(', ')} (install a core and provider release that share a specification version)`,
    ],
  });
}
