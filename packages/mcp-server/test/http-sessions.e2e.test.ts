import { configToOptions, type Orchestrator } from '@mosaic/orchestrator-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpHttpServer, type McpHttpServer } from '../src/index.js';
import { A_OPERATIONS, memoryConfig, memoryOrchestrator } from './helpers.js';

const ACME = 'acme-session-token-0a1b2c3d4e5f';
const GLOBEX = 'globex-session-token-7b6a5f4e3d2c';

/** The SDK client over Streamable HTTP in session mode. */
describe('Streamable HTTP session mode', () => {
  let orchestrator: Orchestrator;
  let http: McpHttpServer;

  beforeAll(async () => {
    const config = memoryConfig();
    orchestrator = await memoryOrchestrator(config);
    http = await startMcpHttpServer(orchestrator, {
      port: 0,
      sessions: { maxSessions: 3 },
      tokens: [
        { token: ACME, tenant: 'acme' },
        { token: GLOBEX, tenant: 'globex' },
      ],
      tenants: () => configToOptions(config).tenants,
    });
  });
  afterAll(async () => {
    await http.close();
    await orchestrator.close();
  });

  async function connect(token: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
    const client = new Client({ name: 'e2e-sessions', version: '0.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
    await client.connect(transport);
    return { client, transport };
  }

  it('pushes tools/list_changed to a connected client after a reload', async () => {
    const { client, transport } = await connect(ACME);
    expect(transport.sessionId).toEqual(expect.any(String));
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('git_create_branch');
    let notified = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void notified++);
    // The notification travels on the client's GET stream, which the client opens on its own
    // after initialize: reload (alternating configurations, so each reload changes the list)
    // until one arrives. Bounded: 20 rounds.
    const withBranch = memoryConfig({ aOperations: [...A_OPERATIONS, 'git.createBranch'] });
    for (let round = 0; round < 20 && notified === 0; round++) {
      await orchestrator.reload(round % 2 === 0 ? withBranch : memoryConfig());
      await client.ping(); // a round trip; then give the stream a moment
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(notified).toBeGreaterThan(0);
    await orchestrator.reload(withBranch);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('git_create_branch');
    await transport.terminateSession();
    await client.close();
  });

  it('honours a session id only with a token of the session’s tenant', async () => {
    const { client, transport } = await connect(ACME);
    const sessionId = transport.sessionId!;
    const body = JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list', params: {} });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' };
    const asGlobex = await fetch(http.url, { method: 'POST', headers: { ...headers, authorization: `Bearer ${GLOBEX}` }, body });
    expect(asGlobex.status).toBe(404);
    const anonymous = await fetch(http.url, { method: 'POST', headers, body });
    expect(anonymous.status).toBe(401);
    const asAcme = await fetch(http.url, { method: 'POST', headers: { ...headers, authorization: `Bearer ${ACME}` }, body });
    expect(asAcme.status).toBe(200);
    await transport.terminateSession();
    await client.close();
  });

  it('refuses sessions beyond maxSessions with 503', async () => {
    const open = await Promise.all([connect(GLOBEX), connect(GLOBEX), connect(GLOBEX)]);
    await expect(connect(GLOBEX)).rejects.toThrow(/503|Too many/);
    for (const { client, transport } of open) {
      await transport.terminateSession();
      await client.close();
    }
    const again = await connect(GLOBEX); // terminated sessions free their slots
    await again.transport.terminateSession();
    await again.client.close();
  });
});
