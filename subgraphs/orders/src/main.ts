import { createRedisRevocationStore, loadGatewayCallerCheck, loadVerificationKey } from "@logicore/auth";
import { runSubgraph } from "@logicore/service/subgraph";
import { loadOrdersConfig } from "./config.js";
import { createOrdersSubgraph } from "./createOrdersSubgraph.js";
import { prepareOrdersDatabase } from "./database.js";

await runSubgraph({
  name: "orders",
  loadConfig: loadOrdersConfig,
  developmentWarning: "DEVELOPMENT MODE: introspection on, development keys allowed",
  parts(config, logger) {
    const { mode, auth, dataRoot } = config;
    const warn = (message: string) => logger.warn(message);
    const publicKey = loadVerificationKey({ mode, pem: auth.publicKeyPem, dataRoot, log: warn });
    const callerCheck = loadGatewayCallerCheck("orders", config, warn);
    // Only a shared store knows the gateway's revocations; an in-process one here would always be empty.
    const revocations = auth.redisUrl ? createRedisRevocationStore(auth.redisUrl) : undefined;
    const verifier = {
      publicKey,
      issuer: auth.issuer,
      audience: auth.audience,
      ...(revocations && { revocations }),
    };
    return {
      create: (database) => createOrdersSubgraph({ database, mode, logger, verifier, callerCheck }),
      prepare: (database, orders) => prepareOrdersDatabase(database, orders.prisma, { mode, logger }),
      close: async () => revocations?.close(),
    };
  },
});
