import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * For Redis-backed test suites: the Redis URL the test runner found or started
 * (`MOSAIC_TEST_REDIS_URL`). Under CI=true a missing Redis throws (the suite fails, never
 * skips); elsewhere it returns undefined and the suite should `describe.skipIf(!url)`.
 */
export function testRedisUrl(): string | undefined {
  const url = process.env.MOSAIC_TEST_REDIS_URL;
  if (!url && (process.env.CI === 'true' || process.env.CI === '1')) {
    throw new Error('CI=true but MOSAIC_TEST_REDIS_URL is not set: Redis-backed suites must not be skipped in CI (run through `pnpm test`).');
  }
  if (!url) console.warn('[mosaic tests] Redis unavailable: skipping a Redis-backed suite (run `pnpm test` to start one).');
  return url;
}

/** Path of a redis-server binary for tests that start and kill their own server. */
export function redisServerBin(): string | undefined {
  return process.env.MOSAIC_REDIS_SERVER_BIN;
}

/**
 * A free loopback port in 6391–6399 for a test's own redis-server (6390 is the shared one).
 * `from: 'top'` scans downwards, so two suites running at once rarely pick the same port.
 */
export async function freeRedisPort(from: 'bottom' | 'top' = 'bottom'): Promise<number> {
  const ports = [6391, 6392, 6393, 6394, 6395, 6396, 6397, 6398, 6399];
  for (const port of from === 'top' ? ports.reverse() : ports) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port in 6391-6399');
}

/** True when a Redis server on loopback `port` answers PING. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(String(d).startsWith('+PONG')));
  });
}

/** Starts a throw-away redis-server (no persistence) on loopback `port` and waits until it answers (≤ 5 s). */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const bin = redisServerBin();
  if (!bin) throw new Error('MOSAIC_REDIS_SERVER_BIN is not set');
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await pings(port)) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on ${port}`);
}

/** Stops a server started by {@link startRedisServer} (default SIGKILL: an outage) and waits for it to exit. */
export async function stopRedisServer(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}
