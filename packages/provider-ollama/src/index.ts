/**
 * `@mosaic/provider-ollama`: Ollama (local models) as a Mosaic ai provider (over the official
 * `ollama` package).
 * @packageDocumentation
 */
export { createOllama, OllamaProvider, OLLAMA_AI_OPERATIONS } from './ollama-provider.js';
export type { OllamaProviderSettings } from './settings.js';
export { OLLAMA_DEFAULT_MODELS } from './models.js';
export { VERSION } from './version.js';
