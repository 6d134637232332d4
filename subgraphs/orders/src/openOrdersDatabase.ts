import { type Database, openDatabase } from "@logicore/db";
import type { OrdersConfig } from "./config.js";

/** The configured server when DATABASE_URL is set, else the embedded database under DATA_DIR. */
export function openOrdersDatabase(
  config: Pick<OrdersConfig, "databaseUrl" | "dataDir" | "poolMax">,
): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: config.poolMax });
}
