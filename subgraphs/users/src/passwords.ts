import { badUserInput } from "@logicore/errors";
import { type Algorithm, hash, verify } from "@node-rs/argon2";

export const MIN_PASSWORD_LENGTH = 10;
/** Bounded so that a megabyte "password" cannot make the hash a denial of service. */
export const MAX_PASSWORD_LENGTH = 128;

// OWASP's argon2id baseline: 19 MiB, two passes, one lane.
// `Algorithm` is an ambient const enum, which isolated modules cannot read: 2 is Argon2id.
const argon2Options = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Throws BAD_USER_INPUT naming `field` when the password does not meet the policy. */
export function assertPasswordPolicy(field: string, password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badUserInput(field, `${field} must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw badUserInput(field, `${field} must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  }
  if (password.trim().length === 0) {
    throw badUserInput(field, `${field} must not be blank`);
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  return verify(passwordHash, password);
}
