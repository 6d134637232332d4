import { badUserInput } from "@logicore/errors";
import { isUuid } from "./validation.js";

export const MAX_PAGE_SIZE = 100;

export function parseFirst(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput("first", `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** Cursors are opaque to clients; inside they name the last row's id, a stable keyset anchor. */
export function encodeCursor(id: string): string {
  return Buffer.from(`user:${id}`, "utf8").toString("base64url");
}

export function decodeCursor(field: string, cursor: string): string {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  const id = decoded.startsWith("user:") ? decoded.slice("user:".length) : "";
  if (!isUuid(id)) throw badUserInput(field, `${field} is not a valid cursor`);
  return id;
}
