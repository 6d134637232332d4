import { openDatabase } from "@logicore/db";
import { createLogger, databaseOptionsOf } from "@logicore/service";
import { loadOrdersConfig } from "../config.js";
import { createPrismaClient } from "../database.js";
import { seedOrders } from "../seed.js";

// `pnpm db:seed`: sample orders are development data; production has nothing to seed here.
const config = loadOrdersConfig();
const logger = createLogger({ service: "orders-seed", level: config.logLevel, format: config.logFormat });
if (config.mode === "production") {
  logger.info("orders has no production seed data");
} else {
  const database = await openDatabase(databaseOptionsOf(config));
  const prisma = createPrismaClient(database);
  try {
    if ((await prisma.order.count()) === 0) await seedOrders(prisma, logger);
    else logger.info("orders already present; nothing seeded");
  } catch (error) {
    logger.error({ err: error }, "seed failed");
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
}
