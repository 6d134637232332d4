// Generates every subgraph's Prisma client. Runs on `pnpm install` (root postinstall).
// Generation needs no schema engine, so an offline stub stands in unless the caller set a real one.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? join(root, "scripts/prisma-engine-stub.sh"),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
for (const service of readdirSync(join(root, "prisma"), { withFileTypes: true })) {
  if (!service.isDirectory()) continue;
  const schema = join("prisma", service.name, "schema.prisma");
  execFileSync(join(root, "node_modules/.bin/prisma"), ["generate", "--schema", schema], {
    cwd: root,
    env,
    stdio: "inherit",
  });
}
