import type { ResolverMap } from "@logicore/service";
import { entityResolvers } from "./entities.js";
import { mutationResolvers } from "./mutations.js";
import { queryResolvers } from "./queries.js";

export function createResolvers(): ResolverMap {
  return { ...queryResolvers, ...entityResolvers, ...mutationResolvers };
}
