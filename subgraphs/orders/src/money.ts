import { badUserInput } from "@logicore/errors";
import { Prisma } from "./generated/prisma/client.js";

/** Prices are decimal strings: binary floating point cannot hold 0.10 exactly. */
const PRICE = /^\d{1,8}(\.\d{1,2})?$/;

export function parseUnitPrice(field: string, value: string): Prisma.Decimal {
  if (!PRICE.test(value)) {
    throw badUserInput(
      field,
      `${field} must be a decimal string from 0 to 99999999.99 with at most two decimals`,
    );
  }
  return new Prisma.Decimal(value);
}

/** Two decimals, always: "12.30", never "12.3". */
export function formatMoney(value: Prisma.Decimal): string {
  return value.toFixed(2);
}

export function lineTotal(quantity: number, unitPrice: Prisma.Decimal): Prisma.Decimal {
  return unitPrice.times(quantity);
}
