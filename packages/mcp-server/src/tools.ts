import { listOperations, type AnyOperation, type Orchestrator } from '@mosaic/orchestrator-core';
import { z } from 'zod';

/** A JSON Schema object as MCP carries it (`inputSchema`, `outputSchema`). */
export type JsonSchemaObject = { type: 'object'; [key: string]: unknown };

/** What an MCP tool declares (the `tools/list` entry), as built by {@link operationTool}. */
export interface ToolDefinition {
  name: string;
  title?: string;
  description: string;
  inputSchema: JsonSchemaObject;
  outputSchema?: JsonSchemaObject;
  annotations: {
    title?: string;
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint?: boolean;
  };
}

/** Name of the tool that explains a routing decision. */
export const EXPLAIN_TOOL = 'mosaic_explain';
/** Name of the tool that reports providers, breakers and cache statistics. */
export const HEALTH_TOOL = 'mosaic_health';

/**
 * The MCP tool name of a registry operation: service and method in snake case, joined by `_`
 * (`git.createRepository` → `git_create_repository`). Names stay within MCP's allowed
 * characters (`[A-Za-z0-9_.-]`, at most 128).
 */
export function toolName(operation: { readonly service: string; readonly method: string }): string {
  return `${operation.service}_${operation.method.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase()}`;
}

const byTool = new Map<string, AnyOperation>();
/** The registry operation behind a tool name; `undefined` for other names. */
export function operationForTool(name: string): AnyOperation | undefined {
  if (byTool.size === 0) for (const op of listOperations()) byTool.set(toolName(op), op);
  return byTool.get(name);
}

const schemaCache = new WeakMap<AnyOperation, { input: JsonSchemaObject; output: JsonSchemaObject | undefined }>();

/**
 * JSON Schemas of an operation, derived from its zod schemas with `z.toJSONSchema` (input as
 * callers write it, before defaults; output as parsed) and memoised per operation. Streaming
 * operations are collected into `{ chunks: [...] }`. An output that is not an object (MCP
 * requires one) is left without an output schema.
 */
export function operationSchemas(operation: AnyOperation): { input: JsonSchemaObject; output: JsonSchemaObject | undefined } {
  let cached = schemaCache.get(operation);
  if (!cached) {
    const input = toJsonSchema(operation.input, 'input');
    let output = toJsonSchema(operation.output, 'output');
    if (operation.streaming) {
      output = { type: 'object', properties: { chunks: { type: 'array', items: output } }, required: ['chunks'], additionalProperties: false };
    }
    cached = {
      input: input.type === 'object' ? (input as JsonSchemaObject) : { type: 'object', properties: {} },
      output: output.type === 'object' ? (output as JsonSchemaObject) : undefined,
    };
    schemaCache.set(operation, cached);
  }
  return cached;
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
  delete json.$schema; // MCP's default dialect is 2020-12 (what zod emits); clients with draft-07 validators choke on the URI
  return json;
}

const SERVICE_TITLES: Record<string, string> = { git: 'Git', cicd: 'CI/CD', docs: 'Docs', project: 'Project', ai: 'AI', workflow: 'Workflow' };

/** The MCP tool of one registry operation: name, description, schemas and behaviour hints. */
export function operationTool(operation: AnyOperation): ToolDefinition {
  const schemas = operationSchemas(operation);
  const traits = [
    operation.kind === 'read' ? 'read-only' : operation.destructive ? 'destructive write' : 'write',
    operation.idempotent ? 'idempotent' : 'not idempotent',
    ...(operation.paginated ? ['paginated: pass `nextCursor` back as `cursor`'] : []),
    ...(operation.streaming ? ['streamed: the chunks are collected'] : []),
  ];
  const title = `${SERVICE_TITLES[operation.service] ?? operation.service}: ${(operation.method as string).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()}`;
  return {
    name: toolName(operation),
    title,
    description: `${operation.summary} (Mosaic operation ${operation.name}; ${traits.join('; ')}.) Routed to a configured ${operation.service} provider with retries and failover.`,
    inputSchema: schemas.input,
    ...(schemas.output ? { outputSchema: schemas.output } : {}),
    annotations: {
      title,
      readOnlyHint: operation.kind === 'read',
      destructiveHint: operation.kind === 'write' && operation.destructive,
      idempotentHint: operation.idempotent,
      openWorldHint: true,
    },
  };
}

/**
 * Operations served by at least one of `providerIds` (by their declared capabilities), in
 * registry order. Ids the orchestrator does not know are ignored.
 */
export function supportedOperations(orchestrator: Orchestrator, providerIds: Iterable<string>): AnyOperation[] {
  const known = new Set(orchestrator.providerIds());
  const names = new Set<string>();
  for (const id of providerIds) {
    if (!known.has(id)) continue;
    for (const op of orchestrator.getProvider(id).capabilities.operations as readonly string[]) names.add(op);
  }
  return listOperations().filter((op) => names.has(op.name));
}

function buildExtraSchemas() {
  return {
    explain: z.strictObject({
      tool: z.string().min(1).describe('Tool name (git_create_repository) or operation name (git.createRepository) of the would-be call.'),
      arguments: z.record(z.string(), z.unknown()).default({}).describe('The arguments the call would get.'),
    }),
    health: z.strictObject({
      refresh: z.boolean().default(true).describe('Run every provider health check now (default); false reports the last results without calling providers.'),
    }),
  };
}
let extraSchemas: ReturnType<typeof buildExtraSchemas> | undefined;

/** Input schemas of {@link EXPLAIN_TOOL} and {@link HEALTH_TOOL} (built on first use, not at import). */
export function extraInputSchemas(): ReturnType<typeof buildExtraSchemas> {
  extraSchemas ??= buildExtraSchemas();
  return extraSchemas;
}

let extras: ToolDefinition[] | undefined;

/** The {@link EXPLAIN_TOOL} and {@link HEALTH_TOOL} definitions (built once). */
export function extraTools(): ToolDefinition[] {
  extras ??= buildExtraTools();
  return extras;
}

function buildExtraTools(): ToolDefinition[] {
  return [
    {
      name: EXPLAIN_TOOL,
      title: 'Explain a routing decision',
      description:
        'Shows which provider a call would be routed to and why (matched rules, filtered providers with reasons, strategy scores, final candidate order), without calling any provider.',
      inputSchema: toJsonSchema(extraInputSchemas().explain, 'input') as JsonSchemaObject,
      annotations: { title: 'Explain a routing decision', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    {
      name: HEALTH_TOOL,
      title: 'Provider health',
      description: 'Reports every provider of this server (state, last health check, rate-limit budget), circuit breaker states and cache statistics.',
      inputSchema: toJsonSchema(extraInputSchemas().health, 'input') as JsonSchemaObject,
      annotations: { title: 'Provider health', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
  ];
}
