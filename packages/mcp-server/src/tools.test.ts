import { listOperations } from '@mosaic/orchestrator-core';
import { describe, expect, it } from 'vitest';
import { extraTools, operationForTool, operationSchemas, operationTool, toolName } from './tools.js';

describe('tools from the registry', () => {
  const operations = listOperations();

  it('names every operation <service>_<snake_case method>, uniquely, within MCP’s name rules', () => {
    const names = operations.map(toolName);
    expect(new Set(names).size).toBe(operations.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+_[a-z0-9_]+$/);
    expect(toolName({ service: 'git', method: 'createRepository' })).toBe('git_create_repository');
    expect(toolName({ service: 'ai', method: 'streamChat' })).toBe('ai_stream_chat');
    expect(toolName({ service: 'cicd', method: 'getPipelineRunLogs' })).toBe('cicd_get_pipeline_run_logs');
    for (const op of operations) expect(operationForTool(toolName(op))).toBe(op);
  });

  it('derives an object input schema and an object output schema for every operation', () => {
    for (const op of operations) {
      const { input, output } = operationSchemas(op);
      expect(input.type, op.name).toBe('object');
      expect(output?.type, op.name).toBe('object');
      expect(input).not.toHaveProperty('$schema');
    }
  });

  it('input schemas are the input side of the zod schema: defaults are optional, strict objects reject extras', () => {
    const create = operationSchemas(operations.find((o) => o.name === 'git.createRepository')!).input as unknown as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { default?: unknown }>;
    };
    expect(create.required).toEqual(['owner', 'name']);
    expect(create.properties.private!.default).toBe(false);
    expect(create.additionalProperties).toBe(false);
  });

  it('streaming operations collect chunks', () => {
    const stream = operations.find((o) => o.streaming)!;
    expect(operationSchemas(stream).output).toMatchObject({ type: 'object', required: ['chunks'], properties: { chunks: { type: 'array' } } });
  });

  it('sets annotations from kind, destructive and idempotent', () => {
    for (const op of operations) {
      const tool = operationTool(op);
      expect(tool.annotations.readOnlyHint, op.name).toBe(op.kind === 'read');
      expect(tool.annotations.destructiveHint, op.name).toBe(op.kind === 'write' && op.destructive);
      expect(tool.annotations.idempotentHint, op.name).toBe(op.idempotent);
      expect(tool.description).toContain(op.summary);
    }
  });

  it('adds mosaic_explain and mosaic_health with object input schemas', () => {
    const extras = extraTools();
    expect(extras.map((t) => t.name)).toEqual(['mosaic_explain', 'mosaic_health']);
    expect(extras[0]!.inputSchema).toMatchObject({ type: 'object', required: ['tool'] });
  });
});
