import { permissionsForRole } from "@logicore/auth";
import type { Resolvers } from "./types.generated.js";

export const userTypeResolvers = {
  User: {
    __resolveReference(reference, context) {
      return context.loaders.user.load(reference.id);
    },
    permissions: (user) => permissionsForRole(user.role),
    createdAt: (user) => user.createdAt.toISOString(),
    updatedAt: (user) => user.updatedAt.toISOString(),
  },
} satisfies Resolvers;
