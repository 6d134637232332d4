import { loadGatewayCallerCheck, loadSigningKeys } from "@logicore/auth";
import { runSubgraph } from "@logicore/service/subgraph";
import { createLoginThrottle } from "./auth/loginThrottle.js";
import { loadUsersConfig } from "./config.js";
import { createUsersSubgraph } from "./createUsersSubgraph.js";
import { prepareUsersDatabase } from "./database.js";

await runSubgraph({
  name: "users",
  loadConfig: loadUsersConfig,
  developmentWarning: "DEVELOPMENT MODE: introspection on, development keys and seed password allowed",
  parts(config, logger) {
    const { mode, auth, dataRoot, seedAdminPassword, mail } = config;
    const warn = (message: string) => logger.warn(message);
    const sessions = { ...auth, ...loadSigningKeys({ mode, pem: auth.privateKeyPem, dataRoot, log: warn }) };
    const callerCheck = loadGatewayCallerCheck("users", config, warn);
    const throttle = createLoginThrottle({ redisUrl: auth.redisUrl });
    return {
      create: (database) =>
        createUsersSubgraph({ database, mode, logger, sessions, throttle, mail, callerCheck }),
      prepare: (database, users) =>
        prepareUsersDatabase(database, users.prisma, { mode, seedAdminPassword, logger }),
      close: () => throttle.close(),
    };
  },
});
