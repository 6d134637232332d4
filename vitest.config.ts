import { defineConfig } from "vitest/config";

// Fast unit tests beside the code they test, end-to-end scenarios in test/ that start real servers on
// loopback (`pnpm test` runs both), and the Kubernetes manifests' checks (`pnpm k8s:check`), apart
// because they need kubectl, a system package.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{gateway,subgraphs,packages,schema}/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/generated/**"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
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
