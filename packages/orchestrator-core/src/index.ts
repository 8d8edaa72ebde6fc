/**
 * `@mosaic/orchestrator-core`: the provider spec v1, the operation registry, errors, and the
 * orchestrator (router, resilience, cache, config, events).
 * @packageDocumentation
 */
export * from './errors/index.js';
export * from './spec/v1/index.js';
export * from './registry/index.js';
export { sampleInputs } from './registry/sample-inputs.js';
export * from './events/index.js';
export * from './config/index.js';
export * from './plugins/index.js';
export * from './router/index.js';
export * from './resilience/index.js';
export * from './cache/index.js';
export * from './orchestrator/index.js';
export * from './ai/index.js';
export * from './provider-kit/index.js';
