import { badUserInput, forbidden, unauthenticated } from "@logicore/errors";
import type { UsersContext } from "../context.js";
import { sendVerificationEmail, verifyEmailToken } from "../emailVerification.js";
import type { Role, User } from "../generated/prisma/client.js";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "../passwords.js";
import { mapPrismaError } from "../prismaErrors.js";
import { parseEmail, parseId, parseName } from "../validation.js";
import type { Resolvers } from "./types.generated.js";

function requireViewer(context: UsersContext): User {
  if (!context.viewer) throw unauthenticated();
  return context.viewer.user;
}

/** Only an ADMIN may create, change or delete an ADMIN: users:write must not be a way to become one. */
async function assertMayManage(context: UsersContext, targetId: string | null, newRole?: Role | null) {
  if (context.viewer?.role === "ADMIN") return;
  const target = targetId ? await context.loaders.user.load(targetId) : null;
  if (target?.role === "ADMIN" || newRole === "ADMIN") {
    throw forbidden("only an ADMIN may create, change or delete an ADMIN");
  }
}

export const mutationResolvers = {
  Mutation: {
    async createUser(_, { input }, context) {
      const email = parseEmail("input.email", input.email);
      const name = parseName("input.name", input.name);
      assertPasswordPolicy("input.password", input.password);
      await assertMayManage(context, null, input.role);
      const passwordHash = await hashPassword(input.password);
      return context.prisma.user
        .create({ data: { email, name, passwordHash, role: input.role ?? "CUSTOMER" } })
        .catch((error: unknown) => mapPrismaError(error, { uniqueField: "input.email" }));
    },

    async updateUser(_, args, context) {
      const id = parseId("id", args.id);
      const { input } = args;
      if (input.name == null && input.email == null) {
        throw badUserInput("input", "input must set name or email");
      }
      await assertMayManage(context, id);
      const data: { name?: string; email?: string; emailVerified?: boolean } = {};
      if (input.name != null) data.name = parseName("input.name", input.name);
      if (input.email != null) {
        data.email = parseEmail("input.email", input.email);
        const current = await context.loaders.user.load(id);
        // A new address has to be proven again.
        if (current && current.email !== data.email) data.emailVerified = false;
      }
      return context.prisma.user.update({ where: { id }, data }).catch((error: unknown) =>
        mapPrismaError(error, {
          uniqueField: "input.email",
          notFound: { entity: "User", id, field: "id" },
        }),
      );
    },

    async deleteUser(_, args, context) {
      const id = parseId("id", args.id);
      await assertMayManage(context, id);
      await context.prisma.user
        .delete({ where: { id } })
        .catch((error: unknown) => mapPrismaError(error, { notFound: { entity: "User", id, field: "id" } }));
      return true;
    },

    async assignRole(_, args, context) {
      const id = parseId("userId", args.userId);
      return context.prisma.user
        .update({ where: { id }, data: { role: args.role } })
        .catch((error: unknown) =>
          mapPrismaError(error, { notFound: { entity: "User", id, field: "userId" } }),
        );
    },

    async changePassword(_, args, context) {
      const user = requireViewer(context);
      if (!(await verifyPassword(user.passwordHash, args.currentPassword))) {
        throw badUserInput("currentPassword", "currentPassword is incorrect");
      }
      assertPasswordPolicy("newPassword", args.newPassword);
      if (args.newPassword === args.currentPassword) {
        throw badUserInput("newPassword", "newPassword must differ from currentPassword");
      }
      const passwordHash = await hashPassword(args.newPassword);
      await context.prisma.user
        .update({ where: { id: user.id }, data: { passwordHash } })
        .catch((error: unknown) =>
          mapPrismaError(error, { notFound: { entity: "User", id: user.id, field: "viewer" } }),
        );
      return true;
    },

    async requestEmailVerification(_, __, context) {
      const user = requireViewer(context);
      await sendVerificationEmail(context.prisma, context.mailer, user);
      return true;
    },

    verifyEmail(_, args, context) {
      return verifyEmailToken(context.prisma, args.token);
    },
  },
} satisfies Resolvers;
