import { type ASTVisitor, GraphQLError, type ValidationContext } from "graphql";

/**
 * Validation rule: an operation's type (query, mutation, subscription) must have a root type in the
 * schema. graphql-js 16 leaves this to execution (it arrives in 17 as `KnownOperationTypesRule`);
 * until then a `subscription` sent to the gateway reaches the query planner, which throws, and the
 * client gets a 500 for what is its own mistake. As a validation error it is a 400
 * GRAPHQL_VALIDATION_FAILED, before any plugin or planner sees the operation.
 */
export function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (schema.getRootType(node.operation) === undefined) {
        context.reportError(
          new GraphQLError(`The schema does not support ${node.operation} operations.`, { nodes: node }),
        );
      }
    },
  };
}
