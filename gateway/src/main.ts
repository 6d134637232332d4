import { readFile } from "node:fs/promises";
import { closeOnSignals, createLogger } from "@logicore/service";
import { loadGatewayConfig } from "./config.js";
import { createGateway } from "./createGateway.js";
import { DEV_USER_ID_HEADER } from "./gatewayContext.js";

const config = loadGatewayConfig();
const logger = createLogger({ service: "gateway", level: config.logLevel });
const supergraphSdl = await readFile(config.supergraphPath, "utf8");

const server = await createGateway({
  supergraphSdl,
  subgraphUrlOverrides: config.subgraphUrlOverrides,
  mode: config.mode,
  logger,
});
const url = await server.listen(config.port, config.host);
logger.info({ url, mode: config.mode, supergraph: config.supergraphPath }, "gateway listening");
if (config.mode === "development") {
  logger.warn(
    `DEVELOPMENT MODE: Sandbox and introspection are on and ${DEV_USER_ID_HEADER} is trusted as the ` +
      "caller's identity. Never expose this gateway; set NODE_ENV=production for anything real.",
  );
}
closeOnSignals(() => server.close(), logger);
