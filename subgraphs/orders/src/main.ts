import { closeOnSignals, createLogger } from "@logicore/service";
import { loadOrdersConfig } from "./config.js";
import { createOrdersSubgraph } from "./createOrdersSubgraph.js";
import { prepareOrdersDatabase } from "./database.js";
import { openOrdersDatabase } from "./openOrdersDatabase.js";

const config = loadOrdersConfig();
const logger = createLogger({ service: "orders", level: config.logLevel });
if (config.mode === "development") {
  logger.warn("DEVELOPMENT MODE: mutations need no authentication");
}

const database = await openOrdersDatabase(config);
logger.info(`orders data: ${database.description}`);
const subgraph = await createOrdersSubgraph({ database, mode: config.mode, logger });
await prepareOrdersDatabase(database, subgraph.prisma, { mode: config.mode, logger });
const url = await subgraph.server.listen(config.port, config.host);
logger.info(`orders subgraph ready at ${url}`);

closeOnSignals(async () => {
  await subgraph.close();
  await database.close();
}, logger);
