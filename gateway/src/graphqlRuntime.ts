import { createRequire } from "node:module";
import { type CodedError, codedErrorBuilder } from "@logicore/errors";
import type * as GraphQL from "graphql";

/**
 * graphql as @apollo/gateway and @apollo/server use it, for code that touches their schema or
 * hands them errors. The gateway is CommonJS and builds the API schema with graphql's CommonJS
 * build. graphql also ships an ES module build; a resolver that prefers it (Vite, hence Vitest)
 * loads a second copy, whose `instanceof` checks reject the gateway's schema and whose errors
 * Apollo Server does not recognise as GraphQL errors (their status and code would be lost). Node
 * itself resolves `import "graphql"` to the CommonJS build, so in production this is that module.
 */
export const graphqlRuntime: typeof GraphQL = createRequire(import.meta.url)("graphql");

/**
 * `codedError` building with `graphqlRuntime`'s GraphQLError: every error the gateway hands Apollo
 * Server is built with it, so Apollo keeps its locations, status and message as they are.
 */
export const runtimeCodedError: CodedError = codedErrorBuilder(graphqlRuntime.GraphQLError);

/** A GraphQL error from any copy of graphql, read structurally. */
export interface AnyGraphQLError {
  readonly message: string;
  readonly extensions: Readonly<Record<string, unknown>>;
}

export function isAnyGraphQLError(value: unknown): value is AnyGraphQLError {
  return (
    value instanceof Error &&
    typeof (value as Partial<AnyGraphQLError>).extensions === "object" &&
    (value as Partial<AnyGraphQLError>).extensions !== null
  );
}
