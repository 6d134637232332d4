import { decodeCursor, encodeCursor } from "@logicore/service";
import type { Order } from "../generated/prisma/client.js";
import type { OrderConnection } from "./models.js";

const isOrderNumber = (value: string) => /^\d{1,10}$/.test(value);

/** Orders are listed newest first; the cursor is the last order's number. */
export function decodeOrderCursor(field: string, cursor: string): number {
  return Number(decodeCursor(field, cursor, "order", isOrderNumber));
}

/** A connection from `rows` fetched with one extra row, which tells whether a next page exists. */
export function orderConnection(
  rows: readonly Order[],
  first: number,
  totalCount: () => Promise<number>,
): OrderConnection {
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor("order", node.number), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    // Counted only when the client asks for it.
    totalCount,
  };
}
