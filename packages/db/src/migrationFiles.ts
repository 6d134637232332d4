import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { MigrationError } from "./migrationError.js";

/** One `<dir>/<YYYYMMDDHHMMSS>_<name>/migration.sql` script. */
export interface MigrationFile {
  /** The folder name, which is what `_prisma_migrations.migration_name` records. */
  name: string;
  path: string;
  script: string;
  /** SHA-256 of the file bytes, lowercase hex, as `prisma migrate` records it. */
  checksum: string;
  /** Checksum of the same script with CRLF and LF swapped, which Prisma also accepts. */
  swappedLineEndingsChecksum: string;
}

function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

function swapLineEndings(script: string): string {
  return script.includes("\r\n") ? script.replaceAll("\r\n", "\n") : script.replaceAll("\n", "\r\n");
}

/** Whether a recorded checksum belongs to this script (a Git checkout may have changed its line endings). */
export function matchesChecksum(file: MigrationFile, checksum: string): boolean {
  return checksum === file.checksum || checksum === file.swappedLineEndingsChecksum;
}

async function listMigrationFolders(migrationsDir: string): Promise<string[]> {
  try {
    const entries = await readdir(migrationsDir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    // A mistyped path must not look like "no migrations" and start a service on an empty schema.
    throw new MigrationError(`Cannot read the migrations folder ${migrationsDir}`, { cause: error });
  }
}

/** The migration folders of `migrationsDir` in name (that is, timestamp) order; files such as migration_lock.toml are ignored. */
export async function readMigrationFiles(migrationsDir: string): Promise<MigrationFile[]> {
  // Code-unit order, not locale order, so every machine applies migrations in the same sequence.
  const names = (await listMigrationFolders(migrationsDir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    names.map(async (name) => {
      const path = join(migrationsDir, name, "migration.sql");
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        throw new MigrationError(`Migration ${name} has no migration.sql (expected ${path})`, {
          cause: error,
        });
      }
      const script = bytes.toString("utf8");
      return {
        name,
        path,
        script,
        checksum: sha256(bytes),
        swappedLineEndingsChecksum: sha256(swapLineEndings(script)),
      };
    }),
  );
}
