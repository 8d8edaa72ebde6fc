/**
 * Unified workflow-engine models and operation inputs (n8n).
 *
 * A **workflow** is a saved automation; its `definition` is the engine's own JSON (n8n:
 * `{ nodes, connections, settings, staticData?, pinData? }`), passed through unchanged. An
 * **execution** is one run of a workflow.
 *
 * Vendor docs followed: n8n public REST API v1 (workflows, activate/deactivate, executions).
 * @module
 */
import { z } from 'zod';
import { listInputFields, modelBase, nameString, timestamp } from './common.js';

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/** A workflow definition in the engine's own JSON shape (n8n: `nodes`, `connections`, `settings`). */
export const workflowDefinitionSchema = z.record(z.string(), z.unknown());
/** See {@link workflowDefinitionSchema}. */
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;

/** A saved workflow. */
export const workflowSchema = z.object({
  ...modelBase,
  id: z.string(),
  name: z.string(),
  /** Triggers are live (n8n `active`). */
  active: z.boolean(),
  /** The definition; list operations may omit it. */
  definition: workflowDefinitionSchema.nullish(),
  tags: z.array(z.string()).default([]),
  /** Version id of the saved definition (n8n `versionId`). */
  versionId: z.string().nullish(),
  url: z.string().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
});
/** See {@link workflowSchema}. */
export type Workflow = z.infer<typeof workflowSchema>;

/** One problem `workflow.validateWorkflow` found. */
export const workflowProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  /** Node the problem is in (n8n node name). */
  node: z.string().nullish(),
  /** JSON path in the definition (`nodes.2.parameters.url`). */
  path: z.string().nullish(),
});
/** See {@link workflowProblemSchema}. */
export type WorkflowProblem = z.infer<typeof workflowProblemSchema>;

/** Result of `workflow.validateWorkflow`: `valid` when there is no `error` problem. */
export const workflowValidationSchema = z.object({
  ...modelBase,
  valid: z.boolean(),
  problems: z.array(workflowProblemSchema),
});
/** See {@link workflowValidationSchema}. */
export type WorkflowValidation = z.infer<typeof workflowValidationSchema>;

/** Status of an execution, n8n's words: `new`, `running`, `success`, `error`, `canceled`, `waiting`. */
export const executionStatusSchema = z.enum(['new', 'running', 'success', 'error', 'canceled', 'waiting']);
/** See {@link executionStatusSchema}. */
export type ExecutionStatus = z.infer<typeof executionStatusSchema>;

/** One run of a workflow. */
export const executionSchema = z.object({
  ...modelBase,
  id: z.string(),
  workflowId: z.string(),
  status: executionStatusSchema,
  /** How it started, n8n's words (`manual`, `trigger`, `webhook`, `retry`, …). */
  mode: z.string().nullish(),
  /** True once it stopped, whatever the outcome. */
  finished: z.boolean().nullish(),
  startedAt: timestamp.nullish(),
  stoppedAt: timestamp.nullish(),
  /** Run data (node outputs), when requested with `includeData` or returned by `executeWorkflow` with `wait`. */
  data: z.record(z.string(), z.unknown()).nullish(),
  /** The error that stopped it. */
  error: z
    .object({ message: z.string(), node: z.string().nullish() })
    .nullish(),
});
/** See {@link executionSchema}. */
export type Execution = z.infer<typeof executionSchema>;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** Input of `workflow.createWorkflow`. */
export const createWorkflowInputSchema = z.strictObject({
  name: nameString,
  definition: workflowDefinitionSchema,
  /** Activate the triggers after saving; default false. */
  active: z.boolean().default(false),
  tags: z.array(nameString).optional(),
});
/** Input of `workflow.getWorkflow` and `workflow.deleteWorkflow`. */
export const workflowInputSchema = z.strictObject({ workflowId: nameString });
/** Input of `workflow.updateWorkflow` (`definition` replaces the whole definition). */
export const updateWorkflowInputSchema = z.strictObject({
  workflowId: nameString,
  patch: z
    .strictObject({
      name: nameString.optional(),
      definition: workflowDefinitionSchema.optional(),
      active: z.boolean().optional(),
      tags: z.array(nameString).optional(),
    })
    .refine((p) => Object.keys(p).length > 0, { message: 'patch must change at least one field' }),
});
/** Input of `workflow.listWorkflows`. */
export const listWorkflowsInputSchema = z.strictObject({
  active: z.boolean().optional(),
  /** Only workflows with all these tags. */
  tags: z.array(nameString).optional(),
  /** Only workflows whose name contains this text. */
  name: z.string().min(1).optional(),
  ...listInputFields,
});
/** Input of `workflow.validateWorkflow`: checks a definition without saving it. */
export const validateWorkflowInputSchema = z.strictObject({
  name: z.string().min(1).optional(),
  definition: workflowDefinitionSchema,
});
/** Input of `workflow.executeWorkflow`. */
export const executeWorkflowInputSchema = z.strictObject({
  workflowId: nameString,
  /** Input data handed to the trigger node. */
  data: z.record(z.string(), z.unknown()).optional(),
  /** Wait for the execution to stop and return its data (default true); false returns once it started. */
  wait: z.boolean().default(true),
});
/** Input of `workflow.getExecution`. */
export const executionInputSchema = z.strictObject({
  executionId: nameString,
  /** Include run data (can be large). Default false. */
  includeData: z.boolean().default(false),
});
/** Input of `workflow.stopExecution`. */
export const stopExecutionInputSchema = z.strictObject({ executionId: nameString });
/** Input of `workflow.listExecutions`. */
export const listExecutionsInputSchema = z.strictObject({
  workflowId: z.string().min(1).optional(),
  status: executionStatusSchema.optional(),
  ...listInputFields,
});

/** Input of `workflow.createWorkflow`, as callers write it. */
export type CreateWorkflowInput = z.input<typeof createWorkflowInputSchema>;
/** Input of `workflow.executeWorkflow`, as callers write it. */
export type ExecuteWorkflowInput = z.input<typeof executeWorkflowInputSchema>;
