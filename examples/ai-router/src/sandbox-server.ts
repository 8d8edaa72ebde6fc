import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback fixture server speaking the three vendors' wire formats, so the real SDKs run
 * unchanged in sandbox mode (no keys, no network). Response shapes follow the vendors'
 * references: OpenAI Chat Completions (`chat.completion`, SSE `chat.completion.chunk`,
 * `data: [DONE]`), Anthropic Messages (`message`, SSE `message_start` … `message_stop`),
 * Ollama `/api/chat` (JSON, NDJSON stream). Token counts are computed like a vendor would
 * report them (~4 characters per token) so costs look realistic.
 *
 * Paths: `/openai/v1/*`, `/anthropic/v1/*`, `/ollama/api/*`.
 */
export interface SandboxServer {
  url: string;
  /** Requests received, by vendor. */
  requests: Array<{ vendor: 'openai' | 'anthropic' | 'ollama'; path: string; model: string }>;
  close(): Promise<void>;
}

const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));
const textOf = (content: unknown): string =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((p: { text?: string; content?: unknown }) => p.text ?? textOf(p.content) ?? '').join(' ') : '';

async function body(req: IncomingMessage): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

function reply(model: string, prompt: string): string {
  if (/image|picture|photo/i.test(prompt)) return `[sandbox ${model}] The image shows a cat on a windowsill.`;
  if (prompt.length > 100_000) return `[sandbox ${model}] Summary: the contract renews yearly; termination needs 90 days' notice.`;
  return `[sandbox ${model}] ${prompt.slice(0, 40).trim()}… — done.`;
}

/** Starts the fixture server on 127.0.0.1 (random port). */
export async function startSandboxServer(): Promise<SandboxServer> {
  const requests: SandboxServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error), type: 'server_error', param: null, code: null } }));
    });
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const b = await body(req);
    if (url.pathname === '/openai/v1/chat/completions') {
      const prompt = (b.messages as Array<{ content: unknown }>).map((m) => textOf(m.content)).join('\n');
      requests.push({ vendor: 'openai', path: url.pathname, model: b.model });
      const text = reply(b.model, prompt);
      const usage = { prompt_tokens: tokens(prompt), completion_tokens: tokens(text), total_tokens: tokens(prompt) + tokens(text) };
      const headers = { 'x-ratelimit-limit-requests': '500', 'x-ratelimit-remaining-requests': '499', 'x-ratelimit-reset-requests': '120ms' };
      if (b.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
        const base = { id: 'chatcmpl-sandbox', object: 'chat.completion.chunk', created: 1_700_000_000, model: b.model };
        res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`);
        for (const piece of text.match(/.{1,12}/gs) ?? []) res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
        res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
        res.write(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
        res.end('data: [DONE]\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify({ id: 'chatcmpl-sandbox', object: 'chat.completion', created: 1_700_000_000, model: b.model, choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }], usage }));
      return;
    }
    if (url.pathname === '/anthropic/v1/messages') {
      const prompt = [textOf(b.system), ...(b.messages as Array<{ content: unknown }>).map((m) => textOf(m.content))].join('\n');
      requests.push({ vendor: 'anthropic', path: url.pathname, model: b.model });
      const text = reply(b.model, prompt);
      const usage = { input_tokens: tokens(prompt), output_tokens: tokens(text), cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
      res.writeHead(200, { 'content-type': 'application/json', 'anthropic-ratelimit-requests-limit': '50', 'anthropic-ratelimit-requests-remaining': '49', 'anthropic-ratelimit-requests-reset': new Date(Date.now() + 1000).toISOString() });
      res.end(JSON.stringify({ id: 'msg_sandbox', type: 'message', role: 'assistant', model: b.model, content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage }));
      return;
    }
    if (url.pathname === '/ollama/api/chat') {
      const prompt = (b.messages as Array<{ content: unknown }>).map((m) => textOf(m.content)).join('\n');
      requests.push({ vendor: 'ollama', path: url.pathname, model: b.model });
      const text = reply(b.model, prompt);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ model: b.model, created_at: new Date().toISOString(), message: { role: 'assistant', content: text }, done: true, done_reason: 'stop', prompt_eval_count: tokens(prompt), eval_count: tokens(text) }));
      return;
    }
    if (url.pathname === '/ollama/api/version') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ version: '0.12.0' }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `no fixture for ${req.method} ${url.pathname}`, type: 'invalid_request_error', param: null, code: null } }));
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
