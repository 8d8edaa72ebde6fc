import type { FacetOf, OperationsOf } from '../../registry/index.js';
import type { ProviderV1 } from './provider.js';

/** Methods of the git facet (repositories, branches, pull requests, commits, tags, webhooks, collaborators, issues). */
export type GitFacetV1 = FacetOf<OperationsOf<'git'>>;
/** Methods of the CI/CD facet (pipelines, builds, jobs, environments, secrets). */
export type CicdFacetV1 = FacetOf<OperationsOf<'cicd'>>;
/** Methods of the knowledge-base facet (spaces, pages, attachments, search, comments, history). */
export type DocsFacetV1 = FacetOf<OperationsOf<'docs'>>;
/** Methods of the issue-tracker facet (projects, issues, sprints). */
export type ProjectFacetV1 = FacetOf<OperationsOf<'project'>>;
/** Methods of the LLM facet (chat, streaming chat, completion, embeddings, models, usage). */
export type AiFacetV1 = FacetOf<OperationsOf<'ai'>>;
/** Methods of the workflow-engine facet (workflows, executions). */
export type WorkflowFacetV1 = FacetOf<OperationsOf<'workflow'>>;

/** A Git hosting provider (GitHub, Gitea, GitLab, Bitbucket). */
export type GitProviderV1 = ProviderV1<'git'> & GitFacetV1;
/** A CI/CD provider (GitHub Actions, GitLab CI, Jenkins, Woodpecker). */
export type CicdProviderV1 = ProviderV1<'cicd'> & CicdFacetV1;
/** A knowledge-base provider (Notion, BookStack, Confluence). */
export type DocsProviderV1 = ProviderV1<'docs'> & DocsFacetV1;
/** An issue-tracker provider (Linear, Jira, Plane, GitHub Issues). */
export type ProjectProviderV1 = ProviderV1<'project'> & ProjectFacetV1;
/** An LLM provider (OpenAI, Anthropic, Ollama). */
export type AiProviderV1 = ProviderV1<'ai'> & AiFacetV1;
/** A workflow-engine provider (n8n). */
export type WorkflowProviderV1 = ProviderV1<'workflow'> & WorkflowFacetV1;

/** The provider type of each service type. */
export interface ProviderByService {
  git: GitProviderV1;
  cicd: CicdProviderV1;
  docs: DocsProviderV1;
  project: ProjectProviderV1;
  ai: AiProviderV1;
  workflow: WorkflowProviderV1;
}

/** Any provider of any service type. */
export type AnyProviderV1 = ProviderByService[keyof ProviderByService];
