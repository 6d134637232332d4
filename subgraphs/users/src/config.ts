import { dirname } from "node:path";
import { type AuthConfig, loadAuthConfig } from "@logicore/auth";
import {
  DEVELOPMENT_ADMIN_PASSWORD,
  type Env,
  loadSubgraphConfig,
  type SubgraphConfig,
  stringFromEnv,
} from "@logicore/service";

export { DEVELOPMENT_ADMIN_PASSWORD };

export interface UsersConfig extends SubgraphConfig {
  /** SEED_ADMIN_PASSWORD, or the development default (never in production). */
  seedAdminPassword: string | undefined;
  /** JWT and session settings, shared with the gateway's verification. */
  auth: AuthConfig;
  /** DATA_DIR root, where development signing keys are kept (`keys/`). */
  dataRoot: string;
}

/** PORT defaults to 4001; see SubgraphConfig for the variables every subgraph reads. */
export function loadUsersConfig(env: Env = process.env): Readonly<UsersConfig> {
  const base = loadSubgraphConfig(env, { name: "users", defaultPort: 4001 });
  return Object.freeze({
    ...base,
    auth: loadAuthConfig(env),
    dataRoot: dirname(base.dataDir),
    seedAdminPassword:
      stringFromEnv(env, "SEED_ADMIN_PASSWORD") ??
      (base.mode === "development" ? DEVELOPMENT_ADMIN_PASSWORD : undefined),
  });
}
