import { getOperation, InvalidArgumentError, type AnyOperation, type Logger, type Orchestrator, type OrchestratorCallOptions } from '@mosaic/orchestrator-core';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toolErrorResult } from './errors.js';
import { InvalidOutputError } from './invalid-output-error.js';
import { scopeHealth, scopeTrace } from './scope.js';
import {
  EXPLAIN_TOOL,
  extraInputSchemas,
  extraTools,
  HEALTH_TOOL,
  operationForTool,
  operationTool,
  supportedOperations,
  toolName,
  type ToolDefinition,
} from './tools.js';
import { VERSION } from './version.js';

/** Key of a tool call's `_meta` that carries an idempotency key for a write (`{ "_meta": { "mosaic/idempotencyKey": "…" } }`). */
export const IDEMPOTENCY_KEY_META = 'mosaic/idempotencyKey';

/** Options of {@link createMcpServer}. */
export interface McpServerOptions {
  /** Tenant every call is made for (routing rules, cache scope, budgets). Default `default`. */
  tenant?: string;
  /**
   * Provider ids whose operations become tools (the tenant's provider set). A function is
   * read on every `tools/list` and call, so it can follow configuration reloads. Default:
   * every provider the orchestrator has.
   */
  providers?: readonly string[] | (() => readonly string[] | undefined);
  /** Server name in the MCP `initialize` answer. Default `mosaic`. */
  name?: string;
  /** Server version in the MCP `initialize` answer. Default this package's version. */
  version?: string;
  /**
   * Keep the vendors' own objects (`raw`) in tool results. Default `false`: they are removed
   * (they are large and vendor-specific; the unified fields are what tools promise).
   */
  includeRaw?: boolean;
  /** Receives warnings (failed notifications); nothing is written to the console. */
  logger?: Logger;
}

/** One MCP server over an orchestrator (see {@link createMcpServer}). */
export interface MosaicMcpServer {
  /** The SDK server (low-level `Server`), for hosts that add their own handlers. */
  readonly server: Server;
  /** Tenant the server's calls are made for. */
  readonly tenant: string;
  /** The tools `tools/list` answers with now: one per supported operation, then `mosaic_explain` and `mosaic_health`. */
  listTools(): ToolDefinition[];
  /** Connects a transport (stdio, Streamable HTTP, in-memory). */
  connect(transport: Transport): Promise<void>;
  /** Closes the connection and stops following configuration reloads. Does not close the orchestrator. */
  close(): Promise<void>;
}

/**
 * Makes every operation of `orchestrator` that at least one of its providers supports
 * available as an MCP tool, generated from the operation registry: `git_create_repository`
 * with the operation's summary, input/output JSON Schemas derived from its zod schemas,
 * structured results, and `readOnlyHint`/`destructiveHint`/`idempotentHint` annotations; plus
 * `mosaic_explain` (routing trace of a would-be call) and `mosaic_health`. When the
 * orchestrator's configuration is reloaded and the tool list changed, connected clients get
 * `notifications/tools/list_changed`.
 *
 * Calls go through `orchestrator.call` with the server's tenant and the request's abort
 * signal. Failures are tool results with `isError: true` naming the Mosaic error class, code,
 * message and retry hint (see `ToolErrorBody`) — never a stack or a credential. Invalid
 * arguments name each field.
 *
 * Built on the SDK's low-level `Server` so that the registry's JSON Schemas are passed as they
 * are. The returned server serves one connection; create one per connection (stateless HTTP
 * creates one per request).
 */
