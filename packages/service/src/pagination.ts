import { badUserInput } from "@logicore/errors";

export interface PageSizeOptions {
  /** @default 20 */
  defaultSize?: number;
  /** Larger requests are refused, not silently cut: a client must know it got less. @default 100 */
  maxSize?: number;
}

/** Validates a connection's `first` argument; errors name the argument. */
export function parseFirst(first: number | null | undefined, options: PageSizeOptions = {}): number {
  const { defaultSize = 20, maxSize = 100 } = options;
  const size = first ?? defaultSize;
  if (!Number.isInteger(size) || size < 0 || size > maxSize) {
    throw badUserInput("first", `first must be between 0 and ${maxSize}`);
  }
  return size;
}

/** Cursors are opaque to clients; inside they name a kind and the last row's keyset value. */
export function encodeCursor(kind: string, value: string | number): string {
  return Buffer.from(`${kind}:${value}`, "utf8").toString("base64url");
}

/** The cursor's value, or BAD_USER_INPUT naming `field` when it is not a cursor of this kind. */
export function decodeCursor(
  field: string,
  cursor: string,
  kind: string,
  isValid: (value: string) => boolean,
): string {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  const value = decoded.startsWith(`${kind}:`) ? decoded.slice(kind.length + 1) : "";
  if (!isValid(value)) throw badUserInput(field, `${field} is not a valid cursor`);
  return value;
}

/**
 * What a connection resolver returns: one page of rows, and the total as a function, so the count
 * query runs only when the client selects `totalCount` (the default resolver calls it).
 */
export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}
