export { type GatewayConfig, loadGatewayConfig } from "./config.js";
export { createGateway, type GatewayOptions } from "./createGateway.js";
export { DEV_USER_ID_HEADER, type GatewayContext } from "./gatewayContext.js";
