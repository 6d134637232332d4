import type { KeyObject } from "node:crypto";

/** Everything the users subgraph needs to issue and check sessions. */
export interface SessionSettings {
  /** Signs access tokens; only the users subgraph holds it. */
  privateKey: KeyObject;
  publicKey: KeyObject;
  issuer: string;
  audience: string;
  /** Access-token lifetime (JWT_EXPIRY). @default 900 */
  accessTokenTtlSeconds: number;
  /** Refresh-token lifetime (JWT_REFRESH_EXPIRY). @default 604800 */
  refreshTokenTtlSeconds: number;
}
