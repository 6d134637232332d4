import { readFile } from "node:fs/promises";
import { createRevocationStore, loadGatewayProofKeys, loadVerificationKey } from "@logicore/auth";
import { closeOnSignals, createLogger, exitOnConfigError, startTracing } from "@logicore/service";
import { loadGatewayConfig } from "./config/gatewayConfig.js";
import { assertSubgraphUrls, subgraphNamesOf } from "./config/supergraphChecks.js";
import { createGateway } from "./createGateway.js";
import { EXPLORER_PATH } from "./http/explorerRoute.js";

// @apollo/gateway 2.14 reports usage data to Apollo's servers unless told not to. LogiCore makes
// no outbound calls its operator did not ask for; APOLLO_TELEMETRY_DISABLED=false opts back in.
// Set before anything of Apollo's loads; the one place the gateway writes its environment.
process.env.APOLLO_TELEMETRY_DISABLED ??= "true";

const started = exitOnConfigError("gateway");
const config = loadGatewayConfig();
const logger = createLogger({ service: "gateway", level: config.logLevel, format: config.logFormat });
// Before the gateway is built: its HTTP shell adds a span per request only when tracing is on.
const tracing = await startTracing({ ...config.tracing, logger });
const supergraphSdl = await readFile(config.supergraphPath, "utf8");
assertSubgraphUrls(config, subgraphNamesOf(supergraphSdl));
const publicKey = loadVerificationKey({
  mode: config.mode,
  pem: config.auth.publicKeyPem,
  dataRoot: config.dataRoot,
  log: (message) => logger.warn(message),
});
// The gateway signs with the current key only; subgraphs also accept the previous one.
const { current: subgraphSigningKey } = loadGatewayProofKeys({
  mode: config.mode,
  key: config.subgraphSigningKey,
  dataRoot: config.dataRoot,
  log: (message) => logger.warn(message),
});
const revocations = createRevocationStore(config.auth.redisUrl);
if (config.auth.redisUrl === undefined) {
  logger.warn(
    "REDIS_URL is not set: revoked sessions and rate-limit counts are known to this gateway process only",
  );
}

const server = await createGateway({
  supergraphSdl,
  subgraphUrlOverrides: config.subgraphUrlOverrides,
  mode: config.mode,
  logger,
  auth: { publicKey, issuer: config.auth.issuer, audience: config.auth.audience, revocations },
  corsOrigins: config.corsOrigins,
  resilience: config.resilience,
  operationLimits: config.operationLimits,
  rateLimit: config.rateLimit,
  trustProxy: config.trustProxy,
  subgraphSigningKey,
});
const url = await server.listen(config.port, config.host);
started();
logger.info({ url, mode: config.mode, supergraph: config.supergraphPath }, `gateway ready at ${url}`);
if (config.mode === "development") {
  logger.warn(
    `DEVELOPMENT MODE: the explorer is at ${url.replace(/\/graphql$/, EXPLORER_PATH)} (works offline; ` +
      "Apollo Sandbox at /graphql loads from Apollo's CDN), introspection is on and any " +
      "http://localhost origin may call the gateway. Never expose this gateway; set " +
      "NODE_ENV=production for anything real.",
  );
}
closeOnSignals(async () => {
  try {
    await server.close();
    await revocations.close();
  } finally {
    // Last: the drained requests' spans are in its queue.
    await tracing?.shutdown();
  }
}, logger);
