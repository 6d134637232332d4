import { createRedisRevocationStore, loadVerificationKey } from "@logicore/auth";
import { runSubgraph } from "@logicore/service/subgraph";
import { loadOrdersConfig } from "./config.js";
import { createOrdersSubgraph } from "./createOrdersSubgraph.js";
import { prepareOrdersDatabase } from "./database.js";

await runSubgraph({
  name: "orders",
  loadConfig: loadOrdersConfig,
  developmentWarning: "DEVELOPMENT MODE: introspection on, development keys allowed",
  parts({ mode, auth, dataRoot }, logger) {
    const warn = (message: string) => logger.warn(message);
    const publicKey = loadVerificationKey({ mode, pem: auth.publicKeyPem, dataRoot, log: warn });
    // Only a shared store knows the gateway's revocations; an in-process one here would always be empty.
    const revocations = auth.redisUrl ? createRedisRevocationStore(auth.redisUrl) : undefined;
    const verifier = {
      publicKey,
      issuer: auth.issuer,
      audience: auth.audience,
      ...(revocations && { revocations }),
    };
    return {
      create: (database) => createOrdersSubgraph({ database, mode, logger, verifier }),
      prepare: (database, orders) => prepareOrdersDatabase(database, orders.prisma, { mode, logger }),
      close: async () => revocations?.close(),
    };
  },
});
