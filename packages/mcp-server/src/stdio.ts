import type { Orchestrator } from '@mosaic/orchestrator-core';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer, type McpServerOptions, type MosaicMcpServer } from './server.js';

/** Options of {@link serveStdio}. */
export interface ServeStdioOptions extends McpServerOptions {
  /** Streams to use instead of `process.stdin`/`process.stdout`. */
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
}

/**
 * Serves `orchestrator` over stdio (one client, the process that started this one): creates
 * the MCP server and connects it to a stdio transport. Nothing but MCP messages is written
 * to stdout.
 */
export async function serveStdio(orchestrator: Orchestrator, options: ServeStdioOptions = {}): Promise<MosaicMcpServer> {
  const { stdin, stdout, ...serverOptions } = options;
  const mcp = createMcpServer(orchestrator, serverOptions);
  await mcp.connect(new StdioServerTransport(stdin as never, stdout as never));
  return mcp;
}
