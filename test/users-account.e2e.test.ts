import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, firstError, startStack, type TestStack } from "./support/stack.js";
import { createUser, headersOf } from "./support/users.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe("assigning a role", () => {
  it("changes the role and the permissions derived from it", async () => {
    const user = await createUser(stack);
    const response = await stack.graphql(
      "mutation ($id: ID!) { assignRole(userId: $id, role: MANAGER) { role permissions } }",
      { id: user.id },
    );
    expect(response.body.data?.assignRole).toEqual({
      role: "MANAGER",
      permissions: ["users:read", "users:write", "orders:read", "orders:write"],
    });
  });

  it("refuses an unknown role value and an unknown user", async () => {
    const user = await createUser(stack);
    const badRole = await stack.graphql(
      "mutation ($id: ID!) { assignRole(userId: $id, role: OWNER) { role } }",
      {
        id: user.id,
      },
    );
    expect(firstError(badRole).code).toBe("GRAPHQL_VALIDATION_FAILED");
    const unknown = await stack.graphql(
      'mutation { assignRole(userId: "00000000-0000-4000-8000-000000000002", role: ADMIN) { role } }',
    );
    expect(firstError(unknown)).toMatchObject({ code: "NOT_FOUND", field: "userId" });
  });
});

describe("changing a password", () => {
  const CHANGE =
    "mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }";

  it("replaces the hash when the current password is right", async () => {
    const user = await createUser(stack, { password: "Old-Password-1" });
    const h = await headersOf(stack, user);
    const before = await stack.users.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    const response = await stack.graphql(CHANGE, { current: "Old-Password-1", next: "New-Password-22" }, h);
    expect(response.body).toEqual({ data: { changePassword: true } });
    const after = await stack.users.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).not.toBe(before.passwordHash);
    // The old password no longer works, the new one does.
    expect(
      firstError(await stack.graphql(CHANGE, { current: "Old-Password-1", next: "Third-Password-3" }, h)),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "currentPassword" });
    expect(
      (await stack.graphql(CHANGE, { current: "New-Password-22", next: "Third-Password-3" }, h)).body,
    ).toEqual({ data: { changePassword: true } });
  });

  it("names the field at fault and changes nothing", async () => {
    const user = await createUser(stack, { password: "Keep-This-One-1" });
    const h = await headersOf(stack, user);
    const before = await stack.users.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    const wrong = await stack.graphql(CHANGE, { current: "Not-My-Password-1", next: "Whatever-Long-1" }, h);
    expect(firstError(wrong)).toMatchObject({ code: "BAD_USER_INPUT", field: "currentPassword" });
    const weak = await stack.graphql(CHANGE, { current: "Keep-This-One-1", next: "short" }, h);
    expect(firstError(weak)).toMatchObject({ code: "BAD_USER_INPUT", field: "newPassword" });
    const same = await stack.graphql(CHANGE, { current: "Keep-This-One-1", next: "Keep-This-One-1" }, h);
    expect(firstError(same)).toMatchObject({ code: "BAD_USER_INPUT", field: "newPassword" });
    const after = await stack.users.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
  });

  it("is UNAUTHENTICATED without a caller, or for a deleted caller", async () => {
    expect(firstError(await stack.graphql(CHANGE, { current: "a", next: "b" }, ANONYMOUS)).code).toBe(
      "UNAUTHENTICATED",
    );
    const user = await createUser(stack);
    const h = await headersOf(stack, user);
    await stack.graphql("mutation ($id: ID!) { deleteUser(id: $id) }", { id: user.id });
    expect(
      firstError(await stack.graphql(CHANGE, { current: "Correct-Horse-9", next: "Whatever-Long-1" }, h))
        .code,
    ).toBe("UNAUTHENTICATED");
  });
});

describe("verifying an email address", () => {
  const REQUEST = "mutation { requestEmailVerification }";
  const VERIFY = "mutation ($token: String!) { verifyEmail(token: $token) { id emailVerified } }";
  const tokenFromLastMail = (to: string) => {
    const mail = stack.mails.filter((message) => message.to === to).at(-1);
    const token = mail?.text.match(/^[A-Za-z0-9_-]{43}$/m)?.[0];
    if (!token) throw new Error(`no verification mail to ${to}`);
    return token;
  };

  it("mails a one-time token that verifies the address once", async () => {
    const user = await createUser(stack);
    const h = await headersOf(stack, user);
    expect((await stack.graphql(REQUEST, {}, h)).body).toEqual({
      data: { requestEmailVerification: true },
    });
    const token = tokenFromLastMail(user.email);
    const verified = await stack.graphql(VERIFY, { token });
    expect(verified.body).toEqual({ data: { verifyEmail: { id: user.id, emailVerified: true } } });
    const reused = await stack.graphql(VERIFY, { token });
    expect(firstError(reused)).toMatchObject({ code: "BAD_USER_INPUT", field: "token" });
  });

  it("only the newest token works, and an already verified address gets CONFLICT", async () => {
    const user = await createUser(stack);
    const h = await headersOf(stack, user);
    await stack.graphql(REQUEST, {}, h);
    const older = tokenFromLastMail(user.email);
    await stack.graphql(REQUEST, {}, h);
    const newer = tokenFromLastMail(user.email);
    expect(newer).not.toBe(older);
    expect(firstError(await stack.graphql(VERIFY, { token: older }))).toMatchObject({ field: "token" });
    expect((await stack.graphql(VERIFY, { token: newer })).body.data?.verifyEmail).toMatchObject({
      emailVerified: true,
    });
    expect(firstError(await stack.graphql(REQUEST, {}, h))).toMatchObject({
      code: "CONFLICT",
      field: "email",
    });
  });

  it("rejects expired and made-up tokens, and anonymous requests", async () => {
    const user = await createUser(stack);
    const h = await headersOf(stack, user);
    await stack.graphql(REQUEST, {}, h);
    const token = tokenFromLastMail(user.email);
    await stack.users.prisma.emailVerificationToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(firstError(await stack.graphql(VERIFY, { token }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "token",
    });
    expect(firstError(await stack.graphql(VERIFY, { token: "made-up" }))).toMatchObject({ field: "token" });
    expect(firstError(await stack.graphql(REQUEST, {}, ANONYMOUS)).code).toBe("UNAUTHENTICATED");
    const row = await stack.users.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.emailVerified).toBe(false);
  });
});
