import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Orchestrator } from '@mosaic/orchestrator-core';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createTokenAuthenticator, type McpToken } from './auth.js';
import { createMcpServer, type McpServerOptions } from './server.js';

/** Provider sets by tenant (the orchestrator's `tenants` option / config `tenants.<t>.plugins`). */
export type TenantProviderSets = Record<string, { providers?: readonly string[] | undefined }>;

/** Options of {@link createMcpHttpHandler} and {@link startMcpHttpServer}. */
export interface McpHttpOptions extends Omit<McpServerOptions, 'tenant' | 'providers'> {
  /** Bearer tokens, each mapped to a tenant. Required (at least one). */
  tokens: readonly McpToken[];
  /**
   * Which providers each tenant may use; a tenant without an entry (or without `providers`)
   * sees every provider. A function is read per request (follows reloads).
   */
  tenants?: TenantProviderSets | (() => TenantProviderSets);
  /** URL path of the MCP endpoint. Default `/mcp`. */
  path?: string;
}

/** Options of {@link startMcpHttpServer}. */
export interface StartMcpHttpOptions extends McpHttpOptions {
  /** Interface to listen on. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** Port; `0` picks a free one. Default 3456. */
  port?: number;
}

/** A running Streamable HTTP endpoint. */
export interface McpHttpServer {
  /** The endpoint, e.g. `http://127.0.0.1:3456/mcp`. */
  readonly url: string;
  readonly port: number;
  /** The Node HTTP server. */
  readonly server: HttpServer;
  /** Stops accepting connections and closes open ones. Does not close the orchestrator. */
  close(): Promise<void>;
}

/**
 * A Node `http` request handler serving MCP over Streamable HTTP in stateless mode: every POST
 * is authenticated first — a missing or wrong bearer token gets `401` (with
 * `WWW-Authenticate: Bearer`) before the body is read or anything else is touched — then
 * served by a fresh {@link createMcpServer} for the token's tenant (its provider set and
 * `{ tenant }` on every call, so cache entries and budgets stay the tenant's), answering with
 * JSON. Stateless means no session: `GET` (server-to-client stream) and `DELETE` get `405`,
 * and `tools/list_changed` is not pushed over HTTP — each `tools/list` reflects the current
 * configuration. Other paths get `404`.
 */
export function createMcpHttpHandler(orchestrator: Orchestrator, options: McpHttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const authenticate = createTokenAuthenticator(options.tokens);
  const path = options.path ?? '/mcp';
  const { tokens: _tokens, tenants: _tenants, path: _path, ...serverOptions } = options;
  const tenantSets = (): TenantProviderSets => (typeof options.tenants === 'function' ? options.tenants() : (options.tenants ?? {}));

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return void sendError(res, 404, -32601, 'Not found');
    const tenant = authenticate(req.headers.authorization);
    if (tenant === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="mosaic-mcp", error="invalid_token"');
      res.setHeader('Connection', 'close');
      return void sendError(res, 401, -32001, 'Unauthorized: a valid bearer token is required');
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return void sendError(res, 405, -32000, 'Method not allowed: this server is stateless (POST only)');
    }
    const mcp = createMcpServer(orchestrator, {
      ...serverOptions,
      tenant,
      providers: () => tenantSets()[tenant]?.providers,
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close().catch(() => undefined);
      void mcp.close().catch(() => undefined);
    });
    mcp
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch((error: unknown) => {
        options.logger?.error?.('mosaic-mcp: request failed', { error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) sendError(res, 500, -32603, 'Internal error');
      });
  };
}

/**
 * Starts a Node HTTP server with {@link createMcpHttpHandler} on `host:port`.
 *
 * @throws TypeError for invalid tokens (see `createTokenAuthenticator`); the listen error
 *   (e.g. `EADDRINUSE`) when the port is taken.
 */
export async function startMcpHttpServer(orchestrator: Orchestrator, options: StartMcpHttpOptions): Promise<McpHttpServer> {
  const { host = '127.0.0.1', port = 3456, ...handlerOptions } = options;
  const server = createServer(createMcpHttpHandler(orchestrator, handlerOptions));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostPart}:${address.port}${options.path ?? '/mcp'}`,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function sendError(res: ServerResponse, status: number, code: number, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
