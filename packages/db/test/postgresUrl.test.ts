import { describe, expect, it } from "vitest";
import { redactPostgresUrl, withDatabaseName } from "../src/postgresUrl.js";

describe("redactPostgresUrl", () => {
  it("removes the password from the user info and the query", () => {
    expect(redactPostgresUrl("postgres://app:s3cr%40t@db.internal:5432/logicore?sslmode=require")).toBe(
      "postgres://app@db.internal:5432/logicore?sslmode=require",
    );
    expect(redactPostgresUrl("postgresql://db/logicore?user=app&password=s3cret&sslpassword=k")).toBe(
      "postgresql://db/logicore?user=app",
    );
  });

  it("does not echo an unparseable URL, which may hold a password", () => {
    expect(() => redactPostgresUrl("not a url with s3cret")).toThrow(/^(?!.*s3cret)/);
  });
});

describe("withDatabaseName", () => {
  it("points the same server and credentials at another database", () => {
    expect(withDatabaseName("postgres://app:pw@db:5432/postgres?sslmode=disable", "logicore_test_1_ab")).toBe(
      "postgres://app:pw@db:5432/logicore_test_1_ab?sslmode=disable",
    );
  });
});
