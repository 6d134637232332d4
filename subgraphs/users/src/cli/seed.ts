import { ConfigError } from "@logicore/service";
import { runSubgraphSeed } from "@logicore/service/subgraph";
import { DEVELOPMENT_ADMIN_PASSWORD, loadUsersConfig } from "../config.js";
import { createPrismaClient } from "../database.js";
import { seedUsers } from "../seed.js";

// `pnpm db:seed`: safe to repeat; in production it needs an explicit, non-default admin password.
const config = loadUsersConfig();
const password = config.seedAdminPassword;
const refused =
  config.mode === "production" && (password === undefined || password === DEVELOPMENT_ADMIN_PASSWORD);
await runSubgraphSeed({
  name: "users",
  config,
  createPrismaClient,
  plan: refused
    ? {
        kind: "refuse",
        error: new ConfigError(
          "SEED_ADMIN_PASSWORD must be set to a strong password of your own to seed in production",
        ),
      }
    : {
        kind: "seed",
        seed: (prisma, logger) =>
          seedUsers(prisma, {
            mode: config.mode,
            adminPassword: password ?? DEVELOPMENT_ADMIN_PASSWORD,
            logger,
          }),
      },
});
