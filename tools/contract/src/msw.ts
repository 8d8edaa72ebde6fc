import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ContractResult, ContractValidator } from './validator.js';

/** One request that broke the API description. */
export interface ContractViolation {
  method: string;
  url: string;
  operationId?: string;
  path?: string;
  errors: string[];
}

/**
 * Collects the outcome of every request checked through it. Tests call
 * {@link ContractRecorder.expectNoViolations} (usually in `afterEach`) to fail when any request
 * broke the contract.
 */
export interface ContractRecorder {
  readonly validator: ContractValidator;
  /** Every checked request's result, in order. */
  readonly results: ReadonlyArray<ContractResult & { url: string }>;
  /** The requests that broke the contract. */
  readonly violations: ReadonlyArray<ContractViolation>;
  /** Validates a fetch `Request` (a clone is read) and records the outcome. */
  check(request: Request): Promise<ContractResult>;
  /** Waits for checks still reading bodies, then throws an Error listing every violation. */
  expectNoViolations(): Promise<void>;
  /** Waits for pending checks and returns the recorded results. */
  settled(): Promise<ReadonlyArray<ContractResult & { url: string }>>;
  /** Forgets recorded results and violations. */
  reset(): void;
}

/** Creates a {@link ContractRecorder} over a validator. */
export function createContractRecorder(validator: ContractValidator): ContractRecorder {
  const results: Array<ContractResult & { url: string }> = [];
  const violations: ContractViolation[] = [];
  const pending = new Set<Promise<unknown>>();

  async function check(request: Request): Promise<ContractResult> {
    const promise = validator.validateFetchRequest(request);
    pending.add(promise);
    try {
      const result = await promise;
      results.push({ ...result, url: request.url });
      if (!result.ok) {
        violations.push({
          method: result.method,
          url: request.url,
          errors: result.errors,
          ...(result.operationId !== undefined ? { operationId: result.operationId } : {}),
          ...(result.path !== undefined ? { path: result.path } : {}),
        });
      }
      return result;
    } finally {
      pending.delete(promise);
    }
  }

  async function settled() {
    while (pending.size) await Promise.allSettled([...pending]);
    return results;
  }

  return {
    validator,
    results,
    violations,
    check,
    settled,
    async expectNoViolations() {
      await settled();
      if (violations.length) {
        const lines = violations.map((v) => `- ${v.method} ${v.url}${v.operationId ? ` (${v.operationId})` : ''}:\n    ${v.errors.join('\n    ')}`);
        throw new Error(`${violations.length} request(s) broke the API description:\n${lines.join('\n')}`);
      }
    },
    reset() {
      results.length = 0;
      violations.length = 0;
    },
  };
}

/** What a {@link contractHandler} responder receives. */
export interface ContractResponderInput {
  request: Request;
  /** The validation result (always `ok` here: violating requests never reach the responder). */
  result: ContractResult;
  /** The validator, e.g. to answer with `validator.responseExample(result.operationId)`. */
  validator: ContractValidator;
}

/** Options of {@link contractHandler}. */
export interface ContractHandlerOptions {
  /** Origin (and path prefix) the handler answers for, e.g. `https://api.github.com`. */
  baseUrl: string;
  /**
   * Produces the mocked response of a valid request. Return `undefined` to fall through to the
   * next msw handler. Default {@link respondWithExample}: the documented success example with its status.
   */
  respond?: (input: ContractResponderInput) => Response | undefined | Promise<Response | undefined>;
  /** HTTP status answered for a violating request. Default 599 (no real API uses it). */
  violationStatus?: number;
}

/**
 * An msw handler for every request under `baseUrl` that validates it through `recorder`: a
 * violating request is recorded and answered with `violationStatus` and a JSON body listing
 * the violations (so the client under test fails too); a valid one is answered by `respond`.
 */
export function contractHandler(recorder: ContractRecorder, options: ContractHandlerOptions): HttpHandler {
  const base = options.baseUrl.replace(/\/+$/, '');
  return http.all(`${base}/*`, async ({ request }) => {
    const result = await recorder.check(request);
    if (!result.ok) {
      return HttpResponse.json({ message: 'contract violation', errors: result.errors }, { status: options.violationStatus ?? 599 });
    }
    if (options.respond) return options.respond({ request, result, validator: recorder.validator });
    return respondWithExample({ request, result, validator: recorder.validator });
  });
}

/**
 * The default responder of {@link contractHandler}: the operation's documented success answer
 * (first 2xx status with an example, as JSON with that status; else that 2xx status without a
 * body), or 204 when the document has none.
 */
export function respondWithExample({ result, validator }: ContractResponderInput): Response {
  const success = validator.successResponse(result.path ? { method: result.method, path: result.path } : (result.operationId ?? ''));
  if (!success) return new HttpResponse(null, { status: 204 });
  if (success.body === undefined || success.status === 204 || success.status === 205) return new HttpResponse(null, { status: success.status });
  return HttpResponse.json(success.body as never, { status: success.status });
}

/** The part of an msw `SetupServer` that {@link monitorContract} uses. */
export interface LifeCycleEvents {
  events: {
    on(event: 'request:start', listener: (event: { request: Request }) => void): void;
    removeListener(event: 'request:start', listener: (event: { request: Request }) => void): void;
  };
}

/**
 * Validates every request an msw server sees (whatever handler answers it) whose URL starts
 * with `baseUrl`, recording results in `recorder`. Returns a function that stops monitoring.
 */
export function monitorContract(server: LifeCycleEvents, recorder: ContractRecorder, baseUrl: string): () => void {
  const base = baseUrl.replace(/\/+$/, '');
  const listener = ({ request }: { request: Request }) => {
    if (request.url === base || request.url.startsWith(`${base}/`) || request.url.startsWith(`${base}?`)) {
      void recorder.check(request.clone());
    }
  };
  server.events.on('request:start', listener);
  return () => server.events.removeListener('request:start', listener);
}
