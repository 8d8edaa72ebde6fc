export {
  createCache,
  type CacheOptions,
  type CachePolicy,
  type CacheRedisUrlOptions,
  type CacheKeyvOptions,
  type CacheEventSink,
  type CacheCallMeta,
  type CacheResult,
  type CacheStats,
  type MosaicCache,
} from './cache.js';
export { cacheKey, type CacheKeyParts } from './cache-key.js';
export { canonicalJson } from './canonical-json.js';
