import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DevelopmentKeyFile {
  readonly path: string;
  readonly text: string;
  /** Whether this process created it (else it was there, or another process won the race). */
  readonly created: boolean;
}

function isFileError(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/**
 * A development key under `<dataRoot>/keys/<name>`, created with `create()` if absent. The content
 * is written to a private temporary name first and then hard-linked into place, which fails if the
 * target exists: every service starting at the same moment ends up reading the one complete key
 * that won. Folder 0700, file 0600.
 */
export function developmentKeyFile(dataRoot: string, name: string, create: () => string): DevelopmentKeyFile {
  const folder = join(dataRoot, "keys");
  const path = join(folder, name);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  let created = false;
  try {
    readFileSync(path);
  } catch (error) {
    if (!isFileError(error, "ENOENT")) throw error;
    const temporary = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(temporary, create(), { mode: 0o600, flag: "wx" });
    try {
      linkSync(temporary, path);
      created = true;
    } catch (linkError) {
      if (!isFileError(linkError, "EEXIST")) throw linkError;
    } finally {
      unlinkSync(temporary);
    }
  }
  return { path, text: readFileSync(path, "utf8"), created };
}
