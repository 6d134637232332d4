import { type Env, loadSubgraphConfig, type SubgraphConfig, stringFromEnv } from "@logicore/service";

/** The development seed password, documented in the README; production refuses it. */
export const DEVELOPMENT_ADMIN_PASSWORD = "ChangeMe-Admin-1";

export interface UsersConfig extends SubgraphConfig {
  /** SEED_ADMIN_PASSWORD, or the development default (never in production). */
  seedAdminPassword: string | undefined;
}

/** PORT defaults to 4001; see SubgraphConfig for the variables every subgraph reads. */
export function loadUsersConfig(env: Env = process.env): Readonly<UsersConfig> {
  const base = loadSubgraphConfig(env, { name: "users", defaultPort: 4001 });
  return Object.freeze({
    ...base,
    seedAdminPassword:
      stringFromEnv(env, "SEED_ADMIN_PASSWORD") ??
      (base.mode === "development" ? DEVELOPMENT_ADMIN_PASSWORD : undefined),
  });
}
