import { badUserInput } from "@logicore/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function parseId(field: string, value: string): string {
  if (!isUuid(value)) throw badUserInput(field, `${field} must be an id (UUID)`);
  return value.toLowerCase();
}

export function parseInstant(field: string, value: string): Date {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw badUserInput(field, `${field} must be an ISO-8601 date-time`);
  return instant;
}
