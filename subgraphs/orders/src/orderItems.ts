import { badUserInput } from "@logicore/errors";
import { Prisma } from "./generated/prisma/client.js";
import { lineTotal, parseUnitPrice } from "./money.js";
import type { OrderItemInput } from "./resolvers/types.generated.js";

export const MAX_ITEMS = 100;
export const MAX_QUANTITY = 100_000;
const MAX_TOTAL = "999999999999.99";
const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface ParsedItems {
  items: Array<{
    position: number;
    sku: string;
    description: string;
    quantity: number;
    unitPrice: Prisma.Decimal;
  }>;
  total: Prisma.Decimal;
}

/** Validates every item (errors name e.g. `input.items[2].quantity`) and computes the total. */
export function parseOrderItems(field: string, input: readonly OrderItemInput[]): ParsedItems {
  if (input.length === 0 || input.length > MAX_ITEMS) {
    throw badUserInput(field, `${field} must hold 1 to ${MAX_ITEMS} items`);
  }
  const items = input.map((item, position) => {
    const at = `${field}[${position}]`;
    if (!SKU.test(item.sku)) {
      throw badUserInput(`${at}.sku`, `${at}.sku must be 1 to 64 letters, digits, '.', '_' or '-'`);
    }
    const description = item.description.trim();
    if (description.length === 0 || description.length > 500) {
      throw badUserInput(`${at}.description`, `${at}.description must be between 1 and 500 characters`);
    }
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY) {
      throw badUserInput(`${at}.quantity`, `${at}.quantity must be a whole number from 1 to ${MAX_QUANTITY}`);
    }
    const unitPrice = parseUnitPrice(`${at}.unitPrice`, item.unitPrice);
    return { position, sku: item.sku, description, quantity: item.quantity, unitPrice };
  });
  const total = items.reduce(
    (sum, item) => sum.plus(lineTotal(item.quantity, item.unitPrice)),
    new Prisma.Decimal(0),
  );
  // The column holds 14 digits; refusing here beats a database error for a legal-looking order.
  if (total.greaterThan(MAX_TOTAL)) {
    throw badUserInput(field, `${field} add up to more than ${MAX_TOTAL}, the largest order total`);
  }
  return { items, total };
}
