import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  chatInputSchema,
  chatResultSchema,
  chatStreamChunkSchema,
  embedInputSchema,
  getUsageInputSchema,
  modelInfoSchema,
  type ChatInput,
} from './ai.js';
import {
  createSecretInputSchema,
  MAX_SECRET_VALUE_BYTES,
  pipelineRunSchema,
  secretMetadataSchema,
} from './cicd.js';
import {
  decodedByteLength,
  MAX_ATTACHMENT_BYTES,
  movePageInputSchema,
  uploadAttachmentInputSchema,
} from './docs.js';
import { createProjectInputSchema, createSprintInputSchema, linkIssuesInputSchema, updateIssueInputSchema } from './project.js';
import { executeWorkflowInputSchema, updateWorkflowInputSchema } from './workflow.js';

const issuesOf = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('ai chat input', () => {
  const user = { role: 'user', content: 'weather in Paris?' } as const;
  const weatherTool = { name: 'get_weather', parameters: { type: 'object' } };

  it('defaults privacy to standard and keeps model optional for the router', () => {
    const parsed = chatInputSchema.parse({ messages: [user] });
    expect(parsed.privacy).toBe('standard');
    expect(parsed.model).toBeUndefined();
  });

  it('rejects a tool result that answers no earlier tool call', () => {
    const r = chatInputSchema.safeParse({ messages: [user, { role: 'tool', toolCallId: 'call_9', content: '{}' }] });
    expect(issuesOf(r)).toEqual(['messages.1.toolCallId: no earlier tool call with id call_9']);
  });

  it('accepts a full tool round trip', () => {
    const input: ChatInput = {
      messages: [
        user,
        { role: 'assistant', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
        { role: 'tool', toolCallId: 'call_1', content: '{"tempC":11}' },
      ],
      tools: [weatherTool],
      toolChoice: { name: 'get_weather' },
    };
    expect(chatInputSchema.safeParse(input).success).toBe(true);
  });

  it('checks toolChoice against the tools given', () => {
    expect(issuesOf(chatInputSchema.safeParse({ messages: [user], toolChoice: 'required' }))).toEqual(['toolChoice: toolChoice needs tools']);
    expect(issuesOf(chatInputSchema.safeParse({ messages: [user], tools: [weatherTool], toolChoice: { name: 'search' } }))).toEqual([
      'toolChoice.name: no tool named search',
    ]);
    expect(chatInputSchema.safeParse({ messages: [user], toolChoice: 'none' }).success).toBe(true);
  });

  it('rejects duplicate and badly named tools', () => {
    expect(issuesOf(chatInputSchema.safeParse({ messages: [user], tools: [weatherTool, weatherTool] }))).toEqual([
      'tools.1.name: duplicate tool name get_weather',
    ]);
    expect(chatInputSchema.safeParse({ messages: [user], tools: [{ name: 'get weather', parameters: {} }] }).success).toBe(false);
  });

  it('needs content or tool calls in an assistant message', () => {
    expect(chatInputSchema.safeParse({ messages: [user, { role: 'assistant', content: '' }] }).success).toBe(false);
    expect(chatInputSchema.safeParse({ messages: [user, { role: 'assistant', content: 'Sunny.' }] }).success).toBe(true);
  });

  it('takes an image by URL or as base64 data with a media type, not both', () => {
    const withImage = (image: Record<string, unknown>) =>
      chatInputSchema.safeParse({ messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image', ...image }] }] });
    expect(withImage({ url: 'https://example.com/cat.png' }).success).toBe(true);
    expect(withImage({ url: 'data:image/png;base64,iVBORw0KGgo=' }).success).toBe(true);
    expect(withImage({ data: 'iVBORw0KGgo=', mediaType: 'image/png' }).success).toBe(true);
    expect(withImage({ data: 'iVBORw0KGgo=' }).success).toBe(false);
    expect(withImage({ url: 'https://example.com/cat.png', data: 'iVBORw0KGgo=', mediaType: 'image/png' }).success).toBe(false);
    expect(withImage({ url: 'file:///etc/passwd' }).success).toBe(false);
    expect(withImage({}).success).toBe(false);
  });

  it('bounds sampling parameters', () => {
    expect(chatInputSchema.safeParse({ messages: [user], temperature: 2.5 }).success).toBe(false);
    expect(chatInputSchema.safeParse({ messages: [user], maxTokens: 0 }).success).toBe(false);
    expect(chatInputSchema.safeParse({ messages: [user], stop: ['a', 'b', 'c', 'd', 'e'] }).success).toBe(false);
    expect(chatInputSchema.safeParse({ messages: [user], privacy: 'private' }).success).toBe(false);
    expect(chatInputSchema.safeParse({ messages: [] }).success).toBe(false);
  });
});

describe('ai results', () => {
  it('parses a chat result with tool calls and keeps unified finish reasons only', () => {
    const result = {
      id: 'chatcmpl-1',
      model: 'gpt-4.1-mini-2025-04-14',
      provider: 'openai',
      message: { content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      finishReason: 'tool-calls',
      usage: { inputTokens: 82, outputTokens: 17, totalTokens: 99, cachedInputTokens: 0 },
      costUsd: 0.0000601,
    };
    const parsed = chatResultSchema.parse(result);
    expect(parsed.message.role).toBe('assistant');
    expect(parsed.message.toolCalls[0]?.name).toBe('get_weather');
    // The vendor's own word must be mapped by the provider.
    expect(chatResultSchema.safeParse({ ...result, finishReason: 'tool_calls' }).success).toBe(false);
    expect(chatResultSchema.safeParse({ ...result, usage: { inputTokens: -1, outputTokens: 0, totalTokens: 0 } }).success).toBe(false);
  });

  it('discriminates stream chunks by type and has no error chunk', () => {
    expect(chatStreamChunkSchema.parse({ type: 'tool-call-delta', index: 0, id: 'call_1', name: 'f', argumentsDelta: '{"a"' })).toMatchObject({
      index: 0,
    });
    expect(chatStreamChunkSchema.parse({ type: 'reasoning-delta', delta: 'The user wants' })).toEqual({ type: 'reasoning-delta', delta: 'The user wants' });
    expect(chatStreamChunkSchema.safeParse({ type: 'text-delta' }).success).toBe(false);
    expect(chatStreamChunkSchema.safeParse({ type: 'error', error: 'x' }).success).toBe(false);
    expect(chatStreamChunkSchema.safeParse({ type: 'finish', finishReason: 'stop' }).success).toBe(false);
  });

  it('describes a model with its context window, capabilities, price and locality', () => {
    const local = modelInfoSchema.parse({
      id: 'llama3.2:3b',
      provider: 'ollama',
      contextWindow: 131_072,
      capabilities: { vision: false, tools: true, json: true, streaming: true, embeddings: false },
      local: true,
    });
    expect(local.pricing).toBeUndefined();
    expect(modelInfoSchema.safeParse({ ...local, contextWindow: 0 }).success).toBe(false);
  });

  it('bounds embedding batches and usage periods', () => {
    expect(embedInputSchema.safeParse({ input: Array.from({ length: 2048 }, (_, i) => `t${i}`) }).success).toBe(true);
    expect(embedInputSchema.safeParse({ input: Array.from({ length: 2049 }, (_, i) => `t${i}`) }).success).toBe(false);
    expect(embedInputSchema.safeParse({ input: '' }).success).toBe(false);
    expect(getUsageInputSchema.safeParse({ start: '2026-11-02T00:00:00Z', end: '2026-11-01T00:00:00Z' }).success).toBe(false);
    expect(getUsageInputSchema.safeParse({ start: 'last week' }).success).toBe(false);
  });
});

describe('cicd models', () => {
  it('strips a secret value a provider might pass through from a vendor object', () => {
    const out = secretMetadataSchema.parse({ provider: 'gh', name: 'NPM_TOKEN', scope: 'repository', value: 'npm_canary_5e1f' });
    expect(out).not.toHaveProperty('value');
    expect(JSON.stringify(out)).not.toContain('npm_canary_5e1f');
  });

  it('limits secret names and values', () => {
    const base = { owner: 'acme', repo: 'svc', name: 'NPM_TOKEN' };
    expect(createSecretInputSchema.safeParse({ ...base, value: 'x'.repeat(MAX_SECRET_VALUE_BYTES) }).success).toBe(true);
    // 3 bytes per character in UTF-8: the limit counts bytes, not characters.
    expect(createSecretInputSchema.safeParse({ ...base, value: '€'.repeat(MAX_SECRET_VALUE_BYTES / 3 + 1) }).success).toBe(false);
    expect(createSecretInputSchema.safeParse({ ...base, value: '' }).success).toBe(false);
    expect(createSecretInputSchema.safeParse({ ...base, name: '1TOKEN', value: 'x' }).success).toBe(false);
    expect(createSecretInputSchema.safeParse({ ...base, name: 'NPM-TOKEN', value: 'x' }).success).toBe(false);
  });

  it('parses a run with vendor-optional fields missing but requires a unified status', () => {
    const run = pipelineRunSchema.parse({ provider: 'jenkins', id: '57', status: 'failure', conclusion: 'UNSTABLE', durationMs: 93_000 });
    expect(run.ref).toBeUndefined();
    expect(pipelineRunSchema.safeParse({ provider: 'gh', id: '1', status: 'completed' }).success).toBe(false);
  });
});

describe('docs inputs', () => {
  it('computes decoded sizes as Buffer does', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'hello world', 'ünïcødé €']) {
      const b64 = Buffer.from(text).toString('base64');
      expect(decodedByteLength(b64, 'base64')).toBe(Buffer.byteLength(text));
      expect(decodedByteLength(text, 'utf-8')).toBe(Buffer.byteLength(text));
    }
  });

  it('rejects attachments over the limit and content that is not base64', () => {
    const att = { pageId: 'p1', filename: 'big.bin', mediaType: 'application/octet-stream' };
    const atLimit = Buffer.alloc(MAX_ATTACHMENT_BYTES).toString('base64');
    expect(uploadAttachmentInputSchema.safeParse({ ...att, content: atLimit }).success).toBe(true);
    const over = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1).toString('base64');
    expect(issuesOf(uploadAttachmentInputSchema.safeParse({ ...att, content: over }))).toEqual([
      `content: attachment is ${MAX_ATTACHMENT_BYTES + 1} bytes; at most ${MAX_ATTACHMENT_BYTES} bytes are accepted`,
    ]);
    expect(uploadAttachmentInputSchema.safeParse({ ...att, content: 'not base64!' }).success).toBe(false);
    expect(uploadAttachmentInputSchema.safeParse({ ...att, content: 'plain text', encoding: 'utf-8' }).success).toBe(true);
    expect(uploadAttachmentInputSchema.safeParse({ ...att, mediaType: 'png', content: '' }).success).toBe(false);
  });

  it('needs a target to move a page to; null moves it to the top', () => {
    expect(movePageInputSchema.safeParse({ pageId: 'p1' }).success).toBe(false);
    expect(movePageInputSchema.safeParse({ pageId: 'p1', targetParentId: null }).success).toBe(true);
    expect(movePageInputSchema.safeParse({ pageId: 'p1', targetSpaceId: 's2' }).success).toBe(true);
  });
});

