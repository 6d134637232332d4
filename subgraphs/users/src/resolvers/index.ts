import { lockMutationsInProduction, type Mode, type ResolverMap } from "@logicore/service";
import { mutationResolvers } from "./mutations.js";
import { queryResolvers } from "./queries.js";
import { userTypeResolvers } from "./userType.js";

export function createResolvers(mode: Mode): ResolverMap {
  return {
    ...queryResolvers,
    ...userTypeResolvers,
    Mutation: lockMutationsInProduction(mutationResolvers.Mutation, mode),
  };
}
