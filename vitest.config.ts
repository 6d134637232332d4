import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Fast unit tests beside the code they test, end-to-end scenarios in test/ that start real servers on
// loopback (`pnpm test` runs both), and the Kubernetes manifests' checks (`pnpm k8s:check`), apart
// because they need kubectl, a system package.
//
// Where the time went (measured on 2 cores, see the README): each test file re-imported Apollo,
// Prisma and PGlite in a fresh process (41 s in all), every embedded database ran initdb in WASM
// (1.3 s each, two per stack), and one worker left the second core idle while a file waited on its
// child processes. So:
// - every embedded test database copies one empty database made once per run;
const globalSetup = ["test/setup/embeddedDatabaseTemplate.ts"];
// - a worker runs file after file in one process (`isolate: false`): libraries load once. A test
//   file must leave global state as it found it (environment variables, OpenTelemetry's globals);
// - at least two workers, even on two cores: much of a test's time is spent waiting on servers.
const maxWorkers = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    maxWorkers,
    // As the gateway's main sets it: gateways the tests build in-process make no calls to Apollo.
    env: { APOLLO_TELEMETRY_DISABLED: "true" },
    projects: [
      {
        test: {
          name: "unit",
          include: ["{gateway,subgraphs,packages,schema}/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/generated/**"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup,
          isolate: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup,
          isolate: false,
        },
      },
      {
        test: {
          name: "k8s",
          include: ["k8s/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
