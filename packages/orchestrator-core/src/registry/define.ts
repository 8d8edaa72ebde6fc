import type { z } from 'zod';
import type { CallOptions, ServiceType } from '../spec/v1/provider.js';

/** `read` operations may be cached and always fail over; `write` operations invalidate caches. */
export type OperationKind = 'read' | 'write';

/**
 * One unified operation, declared once. The router, cache, MCP tools and docs read this;
 * nothing restates it.
 */
export interface OperationDefinition<
  N extends string = string,
  S extends ServiceType = ServiceType,
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  Opt extends boolean = boolean,
  Str extends boolean = boolean,
> {
  /** `<service>.<method>`, e.g. `git.createRepository`. */
  readonly name: N;
  readonly service: S;
  /** The facet method name, e.g. `createRepository`. */
  readonly method: MethodName<N>;
  /** One sentence for docs and MCP tool descriptions. */
  readonly summary: string;
  /** Input schema; the core validates input against it before routing. */
  readonly input: I;
  /** Output schema (for streaming operations: the schema of one chunk). */
  readonly output: O;
  readonly kind: OperationKind;
  /** True when repeating the call with the same input has no further effect. */
  readonly idempotent: boolean;
  /** True for deletes and other irreversible writes. */
  readonly destructive: boolean;
  /** An optional capability: facet implementations may omit the method. */
  readonly optional: Opt;
  /** The facet method returns an async iterable of `output` chunks. */
  readonly streaming: Str;
  /** True when results are lists with `items` and `nextCursor`. */
  readonly paginated: boolean;
  /**
   * Forms the resource id from validated input, e.g. `git:org/acme/repo/svc`. Routing patterns
   * (`org:`, `repo:`, globs) and cache tags are read from it.
   */
  readonly resource: (input: z.output<I>) => string;
}

/** The method part of an operation name. */
export type MethodName<N extends string> = N extends `${string}.${infer M}` ? M : never;

/** What {@link defineOperation} takes. */
export interface OperationSpec<N extends string, S extends ServiceType, I extends z.ZodType, O extends z.ZodType, Opt extends boolean, Str extends boolean> {
  name: N;
  service: S;
  summary: string;
  input: I;
  output: O;
  kind: OperationKind;
  /** Default: true for reads, false for writes. */
  idempotent?: boolean;
  /** Default: false. */
  destructive?: boolean;
  optional?: Opt;
  streaming?: Str;
  paginated?: boolean;
  resource: (input: z.output<I>) => string;
}

/** Declares one operation (see {@link OperationDefinition}). */
export function defineOperation<
  const N extends `${S}.${string}`,
  const S extends ServiceType,
  I extends z.ZodType,
  O extends z.ZodType,
  const Opt extends boolean = false,
  const Str extends boolean = false,
>(spec: OperationSpec<N, S, I, O, Opt, Str>): OperationDefinition<N, S, I, O, Opt, Str> {
  const method = spec.name.slice(spec.name.indexOf('.') + 1) as MethodName<N>;
  return Object.freeze({
    name: spec.name,
    service: spec.service,
    method,
    summary: spec.summary,
    input: spec.input,
    output: spec.output,
    kind: spec.kind,
    idempotent: spec.idempotent ?? spec.kind === 'read',
    destructive: spec.destructive ?? false,
    optional: (spec.optional ?? false) as Opt,
    streaming: (spec.streaming ?? false) as Str,
    paginated: spec.paginated ?? false,
    resource: spec.resource,
  });
}

/** Any operation definition. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = OperationDefinition<string, ServiceType, any, any, boolean, boolean>;

/** The provider-side signature of one operation. */
export type ProviderMethod<O extends AnyOperation> = O['streaming'] extends true
  ? (input: z.output<O['input']>, options: CallOptions) => AsyncIterable<z.output<O['output']>>
  : (input: z.output<O['input']>, options: CallOptions) => Promise<z.output<O['output']>>;

/**
 * The facet interface of a set of operations: required methods for required operations,
 * optional methods for optional capabilities.
 */
export type FacetOf<Ops extends AnyOperation> = {
  [O in Ops as O['optional'] extends true ? never : O['method']]: ProviderMethod<O>;
} & {
  [O in Ops as O['optional'] extends true ? O['method'] : never]?: ProviderMethod<O>;
};

/** Builds a resource id from `[kind, value]` pairs: `resourceId('git', ['org', 'a'], ['repo', 'b'])` → `git:org/a/repo/b`. */
export function resourceId(service: ServiceType, ...segments: Array<[string, string | number | undefined | null]>): string {
  let id = `${service}:`;
  let first = true;
  // Runs on every call (the router and cache read the id): an indexed loop, no iterator.
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const value = segment[1];
    if (value === undefined || value === null || value === '') continue;
    id += `${first ? '' : '/'}${segment[0]}/${encodeSegment(String(value))}`;
    first = false;
  }
  return id;
}

function encodeSegment(value: string): string {
  if (!value.includes('%') && !value.includes('/')) return value;
  return value.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/** A parsed resource id: the service and its `kind → value` pairs in order. */
export interface ParsedResource {
  service: string;
  segments: Array<[string, string]>;
  /** Same pairs as a record (last wins). */
  attributes: Record<string, string>;
}

/** Parses a resource id formed by {@link resourceId}. */
export function parseResourceId(id: string): ParsedResource {
  const colon = id.indexOf(':');
  const service = colon === -1 ? '' : id.slice(0, colon);
  const rest = colon === -1 ? id : id.slice(colon + 1);
  const parts = rest === '' ? [] : rest.split('/');
  const segments: Array<[string, string]> = [];
  const attributes: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const value = decodeURIComponent(parts[i + 1]!);
    segments.push([parts[i]!, value]);
    attributes[parts[i]!] = value;
  }
  return { service, segments, attributes };
}

/**
 * Cache tags a read of `id` depends on: every prefix of the id (`git:org/a`,
 * `git:org/a/repo/b`, …), so that a write on a parent invalidates it.
 */
export function readTags(id: string): string[] {
  const { service, segments } = parseResourceId(id);
  const tags: string[] = [];
  let acc = `${service}:`;
  segments.forEach(([k, v], i) => {
    acc += `${i === 0 ? '' : '/'}${k}/${encodeSegment(v)}`;
    tags.push(acc);
  });
  return tags.length ? tags : [id];
}

/**
 * Cache tags a write on `id` invalidates: the id itself and its parent (so lists in the parent
 * are refreshed). Reads carry all their prefixes, so children of `id` are invalidated too.
 */
export function writeTags(id: string): string[] {
  const tags = readTags(id);
  return tags.slice(-2);
}
