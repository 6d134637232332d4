import type {
  DocumentNode,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLField,
  GraphQLSchema,
  OperationDefinitionNode,
} from "graphql";
import { type ComplexityEstimator, getComplexity } from "graphql-query-complexity";
import { graphqlRuntime } from "../graphqlRuntime.js";

// The schema is the gateway's: only its own copy of graphql can inspect its types (see graphqlRuntime).
const { getNullableType, isListType } = graphqlRuntime;

/** graphql-query-complexity's own error once an operation expands to more selections than allowed. */
const TOO_MANY_SELECTIONS = "Query exceeds the maximum allowed number of nodes.";

export type CostEstimate =
  | { readonly kind: "priced"; readonly cost: number }
  /** Pricing stopped: through its fragments the operation expands to more selections than allowed. */
  | { readonly kind: "tooManySelections" }
  /** The variables (or an argument they feed) cannot be coerced, so there is nothing to price. */
  | { readonly kind: "invalidInput"; readonly error: GraphQLError };

export interface OperationCostOptions {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The request's variables, as sent: `first: $n` is priced with the client's `n`. */
  variables: Readonly<Record<string, unknown>> | undefined;
  /** How many items a list without `first`/`last` is assumed to hold. */
  defaultListSize: number;
  /**
   * Selections (fragments expanded each time they are spread) to visit at most. Fragments spread
   * inside fragments expand exponentially, so pricing must stop somewhere.
   */
  maxSelections: number;
}

/**
 * The operation's estimated cost with graphql-query-complexity: every field costs 1 plus its
 * selections' cost times the number of items it returns, which is its `first` (or `last`)
 * argument when it has one, schema defaults and variables applied. Fields skipped by
 * `@skip`/`@include` cost nothing: the gateway fetches none of them.
 */
export function estimateOperationCost(options: OperationCostOptions): CostEstimate {
  const { schema, document, operation } = options;
  try {
    const cost = getComplexity({
      schema,
      query: document,
      // Only the operation the request runs is priced; an anonymous one is the document's only one.
      ...(operation.name ? { operationName: operation.name.value } : {}),
      variables: { ...options.variables },
      estimators: [listSizeEstimator(options.defaultListSize)],
      maxQueryNodes: options.maxSelections,
    });
    return { kind: "priced", cost };
  } catch (error) {
    // graphql-query-complexity loads graphql as the gateway does, so its errors are the gateway's kind.
    if (!(error instanceof graphqlRuntime.GraphQLError)) throw error;
    if (error.message === TOO_MANY_SELECTIONS) return { kind: "tooManySelections" };
    return { kind: "invalidInput", error };
  }
}

function listSizeEstimator(defaultListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    // Introspection and __typename are answered from the gateway's own schema, without any
    // subgraph call; whether introspection is answered at all is the introspection setting's job.
    if (field.name.startsWith("__")) return 0;
    return 1 + childComplexity * itemsOf(type, field, args, defaultListSize);
  };
}

function itemsOf(
  parentType: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  defaultListSize: number,
): number {
  const pageSize = args.first ?? args.last;
  if (typeof pageSize === "number") return Math.max(pageSize, 0);
  if (field.args.some(({ name }) => name === "first" || name === "last")) return defaultListSize;
  if (!isListType(getNullableType(field.type))) return 1;
  // A connection's `edges` (or `nodes`) are the page its field's `first` has already counted.
  return parentType.name.endsWith("Connection") ? 1 : defaultListSize;
}
