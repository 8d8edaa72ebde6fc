import * as m from '../spec/v1/models/project.js';
import { pageOf } from '../spec/v1/models/common.js';
import { defineOperation, resourceId } from './define.js';

const project = (i: { projectId: string }) => resourceId('project', ['project', i.projectId]);
const issue = (i: { issueId: string }) => resourceId('project', ['issue', i.issueId]);
const projects = () => resourceId('project', ['list', 'projects']);

/**
 * The project facet's operations (Linear, Jira, Plane, GitHub Issues). Linear teams are
 * projects and Linear cycles are sprints (see `spec/v1/models/project.ts`).
 *
 * Resource ids: `project:project/<projectId>` (with `/sprint/<sprintId>`),
 * `project:issue/<issueId>` (issue ids and keys are unique in a workspace),
 * `project:list/projects` for listing and creating projects.
 */
export const projectOperations = {
  'project.createProject': defineOperation({
    name: 'project.createProject', service: 'project', kind: 'write',
    summary: 'Create a project (Linear: a team) with a key that prefixes its issue keys.',
    input: m.createProjectInputSchema, output: m.projectSchema, resource: projects,
  }),
  'project.getProject': defineOperation({
    name: 'project.getProject', service: 'project', kind: 'read',
    summary: 'Get a project by id or key.',
    input: m.projectInputSchema, output: m.projectSchema, resource: project,
  }),
  'project.updateProject': defineOperation({
    name: 'project.updateProject', service: 'project', kind: 'write', idempotent: true,
    summary: 'Change a project’s name, description or lead.',
    input: m.updateProjectInputSchema, output: m.projectSchema, resource: project,
  }),
  'project.listProjects': defineOperation({
    name: 'project.listProjects', service: 'project', kind: 'read', paginated: true,
    summary: 'List the projects the credential can see.',
    input: m.listProjectsInputSchema, output: pageOf(m.projectSchema), resource: projects,
  }),

  'project.createIssue': defineOperation({
    name: 'project.createIssue', service: 'project', kind: 'write',
    summary: 'Create an issue in a project with status, priority, assignee, labels, estimate and sprint.',
    input: m.createIssueInputSchema, output: m.issueSchema, resource: project,
  }),
  'project.getIssue': defineOperation({
    name: 'project.getIssue', service: 'project', kind: 'read',
    summary: 'Get an issue by id or key (ENG-42).',
    input: m.issueInputSchema, output: m.issueSchema, resource: issue,
  }),
  'project.updateIssue': defineOperation({
    name: 'project.updateIssue', service: 'project', kind: 'write', idempotent: true,
    summary: 'Change an issue’s fields; null clears assignee, estimate, sprint, parent or due date.',
    input: m.updateIssueInputSchema, output: m.issueSchema, resource: issue,
  }),
  'project.listIssues': defineOperation({
    name: 'project.listIssues', service: 'project', kind: 'read', paginated: true,
    summary: 'List a project’s issues by status, assignee, labels, sprint or text.',
    input: m.listIssuesInputSchema, output: pageOf(m.issueSchema), resource: project,
  }),
  'project.linkIssues': defineOperation({
    name: 'project.linkIssues', service: 'project', kind: 'write',
    summary: 'Relate two issues: blocks, blocked-by, relates-to or duplicates.',
    input: m.linkIssuesInputSchema, output: m.issueLinkSchema, resource: issue,
  }),

  'project.createSprint': defineOperation({
    name: 'project.createSprint', service: 'project', kind: 'write',
    summary: 'Create a sprint (Linear/Plane: a cycle) with start and end times.',
    input: m.createSprintInputSchema, output: m.sprintSchema, resource: project,
  }),
  'project.planSprint': defineOperation({
    name: 'project.planSprint', service: 'project', kind: 'write', idempotent: true,
    summary: 'Move issues into a sprint (Linear/Plane: a cycle).',
    input: m.planSprintInputSchema, output: m.sprintPlanSchema,
    resource: (i) => resourceId('project', ['project', i.projectId], ['sprint', i.sprintId]),
  }),
  'project.listSprints': defineOperation({
    name: 'project.listSprints', service: 'project', kind: 'read', paginated: true,
    summary: 'List a project’s sprints (Linear/Plane: cycles) by state.',
    input: m.listSprintsInputSchema, output: pageOf(m.sprintSchema), resource: project,
  }),
} as const;
