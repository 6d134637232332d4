import { ApolloRequestErrorCode, ErrorCode, type FormatErrorStep } from "@logicore/errors";
import { isAnyGraphQLError } from "../graphqlRuntime.js";
import { operationLimitError } from "./operationLimitError.js";
import type { LimitValue } from "./operationLimitsSettings.js";

/**
 * Apollo Server gives every error raised while parsing the code GRAPHQL_PARSE_FAILED, and every
 * error a validation rule reports the code GRAPHQL_VALIDATION_FAILED, whatever code it had. This
 * puts OPERATION_LIMIT_EXCEEDED back, in `formatError`, for the limits enforced there: the token
 * limit (graphql's parser, which knows nothing of codes) and the validation rules' limits. Every
 * other error passes unchanged.
 */
export function createOperationLimitErrorRecoder(options: { maxTokens: LimitValue }): FormatErrorStep {
  const { maxTokens } = options;
  // graphql-js's words when `parse` stops at `maxLexicalTokens` ("more that" in graphql 16, which
  // a later release may correct); the test of the token limit pins them.
  const tokenLimitMessage =
    maxTokens === false
      ? undefined
      : new RegExp(
          `^Syntax Error: Document contains more tha[nt] ${maxTokens} tokens\\. Parsing aborted\\.$`,
        );

  return (formatted, error) => {
    const { code } = formatted.extensions ?? {};
    if (code === ApolloRequestErrorCode.GRAPHQL_VALIDATION_FAILED) {
      const original = isAnyGraphQLError(error)
        ? (error as { originalError?: unknown }).originalError
        : undefined;
      if (isAnyGraphQLError(original) && original.extensions.code === ErrorCode.OPERATION_LIMIT_EXCEEDED) {
        const { http: _http, ...extensions } = original.extensions;
        return { ...formatted, extensions };
      }
    }
    if (
      code === ApolloRequestErrorCode.GRAPHQL_PARSE_FAILED &&
      maxTokens !== false &&
      tokenLimitMessage?.test(formatted.message)
    ) {
      const { message, extensions } = operationLimitError({ limit: "maxTokens", max: maxTokens });
      const { http: _http, ...publicExtensions } = extensions;
      // The location stays: it points at the first token over the limit.
      return { ...formatted, message, extensions: publicExtensions };
    }
    return formatted;
  };
}
