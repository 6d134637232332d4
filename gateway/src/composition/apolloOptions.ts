import type { ApolloGateway } from "@apollo/gateway";
import type { ApolloServerOptions } from "@apollo/server";
import { formatErrorPipeline } from "@logicore/errors";
import type { Mode } from "@logicore/service";
import type { Logger } from "pino";
import { createAuthorizationPlugin } from "../authorization/authorizationPlugin.js";
import type { GatewayRuleMap } from "../authorization/ruleMap.js";
import { gatewayFormatErrorSteps } from "../formatGatewayError.js";
import type { GatewayContext } from "../gatewayContext.js";
import { createHideValueCompletionPlugin } from "../hideValueCompletionPlugin.js";
import { EXPLORER_PATH } from "../http/explorerRoute.js";
import { createLandingPagePlugin } from "../http/landingPage.js";
import { createMetricsPlugin } from "../observability/metricsPlugin.js";
import type { ObservabilityMetrics } from "../observability/observabilityMetrics.js";
import { createOperationLogPlugin } from "../observability/operationLogPlugin.js";
import type { OperationLimits } from "../operationLimits/createOperationLimits.js";
import { unansweredIntrospectionRule } from "../unansweredIntrospectionRule.js";

export interface GatewayApolloOptions {
  gateway: ApolloGateway;
  mode: Mode;
  logger: Logger;
  operationLimits: OperationLimits;
  rules: GatewayRuleMap;
  observability: ObservabilityMetrics;
}

/**
 * Apollo Server as the gateway runs it. The plugin list is the request pipeline's order: limits,
 * then authorization, then what observes the result, then the landing page.
 */
export function gatewayApolloOptions(options: GatewayApolloOptions): ApolloServerOptions<GatewayContext> {
  const { mode, logger, operationLimits } = options;
  const development = mode === "development";
  return {
    gateway: options.gateway,
    logger,
    nodeEnv: mode,
    introspection: development,
    includeStacktraceInErrorResponses: false,
    // With introspection off, "Did you mean ...?" suggestions would still reveal the schema.
    hideSchemaDetailsFromClientErrors: !development,
    formatError: formatErrorPipeline(
      gatewayFormatErrorSteps({ logger, recodeOperationLimitErrors: operationLimits.recodeError }),
    ),
    parseOptions: operationLimits.parseOptions,
    validationRules: [...operationLimits.validationRules, unansweredIntrospectionRule],
    // Apollo's CSRF prevention stays on (its default): a browser cannot send a GraphQL request
    // cross-site without a preflight, which CORS then refuses for unknown origins.
    plugins: [
      // First: an operation over a limit is refused before its fields' rules are evaluated, and
      // the same way for every caller (limits are public, a refusal there reveals nothing).
      ...operationLimits.plugins,
      createAuthorizationPlugin({ rules: options.rules }),
      createMetricsPlugin({ metrics: options.observability }),
      createOperationLogPlugin({ logger }),
      createHideValueCompletionPlugin({ logger }),
      createLandingPagePlugin({ mode, explorerPath: EXPLORER_PATH }),
    ],
  };
}
