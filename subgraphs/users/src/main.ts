import { closeOnSignals, createLogger } from "@logicore/service";
import { loadUsersConfig } from "./config.js";
import { createUsersSubgraph } from "./createUsersSubgraph.js";
import { prepareUsersDatabase } from "./database.js";
import { openUsersDatabase } from "./openUsersDatabase.js";

const config = loadUsersConfig();
const logger = createLogger({ service: "users", level: config.logLevel });
if (config.mode === "development") {
  logger.warn("DEVELOPMENT MODE: mutations need no authentication and errors are verbose in logs");
}

const database = await openUsersDatabase(config);
logger.info(`users data: ${database.description}`);
const subgraph = await createUsersSubgraph({ database, mode: config.mode, logger });
await prepareUsersDatabase(database, subgraph.prisma, {
  mode: config.mode,
  seedAdminPassword: config.seedAdminPassword,
  logger,
});
const url = await subgraph.server.listen(config.port, config.host);
logger.info(`users subgraph ready at ${url}`);

closeOnSignals(async () => {
  await subgraph.close();
  await database.close();
}, logger);
