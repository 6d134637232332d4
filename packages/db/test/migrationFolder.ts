import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway migrations folder in Prisma's layout, for one test. */
export interface MigrationFolder {
  dir: string;
  /** Writes (or overwrites) `<dir>/<name>/migration.sql`. */
  write(name: string, sql: string): Promise<string>;
  remove(): Promise<void>;
}

export async function createMigrationFolder(
  migrations: Record<string, string> = {},
): Promise<MigrationFolder> {
  const dir = await mkdtemp(join(tmpdir(), "logicore-migrations-"));
  // Prisma keeps this file beside the migration folders; the runner must ignore it.
  await writeFile(join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
  const folder: MigrationFolder = {
    dir,
    async write(name, sql) {
      await mkdir(join(dir, name), { recursive: true });
      const path = join(dir, name, "migration.sql");
      await writeFile(path, sql);
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  for (const [name, sql] of Object.entries(migrations)) await folder.write(name, sql);
  return folder;
}
