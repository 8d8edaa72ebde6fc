import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SERVICE_TYPES } from '../spec/v1/provider.js';
import {
  getOperation,
  listOperations,
  operations,
  parseResourceId,
  readTags,
  type AnyOperation,
  type OperationName,
  type Operations,
} from './index.js';
import { sampleInputs } from './sample-inputs.js';

/** One realistic, valid input per operation (shared with the provider testkit). */
const samples = sampleInputs;

const all = listOperations();
const names = Object.keys(operations) as OperationName[];

/** Object keys of every object schema reachable from `schema` (through arrays, unions, optionals, records). */
function reachableKeys(schema: z.ZodType, seen = new Set<z.ZodType>()): Set<string> {
  const keys = new Set<string>();
  const visit = (s: z.ZodType): void => {
    if (seen.has(s)) return;
    seen.add(s);
    const def = (s as unknown as { def: Record<string, unknown> }).def;
    if (s instanceof z.ZodObject) {
      for (const [k, v] of Object.entries(s.shape as Record<string, z.ZodType>)) {
        keys.add(k);
        visit(v);
      }
      return;
    }
    for (const field of ['innerType', 'element', 'valueType', 'in', 'out']) {
      const inner = def[field];
      if (inner instanceof z.ZodType) visit(inner);
    }
    if (Array.isArray(def['options'])) for (const o of def['options'] as z.ZodType[]) visit(o);
  };
  visit(schema);
  return keys;
}

describe('operation registry', () => {
  it('has a sample for every operation and no sample for an unknown one', () => {
    expect(Object.keys(samples).sort()).toEqual([...names].sort());
  });

  it('names every operation <service>.<method>, matching its key, service and method', () => {
    for (const name of names) {
      const op = operations[name] as AnyOperation;
      expect(op.name).toBe(name);
      const [service, method] = name.split('.');
      expect(SERVICE_TYPES).toContain(service);
      expect(op.service).toBe(service);
      expect(op.method).toBe(method);
      expect(op.method).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary.trim().length).toBeGreaterThan(10);
      expect(getOperation(name)).toBe(op);
    }
    expect(new Set(all.map((o) => o.name)).size).toBe(all.length);
    expect(all.length).toBe(names.length);
  });

  it('covers the six service types', () => {
    const counts = Object.fromEntries(SERVICE_TYPES.map((s) => [s, listOperations(s).length]));
    expect(counts).toEqual({ git: 36, cicd: 21, docs: 17, project: 12, ai: 7, workflow: 10 });
  });

  describe.each(names)('%s', (name) => {
    const op = operations[name] as AnyOperation;

    it('accepts its sample input and forms a stable resource id of its service', () => {
      const parsed = op.input.parse(samples[name]);
      const id = op.resource(parsed);
      expect(id.startsWith(`${op.service}:`)).toBe(true);
      const resource = parseResourceId(id);
      expect(resource.service).toBe(op.service);
      expect(resource.segments.length).toBeGreaterThan(0);
      // Every value of the id survives the round trip (slashes in GitLab namespaces included).
      for (const [kind, value] of resource.segments) {
        expect(kind).toMatch(/^[a-z]+$/);
        expect(value.length).toBeGreaterThan(0);
      }
      expect(op.resource(op.input.parse(samples[name]))).toBe(id);
    });

    it('keeps its input strict: an unknown field is rejected', () => {
      const extra = { ...(samples[name] as object), notAField: true };
      expect(op.input.safeParse(extra).success).toBe(false);
    });

    it('declares kind, idempotency and destructiveness consistently', () => {
      if (op.kind === 'read') {
        expect(op.idempotent).toBe(true);
        expect(op.destructive).toBe(false);
      }
      if (/^(delete|remove)/.test(op.method)) {
        expect(op).toMatchObject({ kind: 'write', idempotent: true, destructive: true });
      }
      if (/^(create|trigger|execute|retry|rerun|import|upload|add[A-Z]|link|fork|merge)/.test(op.method) && op.name !== 'git.addCollaborator') {
        expect(op).toMatchObject({ kind: 'write', idempotent: false });
      }
      if (/^(get|list|search|export|validate)/.test(op.method)) expect(op.kind).toBe('read');
      if (/^update/.test(op.method)) expect(op).toMatchObject({ kind: 'write', idempotent: true, destructive: false });
    });

    it(op.paginated ? 'is a paginated list: cursor/limit in, items/nextCursor out' : 'is not paginated', () => {
      const inputKeys = reachableKeys(op.input);
      const out = op.output as z.ZodType;
      if (/^list/.test(op.method)) expect(op.paginated).toBe(true);
      if (op.paginated) {
        expect(inputKeys).toContain('cursor');
        expect(inputKeys).toContain('limit');
        const page = out.parse({ items: [], nextCursor: 'c2', totalCount: 0, provider: 'p' }) as { items: unknown[] };
        expect(page.items).toEqual([]);
        expect(out.safeParse({ nextCursor: null, provider: 'p' }).success).toBe(false);
        expect(op.input.safeParse({ ...(samples[name] as object), limit: 0 }).success).toBe(false);
        expect(op.input.safeParse({ ...(samples[name] as object), cursor: 'abc', limit: 10 }).success).toBe(true);
      } else {
        expect(inputKeys.has('cursor')).toBe(false);
        expect(out.safeParse({ items: [], provider: 'p' }).success).toBe(false);
      }
    });

    it('never returns a credential or secret value', () => {
      const keys = reachableKeys(op.output);
      for (const forbidden of ['secret', 'password', 'token', 'apiKey', 'accessToken', 'privateKey']) {
        expect(keys.has(forbidden)).toBe(false);
      }
      if (op.service === 'cicd' && /Secret/.test(op.method)) expect(keys.has('value')).toBe(false);
    });
  });

  it('marks only ai.streamChat as streaming, and optional capabilities as optional', () => {
    expect(all.filter((o) => o.streaming).map((o) => o.name)).toEqual(['ai.streamChat']);
    expect(all.filter((o) => o.optional).map((o) => o.name).sort()).toEqual(
      ['ai.complete', 'ai.embed', 'ai.getUsage', 'git.closeIssue', 'git.createIssue', 'git.listIssues', 'git.updateIssue'].sort(),
    );
  });
});

