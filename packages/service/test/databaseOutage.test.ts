import { pino } from "pino";
import { Counter, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { createDatabaseOutage, isDatabaseUnreachable } from "../src/databaseOutage.js";

const coded = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("isDatabaseUnreachable", () => {
  it.each([
    ["pg refused", coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["pg admin shutdown", coded("57P01", "terminating connection due to administrator command")],
    ["Prisma cannot reach", coded("P1001")],
    ["Prisma closed", coded("P1017")],
    ["a dropped socket", new Error("Connection terminated unexpectedly")],
    [
      "wrapped in a GraphQL error",
      { message: "x", originalError: new Error("y", { cause: coded("ECONNRESET") }) },
    ],
    [
      "a driver adapter's kind",
      { message: "x", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } },
    ],
  ])("recognises %s", (_name, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", coded("P2002")],
    ["a bug", new TypeError("cannot read properties of undefined")],
    ["not an error", "boom"],
  ])("leaves %s alone", (_name, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });
});

describe("createDatabaseOutage", () => {
  it("logs once per change of state and counts every failure", async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const registry = new Registry();
    const failures = new Counter({
      name: "failures",
      help: "f",
      labelNames: ["subgraph"],
      registers: [registry],
    });
    const outage = createDatabaseOutage({ subgraph: "users", logger, failures });

    outage.reached();
    for (let n = 0; n < 5; n += 1) outage.failed(coded("ECONNREFUSED"));
    outage.reached();
    outage.reached();

    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [40, "the users database is unreachable; requests that need it fail until it is back"],
      [30, "the users database is back"],
    ]);
    expect((await failures.get()).values[0]?.value).toBe(5);
  });
});
