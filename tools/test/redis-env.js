/**
 * For Redis-backed test suites: the Redis URL the test runner found or started
 * (`MOSAIC_TEST_REDIS_URL`). Under CI=true a missing Redis throws (the suite fails, never
 * skips); elsewhere it returns undefined and the suite should `describe.skipIf(!url)`.
 */
export function testRedisUrl() {
    const url = process.env.MOSAIC_TEST_REDIS_URL;
    if (!url && (process.env.CI === 'true' || process.env.CI === '1')) {
        throw new Error('CI=true but MOSAIC_TEST_REDIS_URL is not set: Redis-backed suites must not be skipped in CI (run through `pnpm test`).');
    }
    if (!url)
        console.warn('[mosaic tests] Redis unavailable: skipping a Redis-backed suite (run `pnpm test` to start one).');
    return url;
}
/** Path of a redis-server binary for tests that start and kill their own server. */
export function redisServerBin() {
    return process.env.MOSAIC_REDIS_SERVER_BIN;
}
