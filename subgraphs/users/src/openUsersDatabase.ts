import { type Database, openDatabase } from "@logicore/db";
import type { UsersConfig } from "./config.js";

/** The configured server when DATABASE_URL is set, else the embedded database under DATA_DIR. */
export function openUsersDatabase(
  config: Pick<UsersConfig, "databaseUrl" | "dataDir" | "poolMax">,
): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: config.poolMax });
}
