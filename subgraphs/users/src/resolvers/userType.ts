import { permissionsForRole } from "@logicore/auth";
import type { UsersContext } from "../context.js";
import type { User } from "../generated/prisma/client.js";

export const userTypeResolvers = {
  User: {
    __resolveReference(reference: { id: string }, context: UsersContext) {
      return context.loaders.user.load(reference.id);
    },
    permissions: (user: User) => permissionsForRole(user.role),
    createdAt: (user: User) => user.createdAt.toISOString(),
    updatedAt: (user: User) => user.updatedAt.toISOString(),
  },
};
