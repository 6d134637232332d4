import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/index.js";

describe("embedded database in a data folder", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "logicore-pglite-"));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("creates the folder, reports its absolute path and keeps data across close and reopen", async () => {
    const dataDir = join(root, "nested", "data");
    // A relative path must resolve against the working directory, and be logged absolute.
    const first = await openDatabase({ dataDir: relative(process.cwd(), dataDir) });
    expect(first.kind).toBe("embedded");
    expect(first.pool).toBeUndefined();
    expect(first.description).toBe(`embedded PGlite at ${dataDir}`);
    await first.withSession((s) =>
      s.exec("CREATE TABLE note (id INT PRIMARY KEY, body TEXT); INSERT INTO note VALUES (1, 'kept');"),
    );
    await first.close();
    await expect(first.ping()).rejects.toThrow();

    const second = await openDatabase({ dataDir });
    try {
      const notes = await second.withSession((s) => s.query("SELECT id, body FROM note"));
      expect(notes).toEqual([{ id: 1, body: "kept" }]);
    } finally {
      await second.close();
    }
  });
});
