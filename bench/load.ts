import autocannon from "autocannon";

export interface LoadOptions {
  /** The GraphQL endpoint. */
  url: string;
  query: string;
  connections: number;
  durationSeconds: number;
  /** Sent with every request, e.g. the Authorization header. @default {} */
  headers?: Record<string, string>;
  /**
   * The exact body every answer must have; others count as mismatches. A GraphQL error comes back
   * with HTTP 200, so status codes alone would count a failing gateway as a fast one.
   */
  expectBody?: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  mismatches: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body: JSON.stringify({ query: options.query }),
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.expectBody !== undefined ? { expectBody: options.expectBody } : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}

/** One request, checked: load against an endpoint that answers with errors measures nothing. */
export async function fetchExpectedBody(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  const body = await response.text();
  const parsed = JSON.parse(body) as { data?: unknown; errors?: unknown };
  if (!response.ok || parsed.errors !== undefined || parsed.data == null) {
    throw new Error(`${url} answered ${response.status}: ${body.slice(0, 500)}`);
  }
  return body;
}
