/**
 * Unified issue-tracker models and operation inputs (Linear, Jira, Plane, GitHub Issues).
 *
 * Terms and vendor mapping:
 * - **project**: Jira project, Plane project, Linear **team** (a Linear team owns the issue key
 *   prefix, workflow states and cycles, as a Jira project does; Linear's own "projects" group
 *   issues across teams and are not modelled here).
 * - **issue**: Jira issue, Plane work item (issue), Linear issue. `issueId` accepts the vendor
 *   id or the key people see (`ENG-42`).
 * - **sprint**: Jira sprint (of the project's board), Plane cycle, Linear **cycle**.
 *
 * The workspace (Jira site, Plane workspace slug, Linear organization) is part of the
 * provider's settings, not of the input.
 *
 * Vendor docs followed: Jira Cloud REST v3 and Agile 1.0 (projects, issues, issue links,
 * sprints), Linear GraphQL API (teams, issues, issue relations, cycles), Plane API v1
 * (projects, work items, cycles).
 * @module
 */
import { z } from 'zod';
import { actorSchema, listInputFields, modelBase, nameString, timestamp } from './common.js';

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/**
 * Issue priority. Linear's 0–4 map to `none`, `urgent`, `high`, `medium`, `low`; Jira's
 * Highest/High/Medium/Low/Lowest to `urgent`, `high`, `medium`, `low`, `low`; Plane's are the same words.
 */
export const issuePrioritySchema = z.enum(['none', 'urgent', 'high', 'medium', 'low']);
/** See {@link issuePrioritySchema}. */
export type IssuePriority = z.infer<typeof issuePrioritySchema>;

/**
 * The category of a workflow status, shared by all vendors: Linear state `type`s, Plane state
 * groups, Jira status categories (`new` → `unstarted`, `indeterminate` → `started`, `done` → `completed`).
 */
export const statusCategorySchema = z.enum(['triage', 'backlog', 'unstarted', 'started', 'completed', 'canceled']);
/** See {@link statusCategorySchema}. */
export type StatusCategory = z.infer<typeof statusCategorySchema>;

/** Relation types of `project.linkIssues`, read as "`issue` <type> `target`". */
export const issueLinkTypeSchema = z.enum(['blocks', 'blocked-by', 'relates-to', 'duplicates']);
/** See {@link issueLinkTypeSchema}. */
export type IssueLinkType = z.infer<typeof issueLinkTypeSchema>;

/** A project (Jira project, Plane project, Linear team). */
export const projectSchema = z.object({
  ...modelBase,
  id: z.string(),
  /** Key that prefixes issue keys (`ENG`). */
  key: z.string().nullish(),
  name: z.string(),
  description: z.string().nullish(),
  lead: actorSchema.nullish(),
  url: z.string().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
});
/** See {@link projectSchema}. */
export type Project = z.infer<typeof projectSchema>;

/** An issue (Jira issue, Linear issue, Plane work item). */
export const issueSchema = z.object({
  ...modelBase,
  id: z.string(),
  /** Key people see, e.g. `ENG-42`. */
  key: z.string().nullish(),
  projectId: z.string().nullish(),
  title: z.string(),
  /** Description as Markdown (Jira's ADF and Plane's HTML are converted). */
  description: z.string().nullish(),
  /** Workflow status name as the vendor shows it (`In Progress`). */
  status: z.string().nullish(),
  statusCategory: statusCategorySchema.nullish(),
  priority: issuePrioritySchema.nullish(),
  assignee: actorSchema.nullish(),
  labels: z.array(z.string()).default([]),
  /** Estimate in the project's unit (story points, Linear estimate points). */
  estimate: z.number().nullish(),
  /** Sprint / cycle the issue is planned in. */
  sprintId: z.string().nullish(),
  /** Parent issue (sub-task of). */
  parentId: z.string().nullish(),
  /** Due date, `YYYY-MM-DD`. */
  dueDate: z.string().nullish(),
  url: z.string().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
  completedAt: timestamp.nullish(),
});
/** See {@link issueSchema}. */
export type Issue = z.infer<typeof issueSchema>;

/** A relation between two issues. */
export const issueLinkSchema = z.object({
  ...modelBase,
  /** Vendor id of the link, when it has one. */
  id: z.string().nullish(),
  type: issueLinkTypeSchema,
  issueId: z.string(),
  targetIssueId: z.string(),
});
/** See {@link issueLinkSchema}. */
export type IssueLink = z.infer<typeof issueLinkSchema>;

/** A sprint (Jira sprint, Linear cycle, Plane cycle). */
export const sprintSchema = z.object({
  ...modelBase,
  id: z.string(),
  projectId: z.string().nullish(),
  /** Name; Linear cycles may have none and are shown by number. */
  name: z.string().nullish(),
  /** Sequence number (Linear cycle number). */
  number: z.number().int().nullish(),
  state: z.enum(['planned', 'active', 'closed']).nullish(),
  goal: z.string().nullish(),
  startsAt: timestamp.nullish(),
  endsAt: timestamp.nullish(),
  completedAt: timestamp.nullish(),
  url: z.string().nullish(),
});
/** See {@link sprintSchema}. */
export type Sprint = z.infer<typeof sprintSchema>;

