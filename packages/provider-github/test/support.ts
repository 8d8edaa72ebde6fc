import { operations, type OperationName } from '@mosaic/orchestrator-core';
import type { z } from 'zod';
import { createGitHub, type GitHubProvider } from '../src/index.js';
import type { GitHubProviderSettings } from '../src/settings.js';

/** GitHub's API origin as the provider calls it by default. */
export const API = 'https://api.github.com';

/** Git operation names. */
export type GitOp = Extract<OperationName, `git.${string}`>;

/** Parses raw input with the registry's input schema (defaults applied), as the core does before calling a provider. */
export function inputOf<N extends GitOp>(name: N, raw: z.input<(typeof operations)[N]['input']>): z.output<(typeof operations)[N]['input']> {
  return operations[name].input.parse(raw) as z.output<(typeof operations)[N]['input']>;
}

/** Calls a facet method by operation name with registry-parsed input; returns the output parsed by the registry's output schema. */
export async function callOp<N extends GitOp>(
  provider: GitHubProvider,
  name: N,
  raw: z.input<(typeof operations)[N]['input']>,
  options: { signal?: AbortSignal } = {},
): Promise<z.output<(typeof operations)[N]['output']>> {
  const op = operations[name];
  const method = (provider as unknown as Record<string, (i: unknown, o: unknown) => Promise<unknown>>)[op.method];
  if (!method) throw new Error(`provider has no method ${op.method}`);
  const result = await method.call(provider, inputOf(name, raw), options);
  return op.output.parse(result) as z.output<(typeof operations)[N]['output']>;
}

/** A provider with a fixed test token and no ETag cache unless asked. */
export function testProvider(settings: GitHubProviderSettings = {}): GitHubProvider {
  return createGitHub({ token: 'ghp_testtoken000000000000000000000000000', ...settings });
}
