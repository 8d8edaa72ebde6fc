/**
 * `@mosaic/mcp-server`: every operation of a configured Mosaic orchestrator as an MCP tool,
 * over stdio or Streamable HTTP (bearer tokens mapped to tenants).
 * @packageDocumentation
 */
export { createMcpServer, IDEMPOTENCY_KEY_META, type McpServerOptions, type MosaicMcpServer } from './server.js';
export { serveStdio, type ServeStdioOptions } from './stdio.js';
export {
  createMcpHttpHandler,
  startMcpHttpServer,
  type McpHttpHandler,
  type McpHttpOptions,
  type McpSessionOptions,
  type McpHttpServer,
  type StartMcpHttpOptions,
  type TenantProviderSets,
} from './http.js';
export { createTokenAuthenticator, MIN_TOKEN_LENGTH, type McpToken } from './auth.js';
export {
  toolName,
  operationForTool,
  operationTool,
  operationSchemas,
  supportedOperations,
  extraTools,
  extraInputSchemas,
  EXPLAIN_TOOL,
  HEALTH_TOOL,
  type ToolDefinition,
  type JsonSchemaObject,
} from './tools.js';
export { describeError, toolErrorResult, type ToolErrorBody } from './errors.js';
export { InvalidOutputError } from './invalid-output-error.js';
export { scopeTrace, scopeHealth, type ScopedHealth } from './scope.js';
export { VERSION } from './version.js';
