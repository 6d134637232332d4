import type { GraphQLFormattedError } from "graphql";
import { ApolloRequestErrorCode, ErrorCode } from "./codes.js";
import type { FormatErrorStep } from "./formatErrorPipeline.js";

/**
 * Apollo Server refuses malformed requests with errors that are fine to show but for a few that name
 * its internals or carry no code. They are reworded here, before `hideInternalErrors` (which hides
 * anything without a public code) sees them:
 * - a `query` sent as a parsed AST gets a paragraph about graphql-js and apollo-client;
 * - a method other than GET or POST is told "Apollo Server supports only GET/POST requests";
 * - a persisted-query hash that does not match, or an unknown persisted-query version, comes without
 *   a code, so it would be logged as a bug and answered INTERNAL_SERVER_ERROR;
 * - a document nested deeply enough to overflow the parser's stack reports the JavaScript engine's
 *   "Maximum call stack size exceeded";
 * - introspection, refused in production, is "not allowed by Apollo Server", with the option to
 *   turn it on.
 */
export const rewordApolloRequestErrors: FormatErrorStep = (formatted, error) => {
  const code = formatted.extensions?.code;
  if (code === ApolloRequestErrorCode.BAD_REQUEST) {
    if (formatted.message.startsWith("GraphQL queries must be strings.")) {
      return { ...formatted, message: "GraphQL queries must be strings." };
    }
    if (formatted.message === "Apollo Server supports only GET/POST requests.") {
      return { ...formatted, message: "Only GET and POST requests are supported." };
    }
  }
  if (
    code === ApolloRequestErrorCode.GRAPHQL_VALIDATION_FAILED &&
    formatted.message.startsWith(APOLLO_INTROSPECTION_REFUSAL)
  ) {
    return { ...formatted, message: INTROSPECTION_REFUSAL };
  }
  if (code === ApolloRequestErrorCode.GRAPHQL_PARSE_FAILED && causedBy(error, RangeError)) {
    return {
      message: "Syntax Error: the document is nested too deeply to parse.",
      extensions: { ...formatted.extensions },
    } satisfies GraphQLFormattedError;
  }
  if (code === ErrorCode.INTERNAL_SERVER_ERROR && isUncodedPersistedQueryError(error)) {
    return {
      ...formatted,
      extensions: { ...formatted.extensions, code: ApolloRequestErrorCode.BAD_REQUEST },
    };
  }
  return formatted;
};

const APOLLO_INTROSPECTION_REFUSAL = "GraphQL introspection is not allowed by Apollo Server";
const INTROSPECTION_REFUSAL =
  "GraphQL introspection is not allowed here, but the query contained __schema or __type.";

/** Apollo's own persisted-query refusals: status 400 set, code forgotten. */
const UNCODED_PERSISTED_QUERY_MESSAGES: ReadonlySet<string> = new Set([
  "provided sha does not match query",
  "Unsupported persisted query version",
]);

function isUncodedPersistedQueryError(error: unknown): boolean {
  const { message, extensions } = (error ?? {}) as { message?: unknown; extensions?: { code?: unknown } };
  return (
    typeof message === "string" &&
    extensions?.code === undefined &&
    UNCODED_PERSISTED_QUERY_MESSAGES.has(message)
  );
}

function causedBy(error: unknown, type: new (...args: never[]) => Error): boolean {
  // Apollo wraps the parser's exception twice (GraphQLError, then its own SyntaxError).
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof type) return true;
    current = (current as { originalError?: unknown }).originalError;
  }
  return false;
}
