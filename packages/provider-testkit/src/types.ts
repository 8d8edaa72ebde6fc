import type { AnyProviderV1, Logger, OperationName, ServiceType } from '@mosaic/orchestrator-core';
import type { RequestHandler } from 'msw';
import type { FixtureServer } from './fixture-server.js';
import type { RecordingLogger } from './recording-logger.js';

/** What the kit hands the provider factory for every check. */
export interface ProviderFactoryContext {
  /** The service type under test (a package with several providers builds the matching one). */
  serviceType: ServiceType;
  /** Base URL of the fixture server; configure the provider with it (as the vendor's server URL). */
  baseUrl: string;
  /**
   * A unique canary credential. Configure the provider with it as its token; the kit fails the
   * check when it appears in any error, log line or event.
   */
  token: string;
  /** A recording logger; pass it to the provider's `logger` setting if it has one (the kit also passes it at `initialize`). */
  logger: Logger;
  /** Health-check budget the kit expects, in milliseconds; pass it to the provider's health timeout setting. */
  healthTimeoutMs: number;
  /** The fixture server of this check. */
  fixture: FixtureServer;
}

/** Builds the provider under test against the kit's fixture server. Called once per check. */
export type TestProviderFactory = (context: ProviderFactoryContext) => AnyProviderV1 | Promise<AnyProviderV1>;

/** What fixture handlers may read: the base URL and the check's fixture server. */
export interface FixtureContext {
  baseUrl: string;
  fixture: FixtureServer;
}

/**
 * How to serve one page of a paginated list on the fixture server, written by the provider
 * author for their vendor's pagination (Link headers, page numbers, `x-next-page`, cursors).
 */
export interface PaginationFixture {
  /** A paginated list operation the provider declares (e.g. `git.listBranches`). */
  operation: OperationName;
  /** Input to call it with; default the kit's sample input (without `limit`). */
  input?: Record<string, unknown>;
  /** HTTP method of the list endpoint; default `GET`. */
  method?: string;
  /** msw path of the list endpoint, relative to the base URL or absolute (`/api/v1/repos/:owner/:repo/branches`). */
  path: string;
  /** The 1-based page number a request asks for (from its query, cursor, …). */
  pageOf(request: Request): number;
  /**
   * Answers page `page`. Put each of `keys` into one vendor item's identifying field (name,
   * id, …) so the kit can find every item in the unified result. Advertise `next` as the next
   * page the vendor's way (`Link: <…?page=3>; rel="next"`, `X-Next-Page: 3`, a cursor), no next
   * page when `next` is `null`, and a malformed next-page pointer when `next` is `'malformed'`
   * (for example a Link header that is not a URL).
   */
  respond(args: { request: Request; page: number; keys: string[]; next: number | null | 'malformed'; baseUrl: string }): Response | Promise<Response>;
}

/**
 * Per service type: how to answer the provider's requests on the fixture server, and which
 * operations the checks use.
 */
export interface ServiceFixture {
  /**
   * Fixture handlers that answer every request of the declared operations (and the health
   * check) with a recorded or spec-example body. Called once per check.
   */
  handlers?: (context: FixtureContext) => RequestHandler[];
  /** Handlers by operation (combined with `handlers`). */
  respond?: Partial<Record<OperationName, (context: FixtureContext) => RequestHandler | RequestHandler[]>>;
  /** Inputs by operation, replacing the kit's `sampleInputs` (as callers write them, before defaults). */
  inputs?: Partial<Record<OperationName, unknown>>;
  /**
   * A read operation the error, abort, canary and redirect checks call (it must send exactly
   * one request). Default: the first declared `get*` operation.
   */
  probe?: OperationName;
  /** Input of the probe; default its sample input. */
  probeInput?: unknown;
  /** Pagination fixture; `false` when the provider declares no paginated operation. */
  pagination?: PaginationFixture | false;
  /**
   * Vendor error body for injected HTTP errors (so the provider parses what its vendor sends).
   * Default `{ message: "fixture fault: HTTP <status>" }`.
   */
  errorBody?: (status: number) => unknown;
}

/** The check groups (each can be switched off, each is exported alone). */
export type CheckGroup = 'lifecycle' | 'capabilities' | 'results' | 'errors' | 'pagination' | 'abort' | 'canary' | 'redirects';

/** All groups, in the order they run. */
export const CHECK_GROUPS: readonly CheckGroup[] = ['lifecycle', 'capabilities', 'results', 'errors', 'pagination', 'abort', 'canary', 'redirects'];

/** Options of the conformance suite. */
export interface ConformanceOptions {
  /** Fixtures by service type: the suite checks every service type listed here. */
  services: Partial<Record<ServiceType, ServiceFixture>>;
  /** Switch groups off (`{ redirects: false }`); every group is on by default. */
  groups?: Partial<Record<CheckGroup, boolean>>;
  /**
   * Checks to skip, by id (`git.errors.http-429`), each with the reason. Skipped checks are
   * registered as skipped (`it.skip`) and listed in reports, never silently dropped.
   */
  skip?: Record<string, string>;
  /** Base URL of the fixture server; default `https://vendor.mosaic-fixture.test`. */
  baseUrl?: string;
  /** Time an aborted call may take to settle, in milliseconds. Default 50. */
  abortBudgetMs?: number;
  /** Health-check budget handed to the factory, in milliseconds. Default 1000. */
  healthTimeoutMs?: number;
  /** Extra time a health check may take beyond `healthTimeoutMs`, in milliseconds. Default 1000. */
  healthGraceMs?: number;
  /** Test timeout passed to `it` for each check, in milliseconds. Default 15000. */
  testTimeoutMs?: number;
}

/** One conformance check. `run` throws a `ConformanceFailure` (or any error) when the provider fails it. */
export interface ConformanceCheck {
  /** Stable id: `<service>.<group>.<slug>`, e.g. `git.errors.http-429-retry-after-seconds`. */
  id: string;
  serviceType: ServiceType;
  group: CheckGroup;
  /** Human-readable name (used as the test name). */
  name: string;
  /** Reason when the check is skipped by options. */
  skipped?: string;
  run(): Promise<void>;
}

/** Minimal `it` the suite registers checks with (vitest, jest, node:test and mocha all fit). */
export interface ItFunction {
  (name: string, fn: () => Promise<void>, timeout?: number): void;
  skip?: (name: string, fn: () => Promise<void>) => void;
}

/** Re-exported for typing fixture loggers. */
export type { RecordingLogger };
