import * as m from '../spec/v1/models/workflow.js';
import { ackSchema, pageOf } from '../spec/v1/models/common.js';
import { defineOperation, resourceId } from './define.js';

const workflow = (i: { workflowId: string }) => resourceId('workflow', ['workflow', i.workflowId]);
const workflows = () => resourceId('workflow', ['list', 'workflows']);
const execution = (i: { executionId: string }) => resourceId('workflow', ['execution', i.executionId]);

/**
 * The workflow facet's operations (n8n).
 *
 * Resource ids: `workflow:workflow/<workflowId>`, `workflow:execution/<executionId>`,
 * `workflow:list/workflows` (list and create), `workflow:list/executions` (list over every
 * workflow), `workflow:validate/draft` (validation touches nothing saved).
 */
export const workflowOperations = {
  'workflow.createWorkflow': defineOperation({
    name: 'workflow.createWorkflow', service: 'workflow', kind: 'write',
    summary: 'Save a new workflow from a definition, optionally activating its triggers.',
    input: m.createWorkflowInputSchema, output: m.workflowSchema, resource: workflows,
  }),
  'workflow.getWorkflow': defineOperation({
    name: 'workflow.getWorkflow', service: 'workflow', kind: 'read',
    summary: 'Get a workflow and its definition.',
    input: m.workflowInputSchema, output: m.workflowSchema, resource: workflow,
  }),
  'workflow.updateWorkflow': defineOperation({
    name: 'workflow.updateWorkflow', service: 'workflow', kind: 'write', idempotent: true,
    summary: 'Change a workflow’s name, definition, tags or active flag.',
    input: m.updateWorkflowInputSchema, output: m.workflowSchema, resource: workflow,
  }),
  'workflow.deleteWorkflow': defineOperation({
    name: 'workflow.deleteWorkflow', service: 'workflow', kind: 'write', idempotent: true, destructive: true,
    summary: 'Delete a workflow.',
    input: m.workflowInputSchema, output: ackSchema, resource: workflow,
  }),
  'workflow.listWorkflows': defineOperation({
    name: 'workflow.listWorkflows', service: 'workflow', kind: 'read', paginated: true,
    summary: 'List workflows by active flag, tags or name.',
    input: m.listWorkflowsInputSchema, output: pageOf(m.workflowSchema), resource: workflows,
  }),
  'workflow.validateWorkflow': defineOperation({
    name: 'workflow.validateWorkflow', service: 'workflow', kind: 'read',
    summary: 'Check a workflow definition without saving it; returns the problems found.',
    input: m.validateWorkflowInputSchema, output: m.workflowValidationSchema,
    resource: () => resourceId('workflow', ['validate', 'draft']),
  }),
  'workflow.executeWorkflow': defineOperation({
    name: 'workflow.executeWorkflow', service: 'workflow', kind: 'write',
    summary: 'Run a workflow with input data, waiting for it to stop or returning once it started.',
    input: m.executeWorkflowInputSchema, output: m.executionSchema, resource: workflow,
  }),
  'workflow.getExecution': defineOperation({
    name: 'workflow.getExecution', service: 'workflow', kind: 'read',
    summary: 'Get an execution’s status and times, optionally with its run data.',
    input: m.executionInputSchema, output: m.executionSchema, resource: execution,
  }),
  'workflow.stopExecution': defineOperation({
    name: 'workflow.stopExecution', service: 'workflow', kind: 'write', idempotent: true,
    summary: 'Stop a running or waiting execution; stopping a stopped one changes nothing.',
    input: m.stopExecutionInputSchema, output: m.executionSchema, resource: execution,
  }),
  'workflow.listExecutions': defineOperation({
    name: 'workflow.listExecutions', service: 'workflow', kind: 'read', paginated: true,
    summary: 'List executions, of one workflow or all, by status, newest first.',
    input: m.listExecutionsInputSchema, output: pageOf(m.executionSchema),
    resource: (i) => (i.workflowId ? resourceId('workflow', ['workflow', i.workflowId]) : resourceId('workflow', ['list', 'executions'])),
  }),
} as const;
