/**
 * `@mosaic/provider-openai`: OpenAI and OpenAI-compatible servers (vLLM, LM Studio, gateways)
 * as a Mosaic ai provider (over the official `openai` SDK).
 * @packageDocumentation
 */
export { createOpenAI, OpenAIProvider, OPENAI_AI_OPERATIONS } from './openai-provider.js';
export type { OpenAIProviderSettings } from './settings.js';
export { OPENAI_DEFAULT_MODELS } from './models.js';
export { openaiRateLimit, openaiRateLimitReason, parseOpenAIDuration } from './errors.js';
export { VERSION } from './version.js';
