import type { Mode } from "@logicore/service";

export interface CorsOriginPolicyOptions {
  mode: Mode;
  /** Origins allowed in every mode, exactly as browsers send them (`https://app.example.com`). */
  origins: readonly string[];
}

// Any port, as local frontends (Vite, Next, Storybook) pick their own; http only, as served locally.
const LOCAL_DEVELOPMENT_ORIGIN = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/;

/**
 * Whether a browser on `origin` may read the gateway's answers. Production allows only the listed
 * origins; development also allows local frontends on any port. Requests without an Origin header
 * (servers, curl) are not cross-origin browser calls and get no CORS headers.
 */
export function createCorsOriginPolicy(
  options: CorsOriginPolicyOptions,
): (origin: string | undefined) => boolean {
  const listed = new Set(options.origins);
  const allowLocal = options.mode === "development";
  return (origin) =>
    origin !== undefined && (listed.has(origin) || (allowLocal && LOCAL_DEVELOPMENT_ORIGIN.test(origin)));
}
