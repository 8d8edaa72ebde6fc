import { createOrchestrator, validateConfig, type MosaicConfig, type Orchestrator, type OrchestratorOptions } from '@mosaic/orchestrator-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createMcpServer, type McpServerOptions, type MosaicMcpServer } from '../src/index.js';

/** Token the memory providers are configured with; must never appear in any tool result. */
export const CANARY_A = 'canary-token-a-7f3e9b1c5d2a8e4f';
export const CANARY_B = 'canary-token-b-1a2b3c4d5e6f7a8b';

/** Only these four operations for memory-a; memory-b declares the fixture's six (branches too). */
export const A_OPERATIONS = ['git.createRepository', 'git.getRepository', 'git.listRepositories', 'git.deleteRepository'];

/** A configuration with two in-memory git providers (the fixture package), one per tenant. */
export function memoryConfig(overrides: { aOperations?: string[]; faults?: Record<string, string>; aUnhealthy?: boolean; sharedDefault?: boolean } = {}): MosaicConfig {
  return validateConfig(
    {
      orchestration: {
        plugins: [
          {
            id: 'memory-a', type: 'git', provider: 'memory', package: '@mosaic-test/provider-memory',
            config: {
              operations: overrides.aOperations ?? A_OPERATIONS,
              auth: { type: 'token', token: CANARY_A },
              retryAfterSeconds: 7,
              ...(overrides.faults ? { faults: overrides.faults } : {}),
              ...(overrides.aUnhealthy ? { unhealthy: true } : {}),
            },
          },
          { id: 'memory-b', type: 'git', provider: 'memory', package: '@mosaic-test/provider-memory', config: { auth: { type: 'token', token: CANARY_B } } },
        ],
        routing: { default: overrides.sharedDefault ? ['memory-a', 'memory-b'] : 'memory-a' },
        resilience: { retry: { maxAttempts: 1 } },
        tenants: {
          acme: { plugins: ['memory-a'], ...(overrides.sharedDefault ? {} : { default: 'memory-a' }) },
          globex: { plugins: ['memory-b'], ...(overrides.sharedDefault ? {} : { default: 'memory-b' }) },
        },
      },
    },
    { env: {} },
  ).config;
}

/** An orchestrator over {@link memoryConfig}; health checks off. */
export function memoryOrchestrator(config: MosaicConfig = memoryConfig(), extra: Partial<OrchestratorOptions> = {}): Promise<Orchestrator> {
  return createOrchestrator({
    config,
    importModule: (specifier) => import(specifier) as Promise<Record<string, unknown>>,
    healthCheck: { intervalMs: 0 },
    ...extra,
  });
}

/** The official SDK client connected to `createMcpServer(orchestrator, options)` in memory. */
export async function connectInMemory(orchestrator: Orchestrator, options: McpServerOptions = {}): Promise<{ client: Client; mcp: MosaicMcpServer; close(): Promise<void> }> {
  const mcp = createMcpServer(orchestrator, options);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await mcp.connect(serverTransport);
  const client = new Client({ name: 'mosaic-test', version: '0.0.0' });
  await client.connect(clientTransport);
  return {
    client,
    mcp,
    close: async () => {
      await client.close();
      await mcp.close();
    },
  };
}

/** The text of a tool result's first content block. */
export function textOf(result: unknown): string {
  const content = ((result as { content?: unknown }).content ?? []) as Array<{ type: string; text?: string }>;
  return content.map((c) => c.text ?? '').join('\n');
}

/** The JSON body a tool error carries (second line of its text). */
export function errorBodyOf(result: unknown): { error: Record<string, unknown> } {
  const text = textOf(result);
  return JSON.parse(text.slice(text.indexOf('\n') + 1)) as { error: Record<string, unknown> };
}
