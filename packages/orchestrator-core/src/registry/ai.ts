import * as m from '../spec/v1/models/ai.js';
import { pageOf } from '../spec/v1/models/common.js';
import { defineOperation, resourceId } from './define.js';

/** `ai:model/<model>`, or `ai:model/auto` when the router picks the model. */
const model = (i: { model?: string | undefined }) => resourceId('ai', ['model', i.model ?? 'auto']);

/**
 * The ai facet's operations (OpenAI and compatible servers, Anthropic, Ollama).
 *
 * `chat`, `streamChat`, `complete` and `embed` change no state, so they are `read`s: they
 * fail over freely. They are not deterministic, and they cost money: the cache must not
 * serve them unless the host opts in for the operation.
 *
 * Resource ids: `ai:model/<model or "auto">`; `ai:list/models` for `listModels`;
 * `ai:usage/<model or "all">` for `getUsage`.
 */
export const aiOperations = {
  'ai.chat': defineOperation({
    name: 'ai.chat', service: 'ai', kind: 'read',
    summary: 'Generate the next assistant message of a conversation, with tools, images and JSON output.',
    input: m.chatInputSchema, output: m.chatResultSchema, resource: model,
  }),
  'ai.streamChat': defineOperation({
    name: 'ai.streamChat', service: 'ai', kind: 'read', streaming: true,
    summary: 'Stream the next assistant message as start, text/tool-call deltas and a finish chunk with usage.',
    input: m.chatInputSchema, output: m.chatStreamChunkSchema, resource: model,
  }),
  'ai.complete': defineOperation({
    name: 'ai.complete', service: 'ai', kind: 'read', optional: true,
    summary: 'Continue a text prompt (legacy completion API).',
    input: m.completeInputSchema, output: m.completionResultSchema, resource: model,
  }),
  'ai.embed': defineOperation({
    name: 'ai.embed', service: 'ai', kind: 'read', optional: true,
    summary: 'Turn one or more texts into embedding vectors.',
    input: m.embedInputSchema, output: m.embeddingResultSchema, resource: model,
  }),
  'ai.listModels': defineOperation({
    name: 'ai.listModels', service: 'ai', kind: 'read', paginated: true,
    summary: 'List the models a provider serves, with context window, capabilities and prices.',
    input: m.listModelsInputSchema, output: pageOf(m.modelInfoSchema),
    resource: () => resourceId('ai', ['list', 'models']),
  }),
  'ai.getModel': defineOperation({
    name: 'ai.getModel', service: 'ai', kind: 'read',
    summary: 'Get one model’s context window, capabilities, prices and locality.',
    input: m.getModelInputSchema, output: m.modelInfoSchema, resource: model,
  }),
  'ai.getUsage': defineOperation({
    name: 'ai.getUsage', service: 'ai', kind: 'read', optional: true,
    summary: 'Report token usage and cost over a period, per hour or day, where the vendor offers it.',
    input: m.getUsageInputSchema, output: m.usageReportSchema,
    resource: (i) => resourceId('ai', ['usage', i.model ?? 'all']),
  }),
} as const;
