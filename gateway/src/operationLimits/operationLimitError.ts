import { ErrorCode } from "@logicore/errors";
import type { ASTNode, GraphQLError } from "graphql";
import { runtimeCodedError } from "../graphqlRuntime.js";
import type { OperationLimit } from "./operationLimitsSettings.js";

/** What a refusal says about the limit it hit, besides the code. */
export interface OperationLimitDetails {
  readonly limit: OperationLimit;
  /** The configured largest allowed value. */
  readonly max: number;
  /** What the operation measured; undefined when measuring stopped at the limit (tokens, cost). */
  readonly measured?: number | undefined;
  /** Where the operation over the limit starts, shown as `locations`. */
  readonly node?: ASTNode | undefined;
}

/**
 * OPERATION_LIMIT_EXCEEDED, HTTP 400, naming the limit in `extensions.limit` and in the message,
 * with `extensions.max` and, where known, `extensions.measured`: a client can tell which limit to
 * stay under without reading prose. Built with the gateway's copy of graphql, so Apollo Server
 * recognises it (see runtimeCodedError).
 */
export function operationLimitError(details: OperationLimitDetails): GraphQLError {
  const { limit, max, measured, node } = details;
  return runtimeCodedError(ErrorCode.OPERATION_LIMIT_EXCEEDED, messageFor(limit, max, measured), {
    ...(node ? { nodes: node } : {}),
    extensions: { limit, max, ...(measured !== undefined ? { measured } : {}) },
    http: { status: 400 },
  });
}

function messageFor(limit: OperationLimit, max: number, measured: number | undefined): string {
  const found = measured === undefined ? `more than ${max}` : String(measured);
  switch (limit) {
    case "maxDepth":
      return `The operation is ${found} levels deep; maxDepth allows ${max}.`;
    case "maxAliases":
      return `The operation has ${found} aliases; maxAliases allows ${max}.`;
    case "maxDirectives":
      return `The operation has ${found} directives; maxDirectives allows ${max}.`;
    case "maxTokens":
      return `The document has ${found} tokens; maxTokens allows ${max}.`;
    case "maxCost":
      return `The operation costs ${found}; maxCost allows ${max}.`;
    case "maxRootFields":
      return `The operation has ${found} root fields; maxRootFields allows ${max}.`;
    default: {
      const unknown: never = limit;
      throw new Error(`unknown operation limit ${String(unknown)}`);
    }
  }
}
