/**
 * Unified CI/CD models and operation inputs (GitHub Actions, GitLab CI, Gitea Actions,
 * Woodpecker, Jenkins).
 *
 * Terms: a **pipeline** is a definition (GitHub Actions workflow file, GitLab CI
 * configuration, Woodpecker pipeline file, Jenkins job). A **build** is one run of a pipeline
 * ({@link PipelineRun}: GitHub workflow run, GitLab pipeline, Woodpecker pipeline, Jenkins
 * build). A **job** is one unit of a run (GitHub job, GitLab job, Woodpecker step group,
 * Jenkins stage).
 *
 * Addressing: every operation names its project with `owner` + `repo`.
 * - GitHub / Gitea / Woodpecker: the repository owner and name.
 * - GitLab: `owner` is the namespace path (group and subgroups, `group/sub`), `repo` the project
 *   path; the provider joins them into the project's `path_with_namespace`.
 * - Jenkins: `owner` is the folder path (`team/backend`, `/`-separated, `-` for the root), `repo`
 *   the job (pipeline job or multibranch project) name; `pipelineId` is the job's full name
 *   and `runId` the build number.
 *
 * Vendor docs followed: GitHub REST "Actions" (workflows, workflow runs, workflow jobs,
 * artifacts, environments, secrets), GitLab v4 (pipelines, jobs, environments, CI/CD variables),
 * Jenkins remote access API, Woodpecker API.
 * @module
 */
import { z } from 'zod';
import { actorSchema, listInputFields, modelBase, nameString, timestamp } from './common.js';

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/**
 * Status of a run or job: `queued` (waiting, pending, created), `running`, `success`,
 * `failure` (failed, errored, timed out), `cancelled` (aborted, stopped), `skipped`.
 */
export const runStatusSchema = z.enum(['queued', 'running', 'success', 'failure', 'cancelled', 'skipped']);
/** See {@link runStatusSchema}. */
export type RunStatus = z.infer<typeof runStatusSchema>;

/** A pipeline definition: a GitHub Actions workflow, a GitLab CI config, a Jenkins job. */
export const pipelineSchema = z.object({
  ...modelBase,
  /** Vendor id as a string (GitHub workflow id or file name, Jenkins job full name). */
  id: z.string(),
  name: z.string(),
  /** Path of the definition file in the repository (`.github/workflows/ci.yml`), when there is one. */
  path: z.string().nullish(),
  /** `active`, `disabled` (GitHub `disabled_manually`/`disabled_inactivity`, Jenkins disabled job). */
  state: z.enum(['active', 'disabled']).nullish(),
  htmlUrl: z.string().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
});
/** See {@link pipelineSchema}. */
export type Pipeline = z.infer<typeof pipelineSchema>;

/** One run of a pipeline, also called a build (GitHub workflow run, GitLab pipeline, Jenkins build). */
export const pipelineRunSchema = z.object({
  ...modelBase,
  /** Vendor id as a string (GitHub run id, GitLab pipeline id, Jenkins build number). */
  id: z.string(),
  /** Id of the pipeline (definition) this run belongs to, when the vendor tells. */
  pipelineId: z.string().nullish(),
  /** Number shown to people (GitHub `run_number`, GitLab `iid`, Jenkins build number). */
  number: z.number().int().nullish(),
  name: z.string().nullish(),
  status: runStatusSchema,
  /**
   * The vendor's own outcome word, unmapped (GitHub `conclusion` such as `timed_out`,
   * `action_required`; Jenkins `result` such as `UNSTABLE`). Null while running.
   */
  conclusion: z.string().nullish(),
  /** Branch or tag the run was made for. */
  ref: z.string().nullish(),
  /** Commit sha the run was made for. */
  sha: z.string().nullish(),
  /** What started it (`push`, `pull_request`, `schedule`, `manual`, `api`, …), vendor words. */
  event: z.string().nullish(),
  /** Attempt number when the run was retried (GitHub `run_attempt`). */
  attempt: z.number().int().nullish(),
  actor: actorSchema.nullish(),
  createdAt: timestamp.nullish(),
  startedAt: timestamp.nullish(),
  completedAt: timestamp.nullish(),
  /** Wall-clock run time in milliseconds, when finished (or elapsed so far, when the vendor reports it). */
  durationMs: z.number().nonnegative().nullish(),
  htmlUrl: z.string().nullish(),
});
/** See {@link pipelineRunSchema}. */
export type PipelineRun = z.infer<typeof pipelineRunSchema>;

/** One step of a job. */
export const jobStepSchema = z.object({
  name: z.string(),
  number: z.number().int().nullish(),
  status: runStatusSchema,
  conclusion: z.string().nullish(),
  startedAt: timestamp.nullish(),
  completedAt: timestamp.nullish(),
});
/** See {@link jobStepSchema}. */
export type JobStep = z.infer<typeof jobStepSchema>;

