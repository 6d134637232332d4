import { createRedisRevocationStore, loadVerificationKey } from "@logicore/auth";
import { openDatabase } from "@logicore/db";
import {
  closeOnSignals,
  createLogger,
  databaseOptionsOf,
  exitOnConfigError,
  startTracing,
} from "@logicore/service";
import { loadOrdersConfig } from "./config.js";
import { createOrdersSubgraph } from "./createOrdersSubgraph.js";
import { prepareOrdersDatabase } from "./database.js";

const started = exitOnConfigError("orders");
const config = loadOrdersConfig();
const logger = createLogger({ service: "orders", level: config.logLevel, format: config.logFormat });
// Before the subgraph is built: its HTTP shell adds a span per request only when tracing is on.
const tracing = await startTracing({ ...config.tracing, logger });
if (config.mode === "development") {
  logger.warn("DEVELOPMENT MODE: introspection on, development keys allowed");
}
const publicKey = loadVerificationKey({
  mode: config.mode,
  pem: config.auth.publicKeyPem,
  dataRoot: config.dataRoot,
  log: (message) => logger.warn(message),
});
// Only a shared store knows the gateway's revocations; an in-process one here would always be empty.
const revocations = config.auth.redisUrl ? createRedisRevocationStore(config.auth.redisUrl) : undefined;

const database = await openDatabase(databaseOptionsOf(config));
const subgraph = await createOrdersSubgraph({
  database,
  mode: config.mode,
  logger,
  verifier: {
    publicKey,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    ...(revocations ? { revocations } : {}),
  },
});
await prepareOrdersDatabase(database, subgraph.prisma, { mode: config.mode, logger });
const url = await subgraph.server.listen(config.port, config.host);
started();
logger.info(
  { url, database: database.description },
  `orders subgraph ready at ${url} (${database.description})`,
);

closeOnSignals(async () => {
  try {
    await subgraph.close();
    await revocations?.close();
    await database.close();
  } finally {
    // Last: the drained requests' spans are in its queue.
    await tracing?.shutdown();
  }
}, logger);
