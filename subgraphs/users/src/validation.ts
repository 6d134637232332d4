import { badUserInput } from "@logicore/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven by verifyEmail.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids are UUIDs; anything else is bad input rather than a database error. */
export function parseId(field: string, value: string): string {
  if (!isUuid(value)) throw badUserInput(field, `${field} must be a user id (UUID)`);
  return value.toLowerCase();
}

/** Emails are compared case-insensitively, so they are stored trimmed and lower-cased. */
export function parseEmail(field: string, value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    throw badUserInput(field, `${field} must be a valid email address`);
  }
  return email;
}

export function parseName(field: string, value: string): string {
  const name = value.trim();
  if (name.length === 0 || name.length > 100) {
    throw badUserInput(field, `${field} must be between 1 and 100 characters`);
  }
  return name;
}
