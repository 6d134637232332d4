import { createHmac, createSign, type KeyObject } from "node:crypto";
import { GraphQLError } from "graphql";
import { expect } from "vitest";
import { generateSigningKeys, type Role, signAccessToken, type TokenSettings } from "../../src/index.js";

export const settings: TokenSettings = {
  issuer: "logicore",
  audience: "logicore-api",
  accessTokenTtlSeconds: 900,
};
export const keys = generateSigningKeys();
export const USER_ID = "0b6f3c1e-9d2a-4c47-8f5e-2a1b3c4d5e6f";
export const OTHER_USER_ID = "7e1d2c3b-4a59-4867-9a8b-1c2d3e4f5a6b";
export const SESSION_ID = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

export function tokenFor(role: Role = "CUSTOMER", userId = USER_ID, sessionId = SESSION_ID) {
  return signAccessToken({ userId, role, sessionId }, keys.privateKey, settings);
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** A JWT assembled by hand, for the forms no honest library would produce. */
export function forgeToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  sign: (input: string) => Buffer = () => Buffer.alloc(0),
): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${input}.${base64url(sign(input))}`;
}

export const hmacWith = (secret: string) => (input: string) =>
  createHmac("sha256", secret).update(input).digest();

export const ecdsaWith = (privateKey: KeyObject) => (input: string) =>
  createSign("sha256").update(input).sign({ key: privateKey, dsaEncoding: "ieee-p1363" });

/** Claims as signAccessToken writes them, for tests that change one field. */
export function validPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: USER_ID,
    role: "CUSTOMER",
    permissions: ["orders:read", "orders:write"],
    jti: "c0ffee00-0000-4000-8000-000000000001",
    sid: SESSION_ID,
    iss: settings.issuer,
    aud: settings.audience,
    iat: now,
    exp: now + 900,
    ...overrides,
  };
}

/** Asserts UNAUTHENTICATED with `reason`, and that nothing of the token leaks into the message. */
export function expectUnauthenticated(error: unknown, reason: string, token?: string): void {
  expect(error).toBeInstanceOf(GraphQLError);
  const { message, extensions } = error as GraphQLError;
  expect(extensions).toEqual({ code: "UNAUTHENTICATED", reason, http: { status: 401 } });
  if (!token) return;
  expect(message).not.toContain(token);
  for (const part of token.split(".")) if (part.length >= 4) expect(message).not.toContain(part);
}

/** Runs `action`, returning what it threw (or rejected with); fails when it did not throw. */
export async function thrownBy(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}