/** Outcome of `project.planSprint`. */
export const sprintPlanSchema = z.object({
  ...modelBase,
  sprintId: z.string(),
  /** Issues now in the sprint because of this call. */
  issueIds: z.array(z.string()),
});
/** See {@link sprintPlanSchema}. */
export type SprintPlan = z.infer<typeof sprintPlanSchema>;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

/** Input of `project.createProject`. */
export const createProjectInputSchema = z.strictObject({
  name: nameString,
  /** Issue key prefix: 2–10 capital letters or digits starting with a letter (Jira's rule; Linear and Plane accept it). */
  key: z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'keys are 2–10 capital letters or digits, starting with a letter'),
  description: z.string().optional(),
  /** Account id / login of the project lead (Jira requires one; default the authenticated user). */
  lead: z.string().min(1).optional(),
});
/** Input of `project.getProject`. */
export const projectInputSchema = z.strictObject({
  /** Project id or key. */
  projectId: nameString,
});
/** Input of `project.updateProject`. */
export const updateProjectInputSchema = z.strictObject({
  projectId: nameString,
  patch: z
    .strictObject({
      name: nameString.optional(),
      description: z.string().optional(),
      lead: z.string().min(1).optional(),
    })
    .refine((p) => Object.keys(p).length > 0, { message: 'patch must change at least one field' }),
});
/** Input of `project.listProjects`. */
export const listProjectsInputSchema = z.strictObject({ ...listInputFields });

const issueFields = {
  /** Markdown. */
  description: z.string().optional(),
  /** Status name (`In Progress`); the provider resolves it to the vendor's state id. */
  status: z.string().min(1).optional(),
  priority: issuePrioritySchema.optional(),
  /** Account id / login / email of the assignee. */
  assignee: z.string().min(1).optional(),
  /** Label names; unknown labels are created where the vendor allows, else a warning. */
  labels: z.array(z.string().min(1)).optional(),
  /** Estimate in the project's unit (story points). */
  estimate: z.number().nonnegative().optional(),
  sprintId: z.string().min(1).optional(),
  parentId: z.string().min(1).optional(),
  /** `YYYY-MM-DD`. */
  dueDate: isoDate.optional(),
};

/** Input of `project.createIssue`. */
export const createIssueInputSchema = z.strictObject({
  projectId: nameString,
  title: nameString,
  /** Jira issue type (`Task`, `Bug`, `Story`); ignored elsewhere. Default `Task`. */
  issueType: z.string().min(1).optional(),
  ...issueFields,
});
/** Input of `project.getIssue`. */
export const issueInputSchema = z.strictObject({
  /** Issue id or key (`ENG-42`). */
  issueId: nameString,
});
/** Input of `project.updateIssue`. `null` clears assignee, estimate, sprint, parent or due date. */
export const updateIssueInputSchema = z.strictObject({
  issueId: nameString,
  patch: z
    .strictObject({
      title: nameString.optional(),
      description: issueFields.description,
      status: issueFields.status,
      priority: issueFields.priority,
      assignee: z.string().min(1).nullable().optional(),
      labels: issueFields.labels,
      estimate: z.number().nonnegative().nullable().optional(),
      sprintId: z.string().min(1).nullable().optional(),
      parentId: z.string().min(1).nullable().optional(),
      dueDate: isoDate.nullable().optional(),
    })
    .refine((p) => Object.keys(p).length > 0, { message: 'patch must change at least one field' }),
});
/** Input of `project.listIssues`. */
export const listIssuesInputSchema = z.strictObject({
  projectId: nameString,
  status: z.string().min(1).optional(),
  statusCategory: statusCategorySchema.optional(),
  assignee: z.string().min(1).optional(),
  labels: z.array(z.string().min(1)).optional(),
  sprintId: z.string().min(1).optional(),
  /** Text to match in title or description. */
  query: z.string().min(1).optional(),
  ...listInputFields,
});
/** Input of `project.linkIssues`: "`issueId` <type> `targetIssueId`". */
export const linkIssuesInputSchema = z
  .strictObject({
    issueId: nameString,
    targetIssueId: nameString,
    type: issueLinkTypeSchema,
  })
  .refine((i) => i.issueId !== i.targetIssueId, { message: 'an issue cannot be linked to itself', path: ['targetIssueId'] });

/** Input of `project.createSprint` (Linear: a cycle; Jira: a sprint on the project's board). */
export const createSprintInputSchema = z
  .strictObject({
    projectId: nameString,
    /** Linear cycles may be unnamed. */
    name: z.string().min(1).optional(),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    goal: z.string().optional(),
  })
  .refine((i) => Date.parse(i.endsAt) > Date.parse(i.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] });
/** Input of `project.planSprint`: move issues into a sprint. */
export const planSprintInputSchema = z.strictObject({
  projectId: nameString,
  sprintId: nameString,
  /** Issues to add (ids or keys; at most 50 per call, Jira's limit). */
  issueIds: z.array(nameString).min(1).max(50),
});
/** Input of `project.listSprints`. */
export const listSprintsInputSchema = z.strictObject({
  projectId: nameString,
  state: z.enum(['planned', 'active', 'closed']).optional(),
  ...listInputFields,
});

/** Input of `project.createIssue`, as callers write it. */
export type CreateIssueInput = z.input<typeof createIssueInputSchema>;
/** Input of `project.updateIssue`, as callers write it. */
export type UpdateIssueInput = z.input<typeof updateIssueInputSchema>;
