import { loadSigningKeys } from "@logicore/auth";
import { openDatabase } from "@logicore/db";
import {
  closeOnSignals,
  createLogger,
  databaseOptionsOf,
  exitOnConfigError,
  startTracing,
} from "@logicore/service";
import { createLoginThrottle } from "./auth/loginThrottle.js";
import { loadUsersConfig } from "./config.js";
import { createUsersSubgraph } from "./createUsersSubgraph.js";
import { prepareUsersDatabase } from "./database.js";

const started = exitOnConfigError("users");
const config = loadUsersConfig();
const logger = createLogger({ service: "users", level: config.logLevel, format: config.logFormat });
// Before the subgraph is built: its HTTP shell adds a span per request only when tracing is on.
const tracing = await startTracing({ ...config.tracing, logger });
if (config.mode === "development") {
  logger.warn("DEVELOPMENT MODE: introspection on, development keys and seed password allowed");
}
const keys = loadSigningKeys({
  mode: config.mode,
  pem: config.auth.privateKeyPem,
  dataRoot: config.dataRoot,
  log: (message) => logger.warn(message),
});

const database = await openDatabase(databaseOptionsOf(config));
const throttle = createLoginThrottle({ redisUrl: config.auth.redisUrl });
const subgraph = await createUsersSubgraph({
  database,
  mode: config.mode,
  logger,
  sessions: { ...config.auth, ...keys },
  throttle,
});
await prepareUsersDatabase(database, subgraph.prisma, {
  mode: config.mode,
  seedAdminPassword: config.seedAdminPassword,
  logger,
});
const url = await subgraph.server.listen(config.port, config.host);
started();
logger.info(
  { url, database: database.description },
  `users subgraph ready at ${url} (${database.description})`,
);

closeOnSignals(async () => {
  try {
    await subgraph.close();
    await throttle.close();
    await database.close();
  } finally {
    // Last: the drained requests' spans are in its queue.
    await tracing?.shutdown();
  }
}, logger);
