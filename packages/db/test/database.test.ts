import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "../src/testing.js";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());
beforeEach(() =>
  testDb.database.withSession((s) => s.exec("DROP TABLE IF EXISTS item; CREATE TABLE item (id INT)")),
);

const ids = async () =>
  (await testDb.database.withSession((s) => s.query<{ id: number }>("SELECT id FROM item ORDER BY id"))).map(
    (row) => row.id,
  );

describe(`Database (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("describes itself without secrets and answers ping", async () => {
    const { database, url } = testDb;
    if (url === undefined) {
      expect(database).toMatchObject({ kind: "embedded", description: "embedded PGlite in memory" });
    } else {
      expect(database.kind).toBe("postgres");
      expect(database.pool).toBeDefined();
      expect(database.description).toMatch(/^postgres(ql)?:\/\/[^:@]*@?[^/]+\/logicore_test_\d+_[0-9a-f]+/);
    }
    await expect(database.ping()).resolves.toBeUndefined();
  });

  it("runs multi-statement scripts and parameterised queries on one session", async () => {
    const rows = await testDb.database.withSession(async (s) => {
      await s.exec("INSERT INTO item VALUES (1); INSERT INTO item VALUES (2); INSERT INTO item VALUES (3);");
      await s.exec("CREATE TEMPORARY TABLE session_only (n INT); INSERT INTO session_only VALUES (7)");
      const [temp] = await s.query<{ n: number }>("SELECT n FROM session_only");
      return [temp?.n, ...(await s.query<{ id: number }>("SELECT id FROM item WHERE id >= $1", [2]))];
    });
    expect(rows).toEqual([7, { id: 2 }, { id: 3 }]);
  });

  it("keeps a session's transaction to itself while Prisma queries run concurrently", async () => {
    const adapter = await testDb.database.adapter.connect();
    let prismaInsert: Promise<number> | undefined;
    await testDb.database.withSession(async (s) => {
      await s.exec("BEGIN");
      await s.query("INSERT INTO item VALUES ($1)", [1]);
      prismaInsert = adapter.executeRaw({ sql: "INSERT INTO item VALUES (2)", args: [], argTypes: [] });
      await sleep(50);
      await s.exec("ROLLBACK");
    });
    await prismaInsert;
    await adapter.dispose();

    // The rolled-back insert is gone; the Prisma insert neither joined nor shared the rollback.
    expect(await ids()).toEqual([2]);
  });

  it("leaves no open transaction or advisory lock behind a failed session", async () => {
    const failure = testDb.database.withSession(async (s) => {
      await s.exec("BEGIN; INSERT INTO item VALUES (1)");
      await s.query("SELECT pg_advisory_lock($1)", [4242]);
      throw new Error("session failed");
    });
    await expect(failure).rejects.toThrow("session failed");

    expect(await ids()).toEqual([]);
    // On a server the discarded connection's backend exits asynchronously, releasing its locks.
    await expect
      .poll(() =>
        testDb.database.withSession(async (s) => {
          const [row] = await s.query<{ locked: boolean }>(
            "SELECT pg_try_advisory_lock($1) AS locked",
            [4242],
          );
          if (row?.locked) await s.query("SELECT pg_advisory_unlock($1)", [4242]);
          return row?.locked;
        }),
      )
      .toBe(true);
  });
});

describe("an unreachable server", () => {
  it("makes ping reject", async () => {
    const database = await openDatabase({
      url: "postgres://nobody:secret@127.0.0.1:1/none",
      dataDir: "unused",
    });
    try {
      expect(database.description).toBe("postgres://nobody@127.0.0.1:1/none");
      await expect(database.ping()).rejects.toThrow();
    } finally {
      await database.close();
    }
  });
});
