/**
 * `@mosaic/provider-anthropic`: Anthropic Claude as a Mosaic ai provider (over the official
 * `@anthropic-ai/sdk`).
 * @packageDocumentation
 */
export { createAnthropic, AnthropicProvider, ANTHROPIC_AI_OPERATIONS, ANTHROPIC_THINKING_BUDGETS } from './anthropic-provider.js';
export type { AnthropicProviderSettings } from './settings.js';
export { ANTHROPIC_DEFAULT_MODELS } from './models.js';
export { anthropicRateLimit, anthropicRateLimitReason } from './errors.js';
export { VERSION } from './version.js';
