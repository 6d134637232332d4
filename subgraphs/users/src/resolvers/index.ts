import type { ResolverMap } from "@logicore/service";
import { mutationResolvers } from "./mutations.js";
import { queryResolvers } from "./queries.js";
import { sessionResolvers } from "./sessions.js";
import { userTypeResolvers } from "./userType.js";

export function createResolvers(): ResolverMap {
  return {
    ...userTypeResolvers,
    Query: { ...queryResolvers.Query, ...sessionResolvers.Query },
    Mutation: { ...mutationResolvers.Mutation, ...sessionResolvers.Mutation },
  };
}
