import type { ApolloServerPlugin } from "@apollo/server";
import { allow, deny, evaluateRule, type ShieldRule } from "@logicore/auth";
import { ApolloRequestErrorCode, ErrorCode, type HttpErrorOptions, unauthorizedHttp } from "@logicore/errors";
import type { DocumentNode, FieldNode, GraphQLError, GraphQLSchema, OperationDefinitionNode } from "graphql";
import type { GatewayContext } from "../gatewayContext.js";
import { type AnyGraphQLError, graphqlRuntime, runtimeCodedError } from "../graphqlRuntime.js";
import { argumentsOf, type FieldSelection, selectedFields } from "./operationFields.js";
import { type GatewayRuleMap, ruleFor } from "./ruleMap.js";

export interface AuthorizationPluginOptions {
  /** Type -> field -> rule for every field of the API; a field without one is denied. */
  rules: GatewayRuleMap;
}

interface FieldCheck {
  readonly selection: FieldSelection;
  readonly rule: ShieldRule;
}

/** What one operation needs checked; computed once per parsed document. */
interface OperationChecks {
  readonly schema: GraphQLSchema;
  readonly checks: readonly FieldCheck[];
  /** Whether any checked field's arguments come from variables. */
  readonly needsVariables: boolean;
}

/**
 * graphql-shield at the gateway. The gateway resolves no fields (it executes query plans against
 * subgraphs), so shield's resolver middleware would never run here. Instead, once the operation is
 * parsed and validated and before it is planned, every field it selects is checked against the
 * rule map with `evaluateRule`, arguments coerced from the request's variables. The first field that
 * fails rejects the whole operation, before any subgraph is called: 401 UNAUTHENTICATED (with a
 * `WWW-Authenticate` challenge) for anonymous callers, 403 FORBIDDEN for signed-in ones.
 */
export function createAuthorizationPlugin(
  options: AuthorizationPluginOptions,
): ApolloServerPlugin<GatewayContext> {
  // Apollo Server keeps one parsed document per query text in an LRU and hands the same nodes to
  // every request with that text, so keying on the operation node caches per document text and
  // lets an entry go when the LRU drops the document.
  const cache = new WeakMap<OperationDefinitionNode, OperationChecks>();

  const checksFor = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
  ): OperationChecks => {
    const cached = cache.get(operation);
    if (cached?.schema === schema) return cached;
    const checks = selectedFields(schema, document, operation)
      .map((selection) => ({
        selection,
        rule: ruleFor(options.rules, selection.typeName, selection.fieldName) ?? deny,
      }))
      // `allow` always passes: most fields of a query are on output types that allow everything,
      // and leaving them out here saves evaluating them on every request.
      .filter(({ rule }) => rule !== allow);
    const planned = {
      schema,
      checks,
      needsVariables: checks.some(({ selection }) => selection.constantArguments === undefined),
    };
    cache.set(operation, planned);
    return planned;
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context) {
          const { schema, document, operation, request } = context;
          // Apollo Server 5 calls this hook even when no operation matches `operationName` (or there
          // are several and no name): checking nothing would allow all. In gateway mode it then hands
          // the request to the gateway, whose error would be a 500: refuse it here, as 400.
          if (operation === undefined) throw unresolvedOperation(request.operationName);
          const { checks, needsVariables } = checksFor(schema, document, operation);
          const variables = needsVariables ? coerceVariables(schema, operation, request.variables) : {};
          const authContext = { viewer: context.contextValue.viewer };
          for (const { selection, rule } of checks) {
            const outcome = await evaluateRule(rule, argumentsOf(selection, variables), authContext);
            if (outcome !== true) throw refusal(outcome, selection.node);
          }
        },
      };
    },
  };
}

function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const coerced = graphqlRuntime.getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    variables ?? {},
  );
  if (coerced.errors) {
    // Arguments that cannot be coerced cannot be checked; the gateway would refuse them anyway.
    const message = coerced.errors[0]?.message ?? "Invalid variables";
    throw runtimeCodedError(ErrorCode.BAD_USER_INPUT, message, { http: { status: 400 } });
  }
  return coerced.coerced;
}

/** The rule's error, located at the field that failed, with the status the whole response gets. */
function refusal(error: AnyGraphQLError, field: FieldNode): GraphQLError {
  const located = (code: ErrorCode, http: HttpErrorOptions) =>
    // The rule's own extensions (its code among them) win over `code`.
    runtimeCodedError(code, error.message, { nodes: field, extensions: error.extensions, http });
  switch (error.extensions.code) {
    case ErrorCode.UNAUTHENTICATED:
      return located(ErrorCode.UNAUTHENTICATED, unauthorizedHttp({ tokenPresented: false }));
    case ErrorCode.FORBIDDEN:
      return located(ErrorCode.FORBIDDEN, { status: 403 });
    default:
      // A rule that failed some other way: formatError logs it and the client sees a 500.
      return located(ErrorCode.INTERNAL_SERVER_ERROR, { status: 500 });
  }
}

function unresolvedOperation(operationName: string | undefined): Error {
  const message =
    operationName === undefined
      ? "The document has several operations: say which one to run with operationName."
      : `The document has no operation named "${operationName.slice(0, 100)}".`;
  return runtimeCodedError(ApolloRequestErrorCode.OPERATION_RESOLUTION_FAILURE, message, {
    http: { status: 400 },
  });
}
