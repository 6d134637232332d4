import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { generateSigningKeys } from "@logicore/auth";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "./support/spawnedStack.js";

const publicKeyPem = String(generateSigningKeys().publicKey.export({ type: "spki", format: "pem" }));
const signingKey = randomBytes(32).toString("base64");
const subgraphUrls = {
  USERS_SUBGRAPH_URL: "http://users:4001/graphql",
  ORDERS_SUBGRAPH_URL: "http://orders:4002/graphql",
};

/** Starts a deployable's entry point as `pnpm start:<name>` does, and waits for it to exit. */
function start(entry: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", entry],
      {
        cwd: repositoryRoot,
        env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "json", ...env },
        timeout: 30_000,
      },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

// A refused configuration is the operator's to fix: one line naming the deployable and the
// variable, no stack or source excerpt, and exit status 78 (EX_CONFIG), apart from a crash's 1.
describe("a deployable refusing its configuration", () => {
  it.each([
    [
      "gateway",
      "gateway/src/main.ts",
      { NODE_ENV: "production", ...subgraphUrls },
      "logicore gateway: JWT_PUBLIC_KEY is required in production",
    ],
    [
      "gateway",
      "gateway/src/main.ts",
      {
        NODE_ENV: "production",
        JWT_PUBLIC_KEY: publicKeyPem,
        USERS_SUBGRAPH_URL: "http://users:4001/graphql",
      },
      "logicore gateway: ORDERS_SUBGRAPH_URL is required in production",
    ],
    [
      "gateway",
      "gateway/src/main.ts",
      { NODE_ENV: "production", JWT_PUBLIC_KEY: publicKeyPem, ...subgraphUrls },
      "logicore gateway: SUBGRAPH_SIGNING_KEY is required in production",
    ],
    [
      "users",
      "subgraphs/users/src/main.ts",
      {
        NODE_ENV: "production",
        JWT_PUBLIC_KEY: publicKeyPem,
        DATABASE_URL: "postgres://logicore@127.0.0.1:1/users",
        SUBGRAPH_SIGNING_KEY: signingKey,
      },
      "logicore users: SMTP_URL is required in production",
    ],
    [
      "orders",
      "subgraphs/orders/src/main.ts",
      {
        NODE_ENV: "production",
        JWT_PUBLIC_KEY: publicKeyPem,
        DATABASE_URL: "postgres://logicore@127.0.0.1:1/orders",
        SUBGRAPH_SIGNING_KEY: "short",
      },
      "logicore orders: SUBGRAPH_SIGNING_KEY must be base64 of at least 32 random bytes",
    ],
    [
      "users",
      "subgraphs/users/src/main.ts",
      { PORT: "http" },
      'logicore users: PORT must be a whole number from 0 to 65535, got "http"',
    ],
    [
      "orders",
      "subgraphs/orders/src/main.ts",
      { DB_POOL_MAX: "0" },
      'logicore orders: DB_POOL_MAX must be a whole number from 1 to 1000, got "0"',
    ],
  ] as [string, string, Record<string, string>, string][])(
    "%s with %j says so in one line and exits 78",
    async (_name, entry, env, line) => {
      const { code, stderr } = await start(entry, env);
      expect(code).toBe(78);
      const lines = stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(line);
      expect(stderr).not.toMatch(/\n\s+at |ConfigError|\.ts:\d+|9007199254740991/);
    },
  );
});