describe('resource ids', () => {
  const id = <N extends OperationName>(name: N, input: z.input<Operations[N]['input']>) => {
    const op = operations[name] as AnyOperation;
    return op.resource(op.input.parse(input));
  };

  it('scopes CI/CD resources under org/repo and escapes GitLab namespaces', () => {
    expect(id('cicd.getPipeline', { owner: 'acme', repo: 'svc', pipelineId: 'ci.yml' })).toBe('cicd:org/acme/repo/svc/pipeline/ci.yml');
    const run = id('cicd.getBuild', { owner: 'platform/backend', repo: 'api', runId: '9' });
    expect(run).toBe('cicd:org/platform%2Fbackend/repo/api/run/9');
    expect(parseResourceId(run).attributes).toEqual({ org: 'platform/backend', repo: 'api', run: '9' });
    // Environment secrets sit under their environment, so deleting the environment invalidates them.
    const secret = id('cicd.createSecret', { owner: 'acme', repo: 'svc', name: 'K', value: 'v', environment: 'prod' });
    expect(readTags(secret)).toContain('cicd:org/acme/repo/svc/environment/prod');
    expect(id('cicd.deleteSecret', { owner: 'acme', repo: 'svc', name: 'K' })).toBe('cicd:org/acme/repo/svc/secret/K');
  });

  it('names the model in ai resource ids, or auto when the router picks', () => {
    expect(id('ai.chat', { messages: [{ role: 'user', content: 'hi' }] })).toBe('ai:model/auto');
    expect(id('ai.chat', { model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] })).toBe('ai:model/gpt-4.1');
    expect(id('ai.embed', { model: 'nomic-embed-text', input: 'x' })).toBe('ai:model/nomic-embed-text');
    expect(id('ai.getUsage', { start: '2026-11-01T00:00:00Z' })).toBe('ai:usage/all');
  });

  it('puts page operations on the page and page creation on the space', () => {
    expect(id('docs.updatePage', { pageId: 'p1', patch: { title: 'T' } })).toBe('docs:page/p1');
    expect(id('docs.createPage', { spaceId: 's1', title: 'T' })).toBe('docs:space/s1');
    expect(id('docs.search', { query: 'x' })).toBe('docs:search/all');
    expect(id('project.planSprint', { projectId: 'ENG', sprintId: '14', issueIds: ['ENG-1'] })).toBe('project:project/ENG/sprint/14');
    expect(id('workflow.listExecutions', {})).toBe('workflow:list/executions');
  });
});
