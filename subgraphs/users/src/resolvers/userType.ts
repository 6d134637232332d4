import { permissionsForRole } from "@logicore/auth";
import { markReferenced, visibleUserField } from "../auth/userVisibility.js";
import type { Resolvers } from "./types.generated.js";

export const userTypeResolvers = {
  User: {
    async __resolveReference(reference, context) {
      const user = await context.loaders.user.load(reference.id);
      if (user) markReferenced(context, user);
      return user;
    },
    email: (user, _, context) => visibleUserField(context, user, "email", () => user.email),
    name: (user, _, context) => visibleUserField(context, user, "name", () => user.name),
    role: (user, _, context) => visibleUserField(context, user, "role", () => user.role),
    permissions: (user, _, context) =>
      visibleUserField(context, user, "permissions", () => permissionsForRole(user.role)),
    emailVerified: (user, _, context) =>
      visibleUserField(context, user, "emailVerified", () => user.emailVerified),
    createdAt: (user, _, context) =>
      visibleUserField(context, user, "createdAt", () => user.createdAt.toISOString()),
    updatedAt: (user, _, context) =>
      visibleUserField(context, user, "updatedAt", () => user.updatedAt.toISOString()),
  },
} satisfies Resolvers;
