import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstError, startStack, type TestStack } from "./support/stack.js";

let stack: TestStack;
let seeded: number;
beforeAll(async () => {
  stack = await startStack({ mode: "production", seed: true });
  seeded = await stack.users.prisma.user.count();
});
afterAll(() => stack?.close());

describe("production mode before authentication lands", () => {
  it("serves queries", async () => {
    const response = await stack.graphql("{ userStats { total } }");
    expect(seeded).toBeGreaterThan(0);
    expect(response.body).toEqual({ data: { userStats: { total: seeded } } });
  });

  it.each([
    [
      'mutation { createUser(input: { email: "x@example.com", password: "Long-Enough-1", name: "X" }) { id } }',
    ],
    ['mutation { deleteUser(id: "00000000-0000-4000-8000-000000000000") }'],
    ['mutation { verifyEmail(token: "anything") { id } }'],
  ])("refuses every mutation with FORBIDDEN: %s", async (mutation) => {
    const response = await stack.graphql(mutation);
    expect(firstError(response).code).toBe("FORBIDDEN");
    expect(await stack.users.prisma.user.count()).toBe(seeded);
  });

  it("ignores the development identity header", async () => {
    const admin = await stack.users.prisma.user.findFirstOrThrow();
    const response = await stack.graphql(
      "mutation { requestEmailVerification }",
      {},
      {
        "x-logicore-dev-user-id": admin.id,
      },
    );
    expect(firstError(response).code).toBe("FORBIDDEN");
  });
});
