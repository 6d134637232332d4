import { describe, expect, it } from "vitest";
import { isRole, permissionsForRole, ROLES } from "../src/index.js";

describe("permissionsForRole", () => {
  it.each([
    ["ADMIN", ["users:read", "users:write", "orders:read", "orders:write"]],
    ["MANAGER", ["users:read", "users:write", "orders:read", "orders:write"]],
    ["DISPATCHER", ["users:read", "orders:read", "orders:write"]],
    ["DRIVER", ["orders:read"]],
    ["CUSTOMER", ["orders:read", "orders:write"]],
  ] as const)("gives %s %j", (role, permissions) => {
    expect(permissionsForRole(role)).toEqual(permissions);
  });

  it("cannot be changed by a caller", () => {
    expect(() => (permissionsForRole("DRIVER") as string[]).push("users:write")).toThrow(TypeError);
    expect(permissionsForRole("DRIVER")).toEqual(["orders:read"]);
  });
});

describe("isRole", () => {
  it("knows every role and nothing else", () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const value of ["admin", "ROOT", "", null, undefined, 1, {}]) expect(isRole(value)).toBe(false);
  });
});
