export * from './provider.js';
export * from './facets.js';
export * from './models/common.js';
export * from './models/git.js';
