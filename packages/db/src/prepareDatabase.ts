import { applyMigrations, assertMigrationsApplied } from "./migrations.js";
import type { Database } from "./openDatabase.js";

export interface PrepareDatabaseOptions {
  migrationsDir: string;
  /** Anything but production migrates and seeds. */
  mode: "development" | "production";
  log: (message: string) => void;
  /** Development only, after migrating; decides for itself whether there is anything to seed. */
  seed?: () => Promise<void>;
}

/**
 * Development migrates and seeds at start, on either backend, so `pnpm start` needs no set-up.
 * Production changes nothing: a Job runs `pnpm db:migrate`, and a replica refuses to serve with
 * a schema older than its code.
 */
export async function prepareDatabase(database: Database, options: PrepareDatabaseOptions): Promise<void> {
  if (options.mode === "production") {
    await assertMigrationsApplied(database, options.migrationsDir);
    return;
  }
  await applyMigrations(database, options.migrationsDir, options.log);
  await options.seed?.();
}
