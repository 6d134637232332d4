import { describe, expect, it } from "vitest";
import { parseOrderItems } from "./orderItems.js";

const item = (unitPrice: string, quantity = 1) => ({
  sku: "SKU-1",
  description: "Thing",
  quantity,
  unitPrice,
});

describe("order totals", () => {
  it("adds money exactly, where binary floating point would not", () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(parseOrderItems("items", [item("0.10", 3)]).total.toFixed(2)).toBe("0.30");
    expect(parseOrderItems("items", [item("19.99", 7), item("0.01")]).total.toFixed(2)).toBe("139.94");
    expect(parseOrderItems("items", [item("9999999.99", 100_000)]).total.toFixed(2)).toBe("999999999000.00");
  });

  it("refuses an order whose total would not fit the column, naming the items", () => {
    expect(() => parseOrderItems("input.items", [item("99999999.99", 100_000)])).toThrow(
      /^input\.items add up to more than 999999999999\.99/,
    );
  });

  it.each(["1.234", "-1", "1e3", "abc", "0.1.0", "", " 1", "123456789"])("refuses unitPrice %j", (price) => {
    expect(() => parseOrderItems("input.items", [item("1.00"), item(price)])).toThrow(
      /input\.items\[1\]\.unitPrice/,
    );
  });
});
