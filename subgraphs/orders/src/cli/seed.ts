import { runSubgraphSeed } from "@logicore/service/subgraph";
import { loadOrdersConfig } from "../config.js";
import { createPrismaClient } from "../database.js";
import { seedOrders } from "../seed.js";

// `pnpm db:seed`: sample orders are development data; production has nothing to seed here.
const config = loadOrdersConfig();
await runSubgraphSeed({
  name: "orders",
  config,
  createPrismaClient,
  plan:
    config.mode === "production"
      ? { kind: "skip", reason: "orders has no production seed data" }
      : {
          kind: "seed",
          seed: async (prisma, logger) => {
            if ((await prisma.order.count()) === 0) await seedOrders(prisma, logger);
            else logger.info("orders already present; nothing seeded");
          },
        },
});
