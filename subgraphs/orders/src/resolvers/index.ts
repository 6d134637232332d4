import { entityResolvers } from "./entities.js";
import { mutationResolvers } from "./mutations.js";
import { queryResolvers } from "./queries.js";
import type { Resolvers } from "./types.generated.js";

export function createResolvers(): Resolvers {
  return { ...queryResolvers, ...entityResolvers, ...mutationResolvers };
}
