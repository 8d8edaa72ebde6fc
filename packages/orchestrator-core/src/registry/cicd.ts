import * as m from '../spec/v1/models/cicd.js';
import { ackSchema, pageOf } from '../spec/v1/models/common.js';
import { defineOperation, resourceId } from './define.js';

type ProjectRef = { owner: string; repo: string };
const project = (i: ProjectRef) => resourceId('cicd', ['org', i.owner], ['repo', i.repo]);
const pipeline = (i: ProjectRef & { pipelineId: string }) =>
  resourceId('cicd', ['org', i.owner], ['repo', i.repo], ['pipeline', i.pipelineId]);
const run = (i: ProjectRef & { runId: string }) => resourceId('cicd', ['org', i.owner], ['repo', i.repo], ['run', i.runId]);
const job = (i: ProjectRef & { jobId: string }) => resourceId('cicd', ['org', i.owner], ['repo', i.repo], ['job', i.jobId]);
const environment = (i: ProjectRef & { environment: string }) =>
  resourceId('cicd', ['org', i.owner], ['repo', i.repo], ['environment', i.environment]);
const secret = (i: ProjectRef & { name: string; environment?: string | undefined }) =>
  resourceId('cicd', ['org', i.owner], ['repo', i.repo], ['environment', i.environment], ['secret', i.name]);

/**
 * The cicd facet's operations (GitHub Actions, GitLab CI, Gitea Actions, Woodpecker, Jenkins).
 * A pipeline is a definition, a build is one run of it ({@link m.pipelineRunSchema}); see
 * `spec/v1/models/cicd.ts` for the `owner` + `repo` addressing of each vendor.
 *
 * Resource ids: `cicd:org/<owner>/repo/<repo>` with `/pipeline/<id>`, `/run/<runId>`,
 * `/job/<jobId>`, `/environment/<name>`, `[/environment/<name>]/secret/<name>`.
 */
