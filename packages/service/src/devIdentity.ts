import type { IncomingHttpHeaders } from "node:http";
import type { Mode } from "./env.js";

/**
 * Development-only stand-in for identity until JWT sessions land: the caller names a user id in
 * this header, the gateway relays it, the subgraphs believe it. Production never reads it, since
 * it would let any client claim to be any user.
 */
export const DEV_USER_HEADER = "x-logicore-dev-user-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who is calling, as far as a subgraph knows. The identity issue fills this from a verified JWT. */
export interface Viewer {
  id: string;
}

export function devViewerFromHeaders(headers: IncomingHttpHeaders, mode: Mode): Viewer | null {
  if (mode !== "development") return null;
  const header = headers[DEV_USER_HEADER];
  return typeof header === "string" && UUID.test(header) ? { id: header.toLowerCase() } : null;
}
