import { describe, expect, it } from "vitest";
import { createCorsOriginPolicy } from "./corsOriginPolicy.js";

describe("createCorsOriginPolicy", () => {
  const origins = ["https://app.logicore.example"];
  const development = createCorsOriginPolicy({ mode: "development", origins });
  const production = createCorsOriginPolicy({ mode: "production", origins });

  it.each(["http://localhost", "http://localhost:5173", "http://127.0.0.1:8080", "http://[::1]:3000"])(
    "allows the local frontend %s in development only",
    (origin) => {
      expect(development(origin)).toBe(true);
      expect(production(origin)).toBe(false);
    },
  );

  it("allows the listed origins in both modes, compared exactly", () => {
    for (const allowed of [development, production]) {
      expect(allowed("https://app.logicore.example")).toBe(true);
      expect(allowed("https://app.logicore.example:443")).toBe(false);
      expect(allowed("http://app.logicore.example")).toBe(false);
      expect(allowed("https://app.logicore.example.evil.example")).toBe(false);
    }
  });

  it.each([
    "https://localhost:5173",
    "http://localhost:5173.evil.example",
    "http://localhost.evil.example",
    "http://evil.example#http://localhost",
    "null",
  ])("refuses %s even in development", (origin) => {
    expect(development(origin)).toBe(false);
  });

  it("gives no CORS answer to requests without an Origin", () => {
    expect(development(undefined)).toBe(false);
  });
});