/** A job of a run (GitHub workflow job, GitLab job, Jenkins stage). */
export const jobSchema = z.object({
  ...modelBase,
  id: z.string(),
  /** Id of the run the job belongs to. */
  runId: z.string().nullish(),
  name: z.string(),
  /** GitLab stage / Jenkins stage name. */
  stage: z.string().nullish(),
  status: runStatusSchema,
  conclusion: z.string().nullish(),
  /** Runner or agent that executed the job. */
  runnerName: z.string().nullish(),
  startedAt: timestamp.nullish(),
  completedAt: timestamp.nullish(),
  /** Run time in milliseconds. */
  durationMs: z.number().nonnegative().nullish(),
  htmlUrl: z.string().nullish(),
  steps: z.array(jobStepSchema).default([]),
});
/** See {@link jobSchema}. */
export type Job = z.infer<typeof jobSchema>;

/** The log text of a run or job. */
export const buildLogsSchema = z.object({
  ...modelBase,
  runId: z.string(),
  /** Set when the log is of one job. */
  jobId: z.string().nullish(),
  /** Log text (UTF-8; ANSI colour codes kept as the vendor sent them). */
  text: z.string(),
  /** True when `text` is cut to the input's `maxBytes` (the head is dropped; the tail is kept). */
  truncated: z.boolean().default(false),
  /** Full size of the log in bytes, when known. */
  sizeBytes: z.number().int().nonnegative().nullish(),
});
/** See {@link buildLogsSchema}. */
export type BuildLogs = z.infer<typeof buildLogsSchema>;

/** A file a run uploaded (GitHub artifact, GitLab job artifact, Jenkins archived artifact). */
export const buildArtifactSchema = z.object({
  ...modelBase,
  id: z.string(),
  name: z.string(),
  /** Size in bytes. */
  sizeBytes: z.number().int().nonnegative().nullish(),
  /** Download URL; may need the provider's credentials or expire quickly. */
  downloadUrl: z.string().nullish(),
  /** When the vendor deletes it (GitHub retention). */
  expiresAt: timestamp.nullish(),
  expired: z.boolean().nullish(),
  createdAt: timestamp.nullish(),
});
/** See {@link buildArtifactSchema}. */
export type BuildArtifact = z.infer<typeof buildArtifactSchema>;

/** A deployment environment (GitHub environment, GitLab environment). */
export const environmentSchema = z.object({
  ...modelBase,
  id: z.string(),
  name: z.string(),
  /** URL of the deployed environment. */
  url: z.string().nullish(),
  description: z.string().nullish(),
  /** True when deployments need approval or are limited to protected branches. */
  protected: z.boolean().nullish(),
  htmlUrl: z.string().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
});
/** See {@link environmentSchema}. */
export type Environment = z.infer<typeof environmentSchema>;

/**
 * A CI secret's metadata. The value is write-only: no output of any operation carries it, and
 * vendors do not return it either.
 */
export const secretMetadataSchema = z.object({
  ...modelBase,
  name: z.string(),
  /** `repository` (project-wide) or `environment` (only for jobs deploying to `environment`). */
  scope: z.enum(['repository', 'environment']),
  environment: z.string().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
});
/** See {@link secretMetadataSchema}. */
export type SecretMetadata = z.infer<typeof secretMetadataSchema>;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const projectRef = {
  /** Repository owner; GitLab namespace path; Jenkins folder path (see the module docs). */
  owner: nameString,
  /** Repository name; GitLab project path; Jenkins job name. */
  repo: nameString,
};

/** Maximum size of a secret value: 48 KiB (GitHub's limit; GitLab allows up to 10,000 characters in a masked variable). */
export const MAX_SECRET_VALUE_BYTES = 48 * 1024;

const secretName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'secret names are letters, digits and underscores, not starting with a digit')
  .max(255);
const secretValue = z
  .string()
  .min(1)
  .refine((v) => new TextEncoder().encode(v).byteLength <= MAX_SECRET_VALUE_BYTES, {
    message: `secret value must be at most ${MAX_SECRET_VALUE_BYTES} bytes`,
  });

/** Input of `cicd.createPipeline`: adds a pipeline definition (commits the file, or creates the Jenkins job). */
export const createPipelineInputSchema = z.strictObject({
  ...projectRef,
  name: nameString,
  /**
   * The definition in the vendor's own format: GitHub/Gitea Actions or Woodpecker YAML, GitLab CI
   * YAML, Jenkins job `config.xml`.
   */
  definition: z.string().min(1),
  /** File path in the repository; default the vendor's (`.github/workflows/<name>.yml`, `.gitlab-ci.yml`, `.woodpecker/<name>.yaml`). */
  path: z.string().min(1).optional(),
  /** Branch to commit the file to; default the default branch. */
  branch: z.string().min(1).optional(),
  /** Commit message where the definition is a file. */
  message: z.string().min(1).optional(),
});
/** Input of `cicd.getPipeline`. */
export const pipelineInputSchema = z.strictObject({ ...projectRef, pipelineId: nameString });
/** Input of `cicd.listPipelines`. */
export const listPipelinesInputSchema = z.strictObject({ ...projectRef, ...listInputFields });
/**
 * Input of `cicd.triggerPipeline`: start a run of a pipeline on a ref. The output is the new
 * run; where the vendor's trigger call does not return it (GitHub `workflow_dispatch` without
 * run details answers 204), the provider finds the run the dispatch created by pipeline, ref,
 * event and creation time. It never guesses: when no single run can be tied to the call it
 * throws a non-retryable error saying the pipeline was triggered but its run is unknown (so a
 * caller does not trigger it twice).
 */
