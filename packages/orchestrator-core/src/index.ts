/**
 * `@mosaic/orchestrator-core`: the provider spec v1, the operation registry, errors, and the
 * orchestrator (router, resilience, cache, config, events).
 * @packageDocumentation
 */
export * from './errors/index.js';
export * from './spec/v1/index.js';
export * from './registry/index.js';
