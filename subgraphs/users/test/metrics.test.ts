import { randomUUID } from "node:crypto";
import { generateSigningKeys } from "@logicore/auth";
import { createTestDatabase, type TestDatabase } from "@logicore/db/testing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoginThrottle, type LoginThrottle } from "../src/auth/loginThrottle.js";
import { createUsersSubgraph, type UsersSubgraph } from "../src/createUsersSubgraph.js";
import { prepareUsersDatabase } from "../src/database.js";

let testDb: TestDatabase;
let throttle: LoginThrottle;
let users: UsersSubgraph;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const logger = pino({ level: "silent" });
  throttle = createLoginThrottle({ keyPrefix: `logicore-test:${randomUUID()}` });
  users = await createUsersSubgraph({
    database: testDb.database,
    mode: "development",
    logger,
    sessions: {
      ...generateSigningKeys(),
      issuer: "logicore",
      audience: "logicore-api",
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 3600,
    },
    throttle,
    mailer: { send: async () => {} },
  });
  await prepareUsersDatabase(testDb.database, users.prisma, {
    mode: "development",
    seedAdminPassword: undefined,
    logger,
  });
});
afterAll(async () => {
  await users?.close();
  await throttle?.close();
  await testDb?.drop();
});

const graphql = (query: string, variables?: Record<string, unknown>) =>
  users.server.app.inject({ method: "POST", url: "/graphql", payload: { query, variables } });

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken } }`;

describe(`users subgraph /metrics (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("reports operations by type and outcome, SQL by table and action, and the pool", async () => {
    const input = { email: "metrics@example.com", password: "Long-Enough-1", name: "Metrics" };
    const ok = await graphql(SIGN_UP, { input });
    expect(ok.json().errors).toBeUndefined();
    // The same email again is a CONFLICT: an operation that ends with an error.
    const conflict = await graphql(SIGN_UP, { input });
    expect(conflict.json().errors).toBeDefined();
    await graphql("{ me { id } }");

    const response = await users.server.app.inject({ method: "GET", url: "/metrics" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/plain");
    const text = response.body;

    const count = (labels: string) =>
      Number(
        new RegExp(
          `^logicore_subgraph_graphql_operation_duration_seconds_count\\{${labels}\\} (\\d+)$`,
          "m",
        ).exec(text)?.[1] ?? 0,
      );
    expect(count('subgraph="users",operation_type="mutation",outcome="success"')).toBe(1);
    expect(count('subgraph="users",operation_type="mutation",outcome="error"')).toBe(1);
    expect(count('subgraph="users",operation_type="query",outcome="error"')).toBe(1);

    expect(text).toMatch(
      /^logicore_subgraph_db_query_duration_seconds_count\{subgraph="users",model="User",action="insert"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^logicore_subgraph_db_query_duration_seconds_count\{subgraph="users",model="Session",action="select"\} [1-9]/m,
    );
    // Labels come from a closed set: no SQL text, no email, no id.
    expect(text).not.toContain("metrics@example.com");
    expect(text).toMatch(
      /^logicore_subgraph_db_query_duration_seconds_count\{subgraph="users",model="none",action="transaction"\} [1-9]/m,
    );
    expect(text).not.toContain('action="other"');
    expect(text).not.toMatch(/model="[^"]*\s/);

    for (const state of ["total", "idle", "waiting"]) {
      expect(text).toMatch(
        new RegExp(
          `^logicore_subgraph_db_pool_connections\\{subgraph="users",state="${state}"\\} \\d+$`,
          "m",
        ),
      );
    }
    if (testDb.url === undefined) {
      expect(text).toContain('logicore_subgraph_db_pool_connections{subgraph="users",state="total"} 1');
    }
    expect(text).toContain("process_cpu_user_seconds_total");
  });
});
