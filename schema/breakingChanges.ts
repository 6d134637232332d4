import { printSchema, Supergraph } from "@apollo/federation-internals";
import { type BreakingChange, buildSchema, findBreakingChanges, type GraphQLSchema } from "graphql";

/**
 * Breaking changes clients would see between two supergraphs. Compared on the API schemas, not the
 * raw supergraphs: join__ and link__ machinery changes whenever a subgraph moves, and
 * @inaccessible elements were never visible to clients.
 */
export function findApiBreakingChanges(
  baseSupergraphSdl: string,
  nextSupergraphSdl: string,
): BreakingChange[] {
  return findBreakingChanges(apiSchemaOf(baseSupergraphSdl), apiSchemaOf(nextSupergraphSdl));
}

/**
 * The API schema crosses from federation-internals as SDL rather than as a schema object: under a
 * bundler (Vitest) our `graphql` import and federation-internals' can be two module instances, and
 * graphql-js refuses schema objects built by another instance.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));
}
