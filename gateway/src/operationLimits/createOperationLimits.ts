import type { ApolloServerPlugin } from "@apollo/server";
import type { FormatErrorStep } from "@logicore/errors";
import type { ParseOptions, ValidationRule } from "graphql";
import type { GatewayContext } from "../gatewayContext.js";
import { createCostLimitPlugin } from "./costLimitPlugin.js";
import { createOperationLimitErrorRecoder } from "./operationLimitErrorRecoder.js";
import { operationLimitRules } from "./operationLimitRules.js";
import { type OperationLimitsOptions, resolveOperationLimits } from "./operationLimitsSettings.js";

/** The Apollo Server options that enforce the operation limits; each goes to the option of its name. */
export interface OperationLimits {
  /** The token limit, enforced by graphql's parser as it reads the document. */
  readonly parseOptions: ParseOptions;
  /** Depth, aliases, directives and root fields, checked once per distinct document. */
  readonly validationRules: ValidationRule[];
  /** The cost limit, checked per request with its variables, before the operation is planned. */
  readonly plugins: ApolloServerPlugin<GatewayContext>[];
  /**
   * A `formatError` step, before any that reads codes (see gatewayFormatErrorSteps): gives the
   * refusals of the parser and the validation rules back their OPERATION_LIMIT_EXCEEDED code, which
   * Apollo Server replaces.
   */
  readonly recodeError: FormatErrorStep;
}

/**
 * Every limit an operation is held to before the gateway plans it: a refusal costs no query plan
 * and no subgraph call. Each violation is OPERATION_LIMIT_EXCEEDED with HTTP 400, `extensions.limit`
 * naming the limit, `extensions.max` and, where known, `extensions.measured`.
 */
export function createOperationLimits(options: OperationLimitsOptions = {}): OperationLimits {
  const settings = resolveOperationLimits(options);
  return {
    parseOptions: settings.maxTokens === false ? {} : { maxLexicalTokens: settings.maxTokens },
    validationRules: operationLimitRules(settings),
    plugins:
      settings.maxCost === false
        ? []
        : [createCostLimitPlugin({ maxCost: settings.maxCost, defaultListSize: settings.defaultListSize })],
    recodeError: createOperationLimitErrorRecoder({ maxTokens: settings.maxTokens }),
  };
}
