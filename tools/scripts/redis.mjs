// Finds or starts the Redis server the test suites use, on loopback.
// Exports ensureRedis(): { url, started, skippedReason }.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const DEFAULT_REDIS_PORT = 6390;

function probe(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (d) => done(String(d).startsWith('+PONG')));
    });
  });
}

/** Path of a redis-server binary, or undefined. */
export function findRedisServer() {
  for (const candidate of [process.env.MOSAIC_REDIS_SERVER_BIN, 'redis-server', '/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    if (!candidate) continue;
    const r = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return undefined;
}

export async function ensureRedis() {
  if (process.env.MOSAIC_TEST_REDIS_URL) {
    const u = new URL(process.env.MOSAIC_TEST_REDIS_URL);
    if (await probe(u.hostname, Number(u.port || 6379))) return { url: process.env.MOSAIC_TEST_REDIS_URL, started: false };
    return { url: undefined, skippedReason: `MOSAIC_TEST_REDIS_URL=${process.env.MOSAIC_TEST_REDIS_URL} does not answer PING` };
  }
  const port = DEFAULT_REDIS_PORT;
  const url = `redis://127.0.0.1:${port}`;
  if (await probe('127.0.0.1', port)) return { url, started: false };
  const bin = findRedisServer();
  if (!bin) {
    return { url: undefined, skippedReason: 'redis-server is not installed (apt-get install -y redis-server)' };
  }
  const dir = join(tmpdir(), 'mosaic-test-redis');
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--dir', dir], { encoding: 'utf8' });
  if (r.status !== 0) return { url: undefined, skippedReason: `redis-server failed to start: ${r.stderr || r.stdout}` };
  for (let i = 0; i < 50; i++) {
    if (await probe('127.0.0.1', port)) return { url, started: true, bin };
    await new Promise((res) => setTimeout(res, 100));
  }
  return { url: undefined, skippedReason: `redis-server did not answer on port ${port}` };
}
