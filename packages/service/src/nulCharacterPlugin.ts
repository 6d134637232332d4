import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { codedError, ErrorCode } from "@logicore/errors";

/**
 * Refuses an operation whose variables hold a string with a NUL character (U+0000), with
 * BAD_USER_INPUT and HTTP 400, before anything runs. Every LogiCore subgraph stores strings in
 * PostgreSQL `text`, which cannot hold NUL: let through, such a value fails deep in the database as
 * "invalid byte sequence", which the client sees as INTERNAL_SERVER_ERROR and operators as an
 * error-level log line with a stack, one per request, for anyone who cares to send them. (The query
 * text itself cannot carry NUL: the GraphQL parser refuses it.)
 */
export function createNulCharacterPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        // The earliest hook whose exceptions Apollo turns into an error response (with our status).
        async didResolveOperation({ request }) {
          const variable = variableWithNul(request.variables);
          if (variable === undefined) return;
          throw codedError(
            ErrorCode.BAD_USER_INPUT,
            `Variable "$${variable}" contains a NUL character (U+0000), which no field accepts`,
            { http: { status: 400 } },
          );
        },
      };
    },
  };
}

/** The first variable holding NUL in a string, however deep; the walk is iterative, so depth is free. */
function variableWithNul(variables: Readonly<Record<string, unknown>> | undefined): string | undefined {
  for (const [name, root] of Object.entries(variables ?? {})) {
    const pending: unknown[] = [root];
    while (pending.length > 0) {
      const value = pending.pop();
      if (typeof value === "string") {
        if (value.includes("\u0000")) return name;
      } else if (value !== null && typeof value === "object") {
        // A loop, not push(...values): spreading a 100k-element array overflows the call stack.
        for (const item of Object.values(value)) pending.push(item);
      }
    }
  }
  return undefined;
}
