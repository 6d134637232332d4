import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { codedError, ErrorCode } from "@logicore/errors";
import { type ASTNode, BREAK, type DocumentNode, Kind, visit } from "graphql";

/**
 * Refuses an operation with a string holding a NUL character (U+0000), in its variables or written
 * into the query itself (`login(email: "a\u0000@x.io", ...)`: the parser accepts the escape), with
 * BAD_USER_INPUT and HTTP 400, before any resolver runs. Every LogiCore subgraph stores strings in
 * PostgreSQL `text`, which cannot hold NUL: let through, such a value fails deep in the database as
 * "invalid byte sequence", which the client sees as INTERNAL_SERVER_ERROR and operators as an
 * error-level log line with a stack, one per request, for anyone who cares to send them.
 */
export function createNulCharacterPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        // The earliest hook whose exceptions Apollo turns into an error response (with our status).
        async didResolveOperation({ request, document }) {
          const variable = variableWithNul(request.variables);
          if (variable !== undefined) {
            throw refusal(
              `Variable "$${variable}" contains a NUL character (U+0000), which no field accepts`,
            );
          }
          const argument = argumentWithNul(document);
          if (argument !== null) {
            throw refusal(
              `Argument "${argument}" contains a NUL character (U+0000), which no field accepts`,
              argument,
            );
          }
        },
      };
    },
  };
}

function refusal(message: string, field?: string) {
  return codedError(ErrorCode.BAD_USER_INPUT, message, {
    ...(field !== undefined ? { field } : {}),
    http: { status: 400 },
  });
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

// Apollo parses a document text once and hands the same object to every request that sends it.
const literalVerdicts = new WeakMap<DocumentNode, string | null>();

/**
 * Where the document's first string literal holding NUL sits, as `argument.inputField` (the same
 * form as `extensions.field` elsewhere, e.g. `input.name`), or null when there is none.
 */
function argumentWithNul(document: DocumentNode): string | null {
  const cached = literalVerdicts.get(document);
  if (cached !== undefined) return cached;
  let found: string | null = null;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (!node.value.includes("\u0000")) return undefined;
      // `ancestors` stops short of the literal's own parent (its argument or input field).
      found = namedPath(parent === undefined ? ancestors : [...ancestors, parent]);
      return BREAK;
    },
  });
  literalVerdicts.set(document, found);
  return found;
}

function namedPath(ancestors: ReadonlyArray<ASTNode | ReadonlyArray<ASTNode>>): string {
  const names: string[] = [];
  for (const ancestor of ancestors) {
    if (Array.isArray(ancestor)) continue;
    const node = ancestor as ASTNode;
    if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
    if (node.kind === Kind.VARIABLE_DEFINITION) names.push(`$${node.variable.name.value}`);
  }
  return names.length > 0 ? names.join(".") : "query";
}
