/**
 * `@mosaic/provider-gitea`: the Mosaic git provider for Gitea (REST API v1).
 * @packageDocumentation
 */
export {
  GiteaProvider,
  createGitea,
  GITEA_OPERATIONS,
  type GiteaMirrorInput,
  type GiteaOrganizationInput,
  type GiteaOrganization,
  type GiteaLfsStatus,
} from './gitea-provider.js';
export type { GiteaProviderSettings } from './settings.js';
export { GiteaClient, type GiteaClientOptions, type GiteaRequest, type GiteaResponse, type QueryValue } from './client.js';
export { VERSION } from './version.js';
