import { describe, expect, it } from "vitest";
import { DEVELOPMENT_ADMIN_PASSWORD, loadUsersConfig } from "./config.js";

describe("users configuration", () => {
  it("defaults to development on the embedded database with the documented seed password", () => {
    const config = loadUsersConfig({ DATA_DIR: "/tmp/logicore" });
    expect(config).toMatchObject({
      mode: "development",
      port: 4001,
      host: "127.0.0.1",
      databaseUrl: undefined,
      dataDir: "/tmp/logicore/users",
      poolMax: 10,
      seedAdminPassword: DEVELOPMENT_ADMIN_PASSWORD,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("refuses production without DATABASE_URL, naming the variable", () => {
    expect(() => loadUsersConfig({ NODE_ENV: "production" })).toThrow(
      /DATABASE_URL is required in production/,
    );
  });

  it("never falls back to the development seed password in production", () => {
    const config = loadUsersConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://db:5432/users" });
    expect(config.seedAdminPassword).toBeUndefined();
    expect(config.host).toBe("0.0.0.0");
  });

  it.each([
    [{ PORT: "http" }, /PORT must be a whole number/],
    [{ DB_POOL_MAX: "0" }, /DB_POOL_MAX must be a whole number from 1/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must use postgres:/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of/],
  ])("rejects %j with a message naming the variable", (env, message) => {
    expect(() => loadUsersConfig(env)).toThrow(message);
  });
});
