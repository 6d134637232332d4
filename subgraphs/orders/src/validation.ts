import { badUserInput } from "@logicore/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function parseId(field: string, value: string): string {
  if (!isUuid(value)) throw badUserInput(field, `${field} must be an id (UUID)`);
  return value.toLowerCase();
}

// Date-only or date-time with seconds, optional fraction, and Z or an offset; nothing Date.parse guesses at.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Strict ISO-8601: `new Date("1")` is 2001 and "2024-02-30" is March 1st, so neither is accepted. */
export function parseInstant(field: string, value: string): Date {
  const match = ISO_8601.exec(value);
  const instant = new Date(value);
  const [, year, month, day] = match ?? [];
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const realDay =
    calendar.getUTCFullYear() === Number(year) &&
    calendar.getUTCMonth() === Number(month) - 1 &&
    calendar.getUTCDate() === Number(day);
  if (!match || !realDay || Number.isNaN(instant.getTime())) {
    throw badUserInput(field, `${field} must be an ISO-8601 date or date-time, e.g. 2026-11-24T09:30:00Z`);
  }
  return instant;
}
