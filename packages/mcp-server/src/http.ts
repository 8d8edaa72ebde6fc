import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Orchestrator } from '@mosaic/orchestrator-core';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createTokenAuthenticator, type McpToken } from './auth.js';
import { createMcpServer, type McpServerOptions, type MosaicMcpServer } from './server.js';

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
  /**
   * Session mode: `initialize` opens a session (`Mcp-Session-Id`) bound to the token's tenant;
   * the client may open the `GET` stream and receives `tools/list_changed` after a reload.
   * A session id is only honoured with a token of the same tenant (otherwise `404`). Default
   * `false`: stateless (see {@link createMcpHttpHandler}).
   */
  sessions?: boolean | McpSessionOptions;
}

/** Limits of session mode. */
export interface McpSessionOptions {
  /** Most open sessions; an `initialize` beyond it gets `503`. Default 100. */
  maxSessions?: number;
  /** A session without requests for this long is closed, in ms. Default 1,800,000 (30 min). */
  idleTimeoutMs?: number;
}

/** A request handler that can release what it holds (open sessions). */
export interface McpHttpHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Closes every open session. */
  close(): Promise<void>;
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
 * configuration. Other paths get `404`. With `sessions`, see {@link McpHttpOptions.sessions}.
 */
export function createMcpHttpHandler(orchestrator: Orchestrator, options: McpHttpOptions): McpHttpHandler {
  const authenticate = createTokenAuthenticator(options.tokens);
  const path = options.path ?? '/mcp';
  const { tokens: _tokens, tenants: _tenants, path: _path, sessions: sessionOption, ...serverOptions } = options;
  const tenantSets = (): TenantProviderSets => (typeof options.tenants === 'function' ? options.tenants() : (options.tenants ?? {}));
  const serverFor = (tenant: string) => createMcpServer(orchestrator, { ...serverOptions, tenant, providers: () => tenantSets()[tenant]?.providers });
  const fail = (res: ServerResponse) => (error: unknown) => {
    options.logger?.error?.('mosaic-mcp: request failed', { error: error instanceof Error ? error.message : String(error) });
    if (!res.headersSent) sendError(res, 500, -32603, 'Internal error');
  };

  const sessionSettings = sessionOption ? { maxSessions: 100, idleTimeoutMs: 1_800_000, ...(sessionOption === true ? {} : sessionOption) } : undefined;
  const sessions = new Map<string, { tenant: string; transport: StreamableHTTPServerTransport; mcp: MosaicMcpServer; lastUsed: number }>();
  let sweeper: ReturnType<typeof setInterval> | undefined;
  const closeSession = async (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    await session.mcp.close().catch(() => undefined);
  };
  if (sessionSettings) {
    sweeper = setInterval(() => {
      const now = Date.now();
      for (const [id, session] of sessions) if (now - session.lastUsed > sessionSettings.idleTimeoutMs) void closeSession(id);
    }, Math.min(60_000, sessionSettings.idleTimeoutMs));
    sweeper.unref?.();
  }

  const stateless = (tenant: string, req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return void sendError(res, 405, -32000, 'Method not allowed: this server is stateless (POST only)');
    }
    const mcp = serverFor(tenant);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close().catch(() => undefined);
      void mcp.close().catch(() => undefined);
    });
    mcp.connect(transport).then(() => transport.handleRequest(req, res)).catch(fail(res));
  };

  const stateful = (tenant: string, req: IncomingMessage, res: ServerResponse, limits: { maxSessions: number }) => {
    const header = req.headers['mcp-session-id'];
    const id = Array.isArray(header) ? header[0] : header;
    if (id !== undefined) {
      const session = sessions.get(id);
      // Another tenant's session id is answered like an unknown one.
      if (!session || session.tenant !== tenant) return void sendError(res, 404, -32001, 'Session not found');
      session.lastUsed = Date.now();
      return void session.transport.handleRequest(req, res).catch(fail(res));
    }
    if (req.method !== 'POST') return void sendError(res, 400, -32000, 'Bad request: no session (send initialize first)');
    if (sessions.size >= limits.maxSessions) return void sendError(res, 503, -32000, 'Too many open sessions');
    const mcp = serverFor(tenant);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => void sessions.set(sessionId, { tenant, transport, mcp, lastUsed: Date.now() }),
      onsessionclosed: (sessionId) => void closeSession(sessionId),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    mcp
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .then(() => {
        // Not an initialize: no session was opened; release the server.
        if (!transport.sessionId) void mcp.close().catch(() => undefined);
      })
      .catch(fail(res));
  };

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return void sendError(res, 404, -32601, 'Not found');
    const tenant = authenticate(req.headers.authorization);
    if (tenant === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="mosaic-mcp", error="invalid_token"');
      res.setHeader('Connection', 'close');
      return void sendError(res, 401, -32001, 'Unauthorized: a valid bearer token is required');
    }
    if (sessionSettings) stateful(tenant, req, res, sessionSettings);
    else stateless(tenant, req, res);
  }) as McpHttpHandler;
  handler.close = async () => {
    if (sweeper) clearInterval(sweeper);
    await Promise.all([...sessions.keys()].map(closeSession));
  };
  return handler;
}

/**
 * Starts a Node HTTP server with {@link createMcpHttpHandler} on `host:port`.
 *
 * @throws TypeError for invalid tokens (see `createTokenAuthenticator`); the listen error
 *   (e.g. `EADDRINUSE`) when the port is taken.
 */
export async function startMcpHttpServer(orchestrator: Orchestrator, options: StartMcpHttpOptions): Promise<McpHttpServer> {
  const { host = '127.0.0.1', port = 3456, ...handlerOptions } = options;
  const handler = createMcpHttpHandler(orchestrator, handlerOptions);
  const server = createServer(handler);
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
    close: async () => {
      await handler.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function sendError(res: ServerResponse, status: number, code: number, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
