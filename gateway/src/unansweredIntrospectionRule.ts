import type { ValidationRule } from "graphql";
import { graphqlRuntime } from "./graphqlRuntime.js";

/**
 * Introspection fields graphql-js knows but @apollo/gateway 2.14's planner does not: its own copy of
 * the introspection schema predates them, so a query asking for one passed validation and then
 * failed in the planner as a 500. Refused here instead, as a validation error naming the field.
 */
const UNANSWERED: ReadonlyMap<string, readonly string[]> = new Map([["__Type", ["isOneOf"]]]);

export const unansweredIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    const parent = context.getParentType()?.name;
    if (parent === undefined || !UNANSWERED.get(parent)?.includes(node.name.value)) return;
    context.reportError(
      new graphqlRuntime.GraphQLError(
        `This gateway cannot answer ${parent}.${node.name.value}; leave it out of the introspection query.`,
        { nodes: [node] },
      ),
    );
  },
});
