import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ConfigError,
  type Env,
  intFromEnv,
  type LogLevel,
  logLevelFromEnv,
  type Mode,
  modeFromEnv,
  stringFromEnv,
  urlFromEnv,
} from "@logicore/service";

/** The development seed password, documented in the README; production refuses it. */
export const DEVELOPMENT_ADMIN_PASSWORD = "ChangeMe-Admin-1";

export interface UsersConfig {
  mode: Mode;
  /** PORT. @default 4001 */
  port: number;
  /** HOST. @default "0.0.0.0" */
  host: string;
  /** DATABASE_URL; absent means the embedded PGlite database under `dataDir`. */
  databaseUrl: string | undefined;
  /** DB_POOL_MAX. @default 10 */
  poolMax: number;
  /** Where the embedded database lives: `$DATA_DIR/users`. @default <repo>/.data/users */
  dataDir: string;
  /** SEED_ADMIN_PASSWORD, or the development default (never in production). */
  seedAdminPassword: string | undefined;
  logLevel: LogLevel;
}

/** DATA_DIR is shared by all deployables on one machine; each keeps its own sub-folder. */
export const defaultDataRoot = fileURLToPath(new URL("../../../.data", import.meta.url));

export function loadUsersConfig(env: Env = process.env): Readonly<UsersConfig> {
  const mode = modeFromEnv(env);
  const databaseUrl = urlFromEnv(env, "DATABASE_URL", ["postgres:", "postgresql:"]);
  if (mode === "production" && databaseUrl === undefined) {
    throw new ConfigError(
      "DATABASE_URL is required in production (postgres://user:password@host:5432/db); " +
        "the embedded database is for development only",
    );
  }
  return Object.freeze({
    mode,
    port: intFromEnv(env, "PORT", 4001, { min: 0, max: 65535 }),
    host: stringFromEnv(env, "HOST") ?? "0.0.0.0",
    databaseUrl,
    poolMax: intFromEnv(env, "DB_POOL_MAX", 10, { min: 1, max: 1000 }),
    dataDir: join(stringFromEnv(env, "DATA_DIR") ?? defaultDataRoot, "users"),
    seedAdminPassword:
      stringFromEnv(env, "SEED_ADMIN_PASSWORD") ??
      (mode === "development" ? DEVELOPMENT_ADMIN_PASSWORD : undefined),
    logLevel: logLevelFromEnv(env),
  });
}
