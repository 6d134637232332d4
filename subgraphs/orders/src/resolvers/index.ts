import { lockMutationsInProduction, type Mode, type ResolverMap } from "@logicore/service";
import { entityResolvers } from "./entities.js";
import { mutationResolvers } from "./mutations.js";
import { queryResolvers } from "./queries.js";

export function createResolvers(mode: Mode): ResolverMap {
  return {
    ...queryResolvers,
    ...entityResolvers,
    Mutation: lockMutationsInProduction(mutationResolvers.Mutation, mode),
  };
}