export const triggerPipelineInputSchema = z.strictObject({
  ...projectRef,
  pipelineId: nameString,
  /** Branch or tag to run on; default the default branch. */
  ref: z.string().min(1).optional(),
  /** Inputs / variables / build parameters (GitHub `inputs`, GitLab `variables`, Jenkins parameters). */
  inputs: z.record(z.string().min(1), z.string()).optional(),
});
/** Input of `cicd.cancelPipeline`, `cicd.retryPipeline` and `cicd.getBuild`: one run. */
export const runInputSchema = z.strictObject({ ...projectRef, runId: nameString });
/** Input of `cicd.retryPipeline`. */
export const retryPipelineInputSchema = z.strictObject({
  ...projectRef,
  runId: nameString,
  /** Re-run only the failed jobs (GitHub `rerun-failed-jobs`; GitLab retry always does this). Default false. */
  failedOnly: z.boolean().default(false),
});
/** Input of `cicd.listBuilds`. */
export const listBuildsInputSchema = z.strictObject({
  ...projectRef,
  /** Only runs of this pipeline. */
  pipelineId: z.string().min(1).optional(),
  /** Only runs for this branch or tag. */
  ref: z.string().min(1).optional(),
  /** Only runs for this commit. */
  sha: z.string().min(1).optional(),
  status: runStatusSchema.optional(),
  ...listInputFields,
});
/** Input of `cicd.getBuildLogs`. */
export const getBuildLogsInputSchema = z.strictObject({
  ...projectRef,
  runId: nameString,
  /** One job's log; default the whole run (jobs concatenated where the vendor keeps them apart). */
  jobId: z.string().min(1).optional(),
  /** Keep at most this many bytes, from the end (1 B – 64 MiB; default 1 MiB). */
  maxBytes: z
    .number()
    .int()
    .min(1)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
});
/** Input of `cicd.listBuildArtifacts`. */
export const listBuildArtifactsInputSchema = z.strictObject({ ...projectRef, runId: nameString, ...listInputFields });
/** Input of `cicd.getJob` and `cicd.rerunJob`. */
export const jobInputSchema = z.strictObject({ ...projectRef, jobId: nameString });
/** Input of `cicd.listJobs`: the jobs of one run. */
export const listJobsInputSchema = z.strictObject({ ...projectRef, runId: nameString, ...listInputFields });

/** Input of `cicd.createEnvironment`. */
export const createEnvironmentInputSchema = z.strictObject({
  ...projectRef,
  name: nameString,
  url: z.url().optional(),
  description: z.string().optional(),
});
/** Input of `cicd.updateEnvironment`. */
export const updateEnvironmentInputSchema = z.strictObject({
  ...projectRef,
  /** Environment name. */
  environment: nameString,
  patch: z
    .strictObject({
      url: z.url().optional(),
      description: z.string().optional(),
    })
    .refine((p) => Object.keys(p).length > 0, { message: 'patch must change at least one field' }),
});
/** Input of `cicd.deleteEnvironment`. */
export const environmentInputSchema = z.strictObject({ ...projectRef, environment: nameString });
/** Input of `cicd.listEnvironments`. */
export const listEnvironmentsInputSchema = z.strictObject({ ...projectRef, ...listInputFields });

/**
 * Input of `cicd.createSecret`. `value` is write-only: providers encrypt it as the vendor
 * requires (GitHub: libsodium sealed box with the repository public key) and never log it.
 */
export const createSecretInputSchema = z.strictObject({
  ...projectRef,
  name: secretName,
  /** The secret value (write-only; at most {@link MAX_SECRET_VALUE_BYTES} bytes UTF-8). */
  value: secretValue,
  /** Limit the secret to jobs deploying to this environment; default repository-wide. */
  environment: z.string().min(1).optional(),
});
/** Input of `cicd.updateSecret` (replaces the value). */
export const updateSecretInputSchema = createSecretInputSchema;
/** Input of `cicd.deleteSecret`. */
export const secretInputSchema = z.strictObject({
  ...projectRef,
  name: secretName,
  environment: z.string().min(1).optional(),
});
/** Input of `cicd.listSecrets` (names and dates only). */
export const listSecretsInputSchema = z.strictObject({
  ...projectRef,
  environment: z.string().min(1).optional(),
  ...listInputFields,
});

/** Input of `cicd.triggerPipeline`, as callers write it. */
export type TriggerPipelineInput = z.input<typeof triggerPipelineInputSchema>;
/** Input of `cicd.createSecret`, as callers write it. */
export type CreateSecretInput = z.input<typeof createSecretInputSchema>;