export function createMcpServer(orchestrator: Orchestrator, options: McpServerOptions = {}): MosaicMcpServer {
  const tenant = options.tenant ?? 'default';
  const providerIds = (): readonly string[] => {
    const p = typeof options.providers === 'function' ? options.providers() : options.providers;
    return p ?? orchestrator.providerIds();
  };
  const operations = (): AnyOperation[] => supportedOperations(orchestrator, providerIds());
  const listTools = (): ToolDefinition[] => [...operations().map(operationTool), ...extraTools()];

  const server = new Server(
    { name: options.name ?? 'mosaic', version: options.version ?? VERSION },
    {
      capabilities: { tools: { listChanged: true } },
      instructions:
        'Mosaic tools call developer-platform services (git, CI/CD, docs, projects, AI, workflows) through one routed, cached and retried interface. ' +
        'Tool names are <service>_<operation>. Use mosaic_explain to see which provider a call would reach, and mosaic_health for provider state.',
    },
  );

  let listed = '';
  server.setRequestHandler(ListToolsRequestSchema, async () => {
    const tools = listTools();
    listed = tools.map((t) => t.name).join(',');
    return { tools };
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name } = request.params;
    const args = request.params.arguments ?? {};
    const allowed = operations();
    if (name === EXPLAIN_TOOL) return explain(args, allowed);
    if (name === HEALTH_TOOL) return health(args);
    const operation = operationForTool(name);
    if (!operation || !allowed.includes(operation)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    const parsed = operation.input.safeParse(args);
    if (!parsed.success) return toolErrorResult(invalidArguments(name, parsed.error.issues));
    const idempotencyKey = request.params._meta?.[IDEMPOTENCY_KEY_META];
    const callOptions: OrchestratorCallOptions = {
      tenant,
      signal: extra.signal,
      ...(typeof idempotencyKey === 'string' && idempotencyKey ? { idempotencyKey } : {}),
    };
    try {
      let value: unknown;
      if (operation.streaming) {
        const chunks: unknown[] = [];
        const facade = (orchestrator as unknown as Record<string, Record<string, (i: unknown, o: unknown) => AsyncIterable<unknown>>>)[operation.service]!;
        const progressToken = request.params._meta?.progressToken;
        for await (const chunk of facade[operation.method]!(args, callOptions)) {
          chunks.push(chunk);
          if (progressToken !== undefined) {
            await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: chunks.length } }).catch(() => undefined);
          }
        }
        value = { chunks };
      } else {
        value = await orchestrator.call(operation.name as never, args as never, callOptions);
      }
      return success(operation, value);
    } catch (error) {
      return toolErrorResult(error, errorScope());
    }
  });

  const success = (operation: AnyOperation, value: unknown): CallToolResult => {
    const plain = JSON.parse(JSON.stringify(options.includeRaw ? value : withoutRaw(value)) ?? 'null') as unknown;
    const checked = operation.streaming
      ? checkChunks(operation, plain)
      : operation.output.safeParse(plain);
    if (!checked.success) {
      return toolErrorResult(
        new InvalidOutputError({
          operation: operation.name,
          issues: checked.error.issues.map((i: { path: PropertyKey[]; message: string }) => ({ path: i.path.map(String).join('.'), message: i.message })),
        }),
      );
    }
    const structured = JSON.parse(JSON.stringify(checked.data)) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
  };

  const explain = (args: Record<string, unknown>, allowed: AnyOperation[]): CallToolResult => {
    const parsed = extraInputSchemas().explain.safeParse(args);
    if (!parsed.success) return toolErrorResult(invalidArguments(EXPLAIN_TOOL, parsed.error.issues));
    const operation = operationForTool(parsed.data.tool) ?? getOperation(parsed.data.tool);
    if (!operation || !allowed.includes(operation)) {
      return toolErrorResult(
        new InvalidArgumentError({
          argument: EXPLAIN_TOOL,
          issues: [{ path: 'tool', message: `no tool "${parsed.data.tool}" on this server (see tools/list)` }],
        }),
      );
    }
    try {
      const trace = orchestrator.explain(operation.name as never, parsed.data.arguments as never, { tenant });
      const scoped = { tool: toolName(operation), ...scopeTrace(trace, scopeSet()) } as Record<string, unknown>;
      return { content: [{ type: 'text', text: JSON.stringify(scoped, null, 2) }], structuredContent: scoped };
    } catch (error) {
      return toolErrorResult(error, errorScope());
    }
  };

  const health = async (args: Record<string, unknown>): Promise<CallToolResult> => {
    const parsed = extraInputSchemas().health.safeParse(args);
    if (!parsed.success) return toolErrorResult(invalidArguments(HEALTH_TOOL, parsed.error.issues));
    try {
      const report = scopeHealth(await orchestrator.health({ refresh: parsed.data.refresh }), new Set(providerIds()));
      const structured = JSON.parse(JSON.stringify({ tenant, ...report })) as Record<string, unknown>;
      return { content: [{ type: 'text', text: JSON.stringify(structured, null, 2) }], structuredContent: structured };
    } catch (error) {
      return toolErrorResult(error, errorScope());
    }
  };

  /** The providers a trace may mention: the tenant's set (undefined = every provider, nothing hidden). */
  const scopeSet = (): ReadonlySet<string> | undefined => (options.providers === undefined ? undefined : new Set(providerIds()));

  /** Other tenants' providers, hidden from error messages and attempt lists. */
  const errorScope = () => {
    const allowed = scopeSet();
    return allowed ? { hidden: orchestrator.providerIds().filter((id) => !allowed.has(id)) } : undefined;
  };

  let connected = false;
  const unsubscribe = orchestrator.on('config:reload', () => {
    if (!connected || listed === '') return;
    const now = listTools().map((t) => t.name).join(',');
    if (now === listed) return;
    listed = now;
    server.sendToolListChanged().catch((error: unknown) => options.logger?.warn?.('mosaic-mcp: tools/list_changed not sent', { error: String(error) }));
  });

  return {
    server,
    tenant,
    listTools,
    connect: async (transport) => {
      await server.connect(transport);
      connected = true;
    },
    close: async () => {
      connected = false;
      unsubscribe();
      await server.close();
    },
  };
}

function invalidArguments(tool: string, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): InvalidArgumentError {
  return new InvalidArgumentError({
    argument: tool,
    issues: issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    message: `Invalid arguments for ${tool}: ${issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ')}`,
  });
}

function checkChunks(operation: AnyOperation, value: unknown) {
  const chunks = (value as { chunks: unknown[] }).chunks;
  const data: unknown[] = [];
  for (const [index, chunk] of chunks.entries()) {
    const r = operation.output.safeParse(chunk);
    if (!r.success) {
      return { success: false as const, error: { issues: r.error.issues.map((i: { path: PropertyKey[]; message: string }) => ({ ...i, path: ['chunks', index, ...i.path] })) } };
    }
    data.push(r.data);
  }
  return { success: true as const, data: { chunks: data } };
}

/** A copy of `value` without `raw` properties (the vendors' own objects) at any depth. */
function withoutRaw(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRaw);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (key !== 'raw') out[key] = withoutRaw(v);
  return out;
}
