import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstError, startStack, type TestStack } from "./support/stack.js";
import { createUser, USER_FIELDS } from "./support/users.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ${USER_FIELDS} } }`;
const USER = `query ($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`;
const DELETE = "mutation ($id: ID!) { deleteUser(id: $id) }";

describe("creating a user through the gateway", () => {
  it("returns the new user with a normalised email, default role and its permissions", async () => {
    const response = await stack.graphql(CREATE, {
      input: {
        email: "  Ada.Lovelace@Example.COM ",
        password: "Analytical-Engine-1",
        name: " Ada Lovelace ",
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const user = response.body.data?.createUser as Record<string, unknown>;
    expect(user).toMatchObject({
      email: "ada.lovelace@example.com",
      name: "Ada Lovelace",
      role: "CUSTOMER",
      permissions: ["orders:read", "orders:write"],
      emailVerified: false,
    });
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(user.createdAt as string)).not.toBeNaN();
    expect(user).not.toHaveProperty("passwordHash");
  });

  it.each([
    ["input.email", { email: "not-an-email" }],
    ["input.email", { email: `${"a".repeat(250)}@example.com` }],
    ["input.password", { password: "short-9" }],
    ["input.password", { password: " ".repeat(12) }],
    ["input.password", { password: "x".repeat(129) }],
    ["input.name", { name: "   " }],
  ])("refuses bad input with BAD_USER_INPUT naming %s", async (field, override) => {
    const input = {
      email: `bad-${Math.random()}@example.com`,
      password: "Long-Enough-1",
      name: "Bad",
      ...override,
    };
    const response = await stack.graphql(CREATE, { input });
    expect(firstError(response)).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(firstError(response).message).toContain(field);
    const count = await stack.users.prisma.user.count({ where: { name: "Bad" } });
    expect(count).toBe(0);
  });

  it("refuses a duplicate email, in any letter case, with CONFLICT", async () => {
    const existing = await createUser(stack);
    const response = await stack.graphql(CREATE, {
      input: { email: existing.email.toUpperCase(), password: "Another-Pass-1", name: "Twin" },
    });
    expect(firstError(response)).toMatchObject({ code: "CONFLICT", field: "input.email" });
  });

  it("stores only an argon2id hash of the password", async () => {
    const user = await createUser(stack, { password: "Plain-Text-Secret-1" });
    const row = await stack.users.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("Plain-Text-Secret-1");
  });
});

describe("reading, updating and deleting", () => {
  it("reads a user by id and answers null for an unknown id", async () => {
    // The password createUser returns is the test's own, not something the API answers.
    const { password: _password, ...user } = await createUser(stack);
    const found = await stack.graphql(USER, { id: user.id });
    expect(found.body.data?.user).toEqual(user);
    const missing = await stack.graphql(USER, { id: "00000000-0000-4000-8000-000000000000" });
    expect(missing.body).toEqual({ data: { user: null } });
  });

  it("refuses an id that is not a UUID with BAD_USER_INPUT, not a database error", async () => {
    const response = await stack.graphql(USER, { id: "1 OR 1=1" });
    expect(firstError(response)).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it("updates name and email; a new email must be verified again", async () => {
    const user = await createUser(stack);
    await stack.users.prisma.user.update({ where: { id: user.id }, data: { emailVerified: true } });
    const response = await stack.graphql(UPDATE, {
      id: user.id,
      input: { name: "Renamed", email: `renamed-${Date.now()}@example.com` },
    });
    const updated = response.body.data?.updateUser as Record<string, unknown>;
    expect(updated).toMatchObject({ id: user.id, name: "Renamed", emailVerified: false });
    expect(Date.parse(updated.updatedAt as string)).toBeGreaterThan(Date.parse(user.updatedAt));
  });

  it("keeps emailVerified when only the name changes", async () => {
    const user = await createUser(stack);
    await stack.users.prisma.user.update({ where: { id: user.id }, data: { emailVerified: true } });
    const response = await stack.graphql(UPDATE, { id: user.id, input: { name: "Just A Name" } });
    expect(response.body.data?.updateUser).toMatchObject({ name: "Just A Name", emailVerified: true });
  });

  it("reports update errors with their codes and fields", async () => {
    const [user, other] = [await createUser(stack), await createUser(stack)];
    const unknown = "00000000-0000-4000-8000-000000000001";
    expect(firstError(await stack.graphql(UPDATE, { id: unknown, input: { name: "X" } }))).toMatchObject({
      code: "NOT_FOUND",
      field: "id",
    });
    expect(firstError(await stack.graphql(UPDATE, { id: user.id, input: {} }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input",
    });
    expect(
      firstError(await stack.graphql(UPDATE, { id: user.id, input: { email: other.email } })),
    ).toMatchObject({ code: "CONFLICT", field: "input.email" });
    expect(firstError(await stack.graphql(UPDATE, { id: user.id, input: { email: "nope" } }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.email",
    });
  });

  it("deletes a user once; the second time it is NOT_FOUND", async () => {
    const user = await createUser(stack);
    expect((await stack.graphql(DELETE, { id: user.id })).body).toEqual({ data: { deleteUser: true } });
    expect((await stack.graphql(USER, { id: user.id })).body).toEqual({ data: { user: null } });
    expect(firstError(await stack.graphql(DELETE, { id: user.id }))).toMatchObject({
      code: "NOT_FOUND",
      field: "id",
    });
  });
});
