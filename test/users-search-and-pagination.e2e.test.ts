import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstError, startStack, type TestStack } from "./support/stack.js";
import { createUser } from "./support/users.js";

let stack: TestStack;
const tag = `pg${Date.now()}`;
beforeAll(async () => {
  stack = await startStack();
  // 7 users sharing a tag in their name, in a known creation order, plus a couple of others.
  for (let i = 0; i < 7; i += 1) {
    await createUser(stack, {
      email: `${tag}-${i}@example.com`,
      name: `${tag.toUpperCase()} Person ${i}`,
      role: i % 2 === 0 ? "DRIVER" : "DISPATCHER",
    });
  }
  await createUser(stack, { email: "someone.else@example.com", name: "Someone Else" });
});
afterAll(() => stack?.close());

const USERS = `query ($first: Int, $after: String, $filter: UserFilter, $orderBy: UserOrderBy) {
  users(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { email role } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

interface Page {
  edges: Array<{ cursor: string; node: { email: string; role: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

async function page(variables: Record<string, unknown>): Promise<Page> {
  const response = await stack.graphql(USERS, variables);
  if (!response.body.data?.users) throw new Error(JSON.stringify(response.body));
  return response.body.data.users as Page;
}

describe("searching users", () => {
  it("matches email or name case-insensitively", async () => {
    const byName = await page({ first: 100, filter: { search: tag.toUpperCase() } });
    expect(byName.totalCount).toBe(7);
    const byEmail = await page({ first: 100, filter: { search: "SOMEONE.ELSE@" } });
    expect(byEmail.edges.map((edge) => edge.node.email)).toEqual(["someone.else@example.com"]);
  });

  it("combines search with role and emailVerified filters", async () => {
    const drivers = await page({ first: 100, filter: { search: tag, role: "DRIVER" } });
    expect(drivers.totalCount).toBe(4);
    expect(new Set(drivers.edges.map((edge) => edge.node.role))).toEqual(new Set(["DRIVER"]));
    const verified = await page({ first: 100, filter: { search: tag, emailVerified: true } });
    expect(verified.totalCount).toBe(0);
  });

  it("orders by email descending", async () => {
    const result = await page({ first: 3, filter: { search: tag }, orderBy: "EMAIL_DESC" });
    expect(result.edges.map((edge) => edge.node.email)).toEqual([
      `${tag}-6@example.com`,
      `${tag}-5@example.com`,
      `${tag}-4@example.com`,
    ]);
  });
});

describe("paginating", () => {
  it("walks every page with stable cursors, without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: Page = await page({ first: 3, after, filter: { search: tag }, orderBy: "EMAIL_ASC" });
      expect(result.totalCount).toBe(7);
      seen.push(...result.edges.map((edge) => edge.node.email));
      expect(result.pageInfo.endCursor).toBe(result.edges.at(-1)?.cursor ?? null);
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `${tag}-${i}@example.com`));
  });

  it("returns the same page for the same cursor after new users are added before it", async () => {
    const first = await page({ first: 2, filter: { search: tag }, orderBy: "EMAIL_ASC" });
    const before = await page({
      first: 2,
      after: first.pageInfo.endCursor,
      filter: { search: tag },
      orderBy: "EMAIL_ASC",
    });
    await createUser(stack, { email: `${tag}-00@example.com`, name: `${tag} Early` });
    const again = await page({
      first: 2,
      after: first.pageInfo.endCursor,
      filter: { search: tag },
      orderBy: "EMAIL_ASC",
    });
    expect(again.edges.map((edge) => edge.node.email)).toEqual(before.edges.map((edge) => edge.node.email));
  });

  it("caps first at 100 and rejects negative sizes, naming the argument", async () => {
    expect(firstError(await stack.graphql(USERS, { first: 101 }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "first",
    });
    expect(firstError(await stack.graphql(USERS, { first: -1 }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "first",
    });
  });

  it("rejects a forged cursor with BAD_USER_INPUT naming after", async () => {
    const response = await stack.graphql(USERS, { first: 2, after: "bm90LWEtY3Vyc29y" });
    expect(firstError(response)).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});

describe("userStats", () => {
  it("counts users, verified users and every role, zeros included", async () => {
    const response = await stack.graphql("{ userStats { total verified byRole { role count } } }");
    const stats = response.body.data?.userStats as {
      total: number;
      verified: number;
      byRole: Array<{ role: string; count: number }>;
    };
    const total = await stack.users.prisma.user.count();
    expect(stats.total).toBe(total);
    expect(stats.verified).toBe(await stack.users.prisma.user.count({ where: { emailVerified: true } }));
    expect(stats.byRole.map((entry) => entry.role)).toEqual([
      "ADMIN",
      "MANAGER",
      "DISPATCHER",
      "DRIVER",
      "CUSTOMER",
    ]);
    expect(stats.byRole.find((entry) => entry.role === "DRIVER")?.count).toBeGreaterThanOrEqual(4);
    // Every stack starts with one signed-in ADMIN (the caller here); nobody in this file is a MANAGER.
    const admins = await stack.users.prisma.user.count({ where: { role: "ADMIN" } });
    expect(admins).toBe(1);
    expect(stats.byRole.find((entry) => entry.role === "ADMIN")?.count).toBe(admins);
    expect(stats.byRole.find((entry) => entry.role === "MANAGER")?.count).toBe(0);
    expect(stats.byRole.reduce((sum, entry) => sum + entry.count, 0)).toBe(total);
  });
});
