import type { z } from 'zod';
import type { OperationName, Operations } from './index.js';

/**
 * One realistic, valid input per unified operation (all 103), keyed by registry name. The mapped
 * type makes a missing sample a type error when an operation is added. Used by the registry
 * tests, by `@mosaic/provider-testkit` (re-exported there as `sampleInputs`) to call every
 * declared operation of a provider under test, and usable as examples in docs and MCP tools.
 * Values are inputs as callers write them (before defaults). Treat them as read-only (copy one before changing it).
 */
export const sampleInputs: { readonly [K in OperationName]: z.input<Operations[K]['input']> } = {
  // git
  'git.createRepository': { owner: 'acme', name: 'svc', private: true, autoInit: true },
  'git.getRepository': { owner: 'acme', repo: 'svc' },
  'git.updateRepository': { owner: 'acme', repo: 'svc', patch: { description: 'Service' } },
  'git.deleteRepository': { owner: 'acme', repo: 'svc' },
  'git.listRepositories': { owner: 'acme', limit: 50 },
  'git.forkRepository': { owner: 'acme', repo: 'svc', targetOwner: 'me' },
  'git.createBranch': { owner: 'acme', repo: 'svc', branch: 'feature/x', from: 'main' },
  'git.getBranch': { owner: 'acme', repo: 'svc', branch: 'main' },
  'git.deleteBranch': { owner: 'acme', repo: 'svc', branch: 'feature/x' },
  'git.listBranches': { owner: 'acme', repo: 'svc' },
  'git.protectBranch': { owner: 'acme', repo: 'svc', branch: 'main', rules: { requiredApprovals: 2 } },
  'git.createPullRequest': { owner: 'acme', repo: 'svc', title: 'Add x', head: 'feature/x', base: 'main' },
  'git.getPullRequest': { owner: 'acme', repo: 'svc', number: 7 },
  'git.updatePullRequest': { owner: 'acme', repo: 'svc', number: 7, patch: { state: 'closed' } },
  'git.mergePullRequest': { owner: 'acme', repo: 'svc', number: 7, method: 'squash' },
  'git.listPullRequests': { owner: 'acme', repo: 'svc', state: 'all' },
  'git.reviewPullRequest': { owner: 'acme', repo: 'svc', number: 7, event: 'approve' },
  'git.getCommit': { owner: 'acme', repo: 'svc', ref: 'a1b2c3d' },
  'git.listCommits': { owner: 'acme', repo: 'svc', ref: 'main', path: 'src' },
  'git.createCommit': {
    owner: 'acme', repo: 'svc', branch: 'main', message: 'Add README',
    files: [{ path: 'README.md', content: '# svc\n' }],
  },
  'git.compareCommits': { owner: 'acme', repo: 'svc', base: 'main', head: 'feature/x' },
  'git.createTag': { owner: 'acme', repo: 'svc', tag: 'v1.0.0', target: 'main', message: 'Release' },
  'git.getTag': { owner: 'acme', repo: 'svc', tag: 'v1.0.0' },
  'git.deleteTag': { owner: 'acme', repo: 'svc', tag: 'v1.0.0' },
  'git.listTags': { owner: 'acme', repo: 'svc' },
  'git.createWebhook': { owner: 'acme', repo: 'svc', url: 'https://hooks.example.com/x', events: ['push', 'pull_request'] },
  'git.updateWebhook': { owner: 'acme', repo: 'svc', id: '12', patch: { active: false } },
  'git.deleteWebhook': { owner: 'acme', repo: 'svc', id: '12' },
  'git.listWebhooks': { owner: 'acme', repo: 'svc' },
  'git.addCollaborator': { owner: 'acme', repo: 'svc', username: 'octocat', permission: 'maintain' },
  'git.removeCollaborator': { owner: 'acme', repo: 'svc', username: 'octocat' },
  'git.listCollaborators': { owner: 'acme', repo: 'svc' },
  'git.createIssue': { owner: 'acme', repo: 'svc', title: 'Bug', labels: ['bug'] },
  'git.updateIssue': { owner: 'acme', repo: 'svc', number: 3, patch: { assignees: ['octocat'] } },
  'git.closeIssue': { owner: 'acme', repo: 'svc', number: 3 },
  'git.listIssues': { owner: 'acme', repo: 'svc', labels: ['bug'] },

  // cicd (GitLab subgroup owner on purpose: the slash must survive the resource id)
  'cicd.createPipeline': {
    owner: 'acme', repo: 'svc', name: 'ci',
    definition: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
  },
  'cicd.getPipeline': { owner: 'acme', repo: 'svc', pipelineId: 'ci.yml' },
  'cicd.listPipelines': { owner: 'acme', repo: 'svc' },
  'cicd.triggerPipeline': { owner: 'acme', repo: 'svc', pipelineId: 'ci.yml', ref: 'main', inputs: { target: 'staging' } },
  'cicd.cancelPipeline': { owner: 'platform/backend', repo: 'api', runId: '1042' },
  'cicd.retryPipeline': { owner: 'platform/backend', repo: 'api', runId: '1042', failedOnly: true },
  'cicd.getBuild': { owner: 'platform/backend', repo: 'api', runId: '1042' },
  'cicd.listBuilds': { owner: 'acme', repo: 'svc', ref: 'main', status: 'failure', limit: 20 },
  'cicd.getBuildLogs': { owner: 'acme', repo: 'svc', runId: '1042', jobId: '77', maxBytes: 65_536 },
  'cicd.listBuildArtifacts': { owner: 'acme', repo: 'svc', runId: '1042' },
  'cicd.getJob': { owner: 'acme', repo: 'svc', jobId: '77' },
  'cicd.rerunJob': { owner: 'acme', repo: 'svc', jobId: '77' },
  'cicd.listJobs': { owner: 'acme', repo: 'svc', runId: '1042' },
  'cicd.createEnvironment': { owner: 'acme', repo: 'svc', name: 'production', url: 'https://svc.example.com' },
  'cicd.updateEnvironment': { owner: 'acme', repo: 'svc', environment: 'production', patch: { description: 'Prod' } },
  'cicd.deleteEnvironment': { owner: 'acme', repo: 'svc', environment: 'staging' },
  'cicd.listEnvironments': { owner: 'acme', repo: 'svc' },
  'cicd.createSecret': { owner: 'acme', repo: 'svc', name: 'NPM_TOKEN', value: 'npm_canary_5e1f', environment: 'production' },
  'cicd.updateSecret': { owner: 'acme', repo: 'svc', name: 'NPM_TOKEN', value: 'npm_canary_rotated' },
  'cicd.deleteSecret': { owner: 'acme', repo: 'svc', name: 'NPM_TOKEN' },
  'cicd.listSecrets': { owner: 'acme', repo: 'svc', environment: 'production' },

  // docs
  'docs.createSpace': { name: 'Engineering', key: 'ENG', description: 'Team handbook' },
  'docs.getSpace': { spaceId: '98305' },
  'docs.updateSpace': { spaceId: '98305', patch: { name: 'Engineering Handbook' } },
  'docs.deleteSpace': { spaceId: '98305' },
  'docs.listSpaces': { limit: 25 },
  'docs.createPage': { spaceId: '98305', title: 'On-call', body: '# On-call\n\nRota…', format: 'markdown' },
  'docs.getPage': { pageId: '65601', format: 'html' },
  'docs.updatePage': { pageId: '65601', patch: { body: '# On-call (v2)' }, expectedVersion: 3 },
  'docs.deletePage': { pageId: '65601' },
  'docs.movePage': { pageId: '65601', targetParentId: '65540' },
  'docs.listPages': { spaceId: '98305', parentId: '65540' },
  'docs.uploadAttachment': { pageId: '65601', filename: 'diagram.png', mediaType: 'image/png', content: 'iVBORw0KGgo=' },
  'docs.search': { query: 'incident review', spaceId: '98305', limit: 10 },
  'docs.exportPage': { pageId: '65601', format: 'html' },
  'docs.importPage': { spaceId: '98305', title: 'Runbook', format: 'markdown', content: '# Runbook' },
  'docs.addComment': { pageId: '65601', body: 'Looks good', parentCommentId: '3' },
  'docs.listPageRevisions': { pageId: '65601' },

  // project
  'project.createProject': { name: 'Engineering', key: 'ENG', lead: '5b10a2844c20165700ede21g' },
  'project.getProject': { projectId: 'ENG' },
  'project.updateProject': { projectId: 'ENG', patch: { description: 'Core platform' } },
  'project.listProjects': {},
  'project.createIssue': {
    projectId: 'ENG', title: 'Login fails on Safari', priority: 'high', labels: ['bug'], estimate: 3, dueDate: '2026-12-01',
  },
  'project.getIssue': { issueId: 'ENG-42' },
  'project.updateIssue': { issueId: 'ENG-42', patch: { status: 'In Progress', assignee: null } },
  'project.listIssues': { projectId: 'ENG', statusCategory: 'started', sprintId: '12' },
  'project.linkIssues': { issueId: 'ENG-42', targetIssueId: 'ENG-40', type: 'blocked-by' },
  'project.createSprint': { projectId: 'ENG', name: 'Sprint 14', startsAt: '2026-11-23T09:00:00Z', endsAt: '2026-12-07T09:00:00Z' },
  'project.planSprint': { projectId: 'ENG', sprintId: '14', issueIds: ['ENG-42', 'ENG-43'] },
  'project.listSprints': { projectId: 'ENG', state: 'active' },

  // ai
  'ai.chat': {
    model: 'gpt-4.1-mini',
    messages: [
      { role: 'system', content: 'You are terse.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this image, and what is the weather in Paris?' },
          { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
        ],
      },
      { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      { role: 'tool', toolCallId: 'call_1', content: '{"tempC":11}' },
    ],
    tools: [{ name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
    toolChoice: 'auto',
    temperature: 0.2,
    maxTokens: 512,
    responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' } },
  },
  'ai.streamChat': { messages: [{ role: 'user', content: 'Hello' }], privacy: 'local' },
  'ai.complete': { model: 'gpt-3.5-turbo-instruct', prompt: 'Once upon a time', maxTokens: 32, stop: ['\n\n'] },
  'ai.embed': { model: 'text-embedding-3-small', input: ['alpha', 'beta'], dimensions: 256 },
  'ai.listModels': { capability: 'vision' },
  'ai.getModel': { model: 'claude-sonnet-4-5' },
  'ai.getUsage': { start: '2026-11-01T00:00:00Z', end: '2026-11-22T00:00:00Z', bucket: 'day' },

  // workflow
  'workflow.createWorkflow': {
    name: 'Nightly sync',
    definition: {
      nodes: [{ name: 'Cron', type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
      connections: {},
      settings: { executionOrder: 'v1' },
    },
  },
  'workflow.getWorkflow': { workflowId: 'wf1' },
  'workflow.updateWorkflow': { workflowId: 'wf1', patch: { active: true } },
  'workflow.deleteWorkflow': { workflowId: 'wf1' },
  'workflow.listWorkflows': { active: true, tags: ['prod'] },
  'workflow.validateWorkflow': { definition: { nodes: [], connections: {} } },
  'workflow.executeWorkflow': { workflowId: 'wf1', data: { customerId: 42 }, wait: false },
  'workflow.getExecution': { executionId: '1001', includeData: true },
  'workflow.stopExecution': { executionId: '1001' },
  'workflow.listExecutions': { workflowId: 'wf1', status: 'error' },
};