export const cicdOperations = {
  'cicd.createPipeline': defineOperation({
    name: 'cicd.createPipeline', service: 'cicd', kind: 'write',
    summary: 'Add a pipeline definition (workflow file, CI config or Jenkins job) to a project.',
    input: m.createPipelineInputSchema, output: m.pipelineSchema, resource: project,
  }),
  'cicd.getPipeline': defineOperation({
    name: 'cicd.getPipeline', service: 'cicd', kind: 'read',
    summary: 'Get a pipeline definition by id.',
    input: m.pipelineInputSchema, output: m.pipelineSchema, resource: pipeline,
  }),
  'cicd.listPipelines': defineOperation({
    name: 'cicd.listPipelines', service: 'cicd', kind: 'read', paginated: true,
    summary: 'List the pipeline definitions of a project.',
    input: m.listPipelinesInputSchema, output: pageOf(m.pipelineSchema), resource: project,
  }),
  'cicd.triggerPipeline': defineOperation({
    name: 'cicd.triggerPipeline', service: 'cicd', kind: 'write',
    summary: 'Start a run of a pipeline on a ref with optional inputs; returns the new run.',
    input: m.triggerPipelineInputSchema, output: m.pipelineRunSchema, resource: pipeline,
  }),
  'cicd.cancelPipeline': defineOperation({
    name: 'cicd.cancelPipeline', service: 'cicd', kind: 'write', idempotent: true,
    summary: 'Cancel a running pipeline run (build); cancelling a finished run changes nothing.',
    input: m.runInputSchema, output: m.pipelineRunSchema, resource: run,
  }),
  'cicd.retryPipeline': defineOperation({
    name: 'cicd.retryPipeline', service: 'cicd', kind: 'write',
    summary: 'Run a finished pipeline run again, all jobs or only the failed ones.',
    input: m.retryPipelineInputSchema, output: m.pipelineRunSchema, resource: run,
  }),

  'cicd.getBuild': defineOperation({
    name: 'cicd.getBuild', service: 'cicd', kind: 'read',
    summary: 'Get a build (pipeline run) with its status, ref, sha and timings.',
    input: m.runInputSchema, output: m.pipelineRunSchema, resource: run,
  }),
  'cicd.listBuilds': defineOperation({
    name: 'cicd.listBuilds', service: 'cicd', kind: 'read', paginated: true,
    summary: 'List builds (pipeline runs) of a project, newest first, by pipeline, ref, sha and status.',
    input: m.listBuildsInputSchema, output: pageOf(m.pipelineRunSchema), resource: project,
  }),
  'cicd.getBuildLogs': defineOperation({
    name: 'cicd.getBuildLogs', service: 'cicd', kind: 'read',
    summary: 'Get the log text of a build or one of its jobs, cut to its last maxBytes.',
    input: m.getBuildLogsInputSchema, output: m.buildLogsSchema, resource: run,
  }),
  'cicd.listBuildArtifacts': defineOperation({
    name: 'cicd.listBuildArtifacts', service: 'cicd', kind: 'read', paginated: true,
    summary: 'List the artifacts a build uploaded, with size, download URL and expiry.',
    input: m.listBuildArtifactsInputSchema, output: pageOf(m.buildArtifactSchema), resource: run,
  }),

  'cicd.getJob': defineOperation({
    name: 'cicd.getJob', service: 'cicd', kind: 'read',
    summary: 'Get a job of a build with its steps.',
    input: m.jobInputSchema, output: m.jobSchema, resource: job,
  }),
  'cicd.rerunJob': defineOperation({
    name: 'cicd.rerunJob', service: 'cicd', kind: 'write',
    summary: 'Run one job of a finished build again.',
    input: m.jobInputSchema, output: m.jobSchema, resource: job,
  }),
  'cicd.listJobs': defineOperation({
    name: 'cicd.listJobs', service: 'cicd', kind: 'read', paginated: true,
    summary: 'List the jobs of a build.',
    input: m.listJobsInputSchema, output: pageOf(m.jobSchema), resource: run,
  }),

  'cicd.createEnvironment': defineOperation({
    name: 'cicd.createEnvironment', service: 'cicd', kind: 'write',
    summary: 'Create a deployment environment.',
    input: m.createEnvironmentInputSchema, output: m.environmentSchema,
    resource: (i) => resourceId('cicd', ['org', i.owner], ['repo', i.repo], ['environment', i.name]),
  }),
  'cicd.updateEnvironment': defineOperation({
    name: 'cicd.updateEnvironment', service: 'cicd', kind: 'write', idempotent: true,
    summary: 'Change a deployment environment’s URL or description.',
    input: m.updateEnvironmentInputSchema, output: m.environmentSchema, resource: environment,
  }),
  'cicd.deleteEnvironment': defineOperation({
    name: 'cicd.deleteEnvironment', service: 'cicd', kind: 'write', idempotent: true, destructive: true,
    summary: 'Delete a deployment environment.',
    input: m.environmentInputSchema, output: ackSchema, resource: environment,
  }),
  'cicd.listEnvironments': defineOperation({
    name: 'cicd.listEnvironments', service: 'cicd', kind: 'read', paginated: true,
    summary: 'List the deployment environments of a project.',
    input: m.listEnvironmentsInputSchema, output: pageOf(m.environmentSchema), resource: project,
  }),

  'cicd.createSecret': defineOperation({
    name: 'cicd.createSecret', service: 'cicd', kind: 'write',
    summary: 'Create a CI secret for a project or one environment; the value is write-only.',
    input: m.createSecretInputSchema, output: m.secretMetadataSchema, resource: secret,
  }),
  'cicd.updateSecret': defineOperation({
    name: 'cicd.updateSecret', service: 'cicd', kind: 'write', idempotent: true,
    summary: 'Replace the value of a CI secret; the value is write-only.',
    input: m.updateSecretInputSchema, output: m.secretMetadataSchema, resource: secret,
  }),
  'cicd.deleteSecret': defineOperation({
    name: 'cicd.deleteSecret', service: 'cicd', kind: 'write', idempotent: true, destructive: true,
    summary: 'Delete a CI secret.',
    input: m.secretInputSchema, output: ackSchema, resource: secret,
  }),
  'cicd.listSecrets': defineOperation({
    name: 'cicd.listSecrets', service: 'cicd', kind: 'read', paginated: true,
    summary: 'List CI secret names and dates of a project or environment (never values).',
    input: m.listSecretsInputSchema, output: pageOf(m.secretMetadataSchema),
    resource: (i) => resourceId('cicd', ['org', i.owner], ['repo', i.repo], ['environment', i.environment]),
  }),
} as const;
