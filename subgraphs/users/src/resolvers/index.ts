import { forbidden } from "@logicore/errors";
import type { Mode, ResolverMap } from "@logicore/service";
import type { UsersContext } from "../context.js";
import { mutationResolvers } from "./mutations.js";
import { queryResolvers } from "./queries.js";
import { userTypeResolvers } from "./userType.js";

type Resolver = (parent: unknown, args: never, context: UsersContext, info: unknown) => unknown;

/**
 * Until authentication lands, nobody can be told apart from anybody else, so in production every
 * mutation is refused; development keeps them open for building and testing.
 */
function lockedInProduction<T extends Record<string, Resolver>>(mutations: T, mode: Mode): T {
  if (mode === "development") return mutations;
  const refuse = () => {
    throw forbidden("Mutations are disabled in production until authentication is configured");
  };
  return Object.fromEntries(Object.keys(mutations).map((name) => [name, refuse])) as unknown as T;
}

export function createResolvers(mode: Mode): ResolverMap {
  return {
    ...queryResolvers,
    ...userTypeResolvers,
    Mutation: lockedInProduction(mutationResolvers.Mutation, mode),
  };
}
