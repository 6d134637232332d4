import { mutationResolvers } from "./mutations.js";
import { queryResolvers } from "./queries.js";
import { sessionResolvers } from "./sessions.js";
import type { Resolvers } from "./types.generated.js";
import { userTypeResolvers } from "./userType.js";

export function createResolvers(): Resolvers {
  return {
    ...userTypeResolvers,
    Query: { ...queryResolvers.Query, ...sessionResolvers.Query },
    Mutation: { ...mutationResolvers.Mutation, ...sessionResolvers.Mutation },
  };
}