describe('project inputs', () => {
  it('validates keys, sprint dates and links', () => {
    expect(createProjectInputSchema.safeParse({ name: 'Eng', key: 'eng' }).success).toBe(false);
    expect(createProjectInputSchema.safeParse({ name: 'Eng', key: 'ENG2' }).success).toBe(true);
    expect(
      createSprintInputSchema.safeParse({ projectId: 'ENG', startsAt: '2026-12-07T09:00:00Z', endsAt: '2026-11-23T09:00:00Z' }).success,
    ).toBe(false);
    expect(createSprintInputSchema.safeParse({ projectId: 'ENG', startsAt: '2026-11-23T09:00:00+01:00', endsAt: '2026-12-07T09:00:00Z' }).success).toBe(
      true,
    );
    expect(linkIssuesInputSchema.safeParse({ issueId: 'ENG-1', targetIssueId: 'ENG-1', type: 'blocks' }).success).toBe(false);
    expect(linkIssuesInputSchema.safeParse({ issueId: 'ENG-1', targetIssueId: 'ENG-2', type: 'causes' }).success).toBe(false);
  });

  it('lets an update clear fields with null but not change nothing', () => {
    expect(updateIssueInputSchema.parse({ issueId: 'ENG-1', patch: { sprintId: null, estimate: null } }).patch).toEqual({
      sprintId: null,
      estimate: null,
    });
    expect(updateIssueInputSchema.safeParse({ issueId: 'ENG-1', patch: {} }).success).toBe(false);
    expect(updateIssueInputSchema.safeParse({ issueId: 'ENG-1', patch: { dueDate: '1 Dec' } }).success).toBe(false);
  });
});

describe('workflow inputs', () => {
  it('waits for executions by default and rejects empty patches', () => {
    expect(executeWorkflowInputSchema.parse({ workflowId: 'wf1' }).wait).toBe(true);
    expect(updateWorkflowInputSchema.safeParse({ workflowId: 'wf1', patch: {} }).success).toBe(false);
  });
});
