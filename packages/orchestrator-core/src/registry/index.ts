import type { ServiceType } from '../spec/v1/provider.js';
import { aiOperations } from './ai.js';
import { cicdOperations } from './cicd.js';
import type { AnyOperation } from './define.js';
import { docsOperations } from './docs.js';
import { gitOperations } from './git.js';
import { projectOperations } from './project.js';
import { workflowOperations } from './workflow.js';

/**
 * Every unified operation of spec v1, by name (`git.createRepository`, `ai.chat`, …).
 * The single source the router, cache, MCP tools and docs read.
 */
export const operations = {
  ...gitOperations,
  ...cicdOperations,
  ...docsOperations,
  ...projectOperations,
  ...aiOperations,
  ...workflowOperations,
} as const;

/** The registry's type. */
export type Operations = typeof operations;
/** Name of any unified operation. */
export type OperationName = keyof Operations & string;
/** The definitions of one service type's operations. */
export type OperationsOf<S extends ServiceType> = Extract<Operations[OperationName], { service: S }>;
/** Operation names of one service type. */
export type OperationNameOf<S extends ServiceType> = OperationsOf<S>['name'];

const byName: ReadonlyMap<string, AnyOperation> = new Map(Object.entries(operations) as Array<[string, AnyOperation]>);

/** Looks an operation up by name; `undefined` when there is none. */
export function getOperation(name: string): AnyOperation | undefined {
  return byName.get(name);
}

/** All operations, optionally of one service type, in declaration order. */
export function listOperations(service?: ServiceType): AnyOperation[] {
  const all = [...byName.values()];
  return service ? all.filter((o) => o.service === service) : all;
}

export {
  defineOperation,
  resourceId,
  parseResourceId,
  readTags,
  writeTags,
  type AnyOperation,
  type OperationDefinition,
  type OperationKind,
  type OperationSpec,
  type MethodName,
  type ProviderMethod,
  type FacetOf,
  type ParsedResource,
} from './define.js';
export { gitOperations, cicdOperations, docsOperations, projectOperations, aiOperations, workflowOperations };
