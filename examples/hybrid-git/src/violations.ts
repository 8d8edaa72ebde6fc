/** A request Prism rejected (or flagged) as breaking the vendor's official spec. */
export interface SpecViolation {
  /** Provider id whose request it was (`github`, `gitea`). */
  provider: string;
  method: string;
  /** Path and query of the request (no origin, no credentials). */
  path: string;
  status: number;
  /** Prism's problem type, e.g. `https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY`. */
  type?: string;
  title?: string;
  /** Prism's `sl-violations` header or the problem's `detail`/`validation` entries. */
  details: string[];
}

/** Records what went through a {@link SpecGuard}'s fetch. */
export interface SpecGuard {
  /** Every violation seen, in order. */
  readonly violations: SpecViolation[];
  /** Requests per provider and `METHOD path-template-ish` (path without query). */
  readonly requests: Map<string, number>;
  /**
   * A `fetch` for one provider: calls `inner` and inspects each answer. A `sl-violations`
   * header, or a 4xx/5xx `application/problem+json` whose `type` is one of Prism's
   * (`https://stoplight.io/prism/errors#…`), is a violation: it is recorded and reported to
   * `onViolation` (the response is returned unchanged, so the provider fails as it would).
   */
  fetchFor(provider: string, inner?: typeof fetch): typeof fetch;
}

const PRISM_ERRORS = 'https://stoplight.io/prism/errors#';

/** Creates a {@link SpecGuard}. */
export function createSpecGuard(onViolation: (v: SpecViolation) => void = () => {}): SpecGuard {
  const violations: SpecViolation[] = [];
  const requests = new Map<string, number>();
  return {
    violations,
    requests,
    fetchFor(provider, inner = globalThis.fetch) {
      const guarded = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
        const request = input instanceof Request ? input : undefined;
        const url = new URL(request ? request.url : String(input));
        const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
        const key = `${provider} ${method} ${url.pathname}`;
        requests.set(key, (requests.get(key) ?? 0) + 1);
        const response = await inner(input, init);
        const header = response.headers.get('sl-violations');
        const contentType = response.headers.get('content-type') ?? '';
        let problem: { type?: string; title?: string; detail?: string; validation?: Array<{ location?: string[]; message?: string }> } | undefined;
        if (response.status >= 400 && contentType.includes('problem+json')) {
          try {
            problem = JSON.parse(await response.clone().text()) as typeof problem;
          } catch {
            problem = undefined;
          }
        }
        const fromPrism = typeof problem?.type === 'string' && problem.type.startsWith(PRISM_ERRORS);
        if (header || fromPrism) {
          const details: string[] = [];
          if (header) {
            try {
              for (const v of JSON.parse(header) as Array<{ location?: string[]; message?: string }>) details.push(`${(v.location ?? []).join('.')}: ${v.message ?? ''}`);
            } catch {
              details.push(header);
            }
          }
          for (const v of problem?.validation ?? []) details.push(`${(v.location ?? []).join('.')}: ${v.message ?? ''}`);
          if (!details.length && problem?.detail) details.push(problem.detail);
          const violation: SpecViolation = {
            provider,
            method,
            path: `${url.pathname}${url.search}`,
            status: response.status,
            ...(problem?.type ? { type: problem.type } : {}),
            ...(problem?.title ? { title: problem.title } : {}),
            details,
          };
          violations.push(violation);
          onViolation(violation);
        }
        return response;
      };
      return guarded as typeof fetch;
    },
  };
}
