import { badUserInput, unauthenticated } from "@logicore/errors";
import { assertMayGrant, assertMayManage } from "../auth/permissions.js";
import { endAllSessions, userRevocation } from "../auth/sessions.js";
import type { UsersContext } from "../context.js";
import { sendVerificationEmail, verifyEmailToken } from "../emailVerification.js";
import type { User } from "../generated/prisma/client.js";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "../passwords.js";
import { mapPrismaError } from "../prismaErrors.js";
import { parseEmail, parseId, parseName } from "../validation.js";
import type { Resolvers } from "./types.generated.js";

function requireViewer(context: UsersContext): User {
  if (!context.viewer) throw unauthenticated();
  return context.viewer.user;
}

export const mutationResolvers = {
  Mutation: {
    async createUser(_, { input }, context) {
      const email = parseEmail("input.email", input.email);
      const name = parseName("input.name", input.name);
      assertPasswordPolicy("input.password", input.password);
      assertMayGrant(context.viewer?.role, input.role, "input.role");
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
      const current = await context.loaders.user.load(id);
      assertMayManage(context.viewer, current, "edit", "id");
      const data: { name?: string; email?: string; emailVerified?: boolean } = {};
      if (input.name != null) data.name = parseName("input.name", input.name);
      if (input.email != null) {
        data.email = parseEmail("input.email", input.email);
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
      assertMayManage(context.viewer, await context.loaders.user.load(id), "delete", "id");
      await context.prisma.user
        .delete({ where: { id } })
        .catch((error: unknown) => mapPrismaError(error, { notFound: { entity: "User", id, field: "id" } }));
      // Its sessions went with it; the tokens already out must stop at the gateway and orders too.
      context.revocations.push(userRevocation(id, context.sessions));
      return true;
    },

    async assignRole(_, args, context) {
      const id = parseId("userId", args.userId);
      const before = await context.loaders.user.load(id);
      const user = await context.prisma.user
        .update({ where: { id }, data: { role: args.role } })
        .catch((error: unknown) =>
          mapPrismaError(error, { notFound: { entity: "User", id, field: "userId" } }),
        );
      // Tokens carry the role they were issued with; those out now must not outlive it.
      if (before?.role !== user.role) context.revocations.push(userRevocation(id, context.sessions));
      return user;
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
      // Whoever else holds a session (perhaps the reason for the change) is signed out; the
      // session that proved the current password stays. After the update, so a login that
      // checked the old password either ends up in this list or sees the new hash (startSession).
      const others = await endAllSessions(
        context.prisma,
        user.id,
        context.sessions,
        context.viewer?.sessionId,
      );
      context.revocations.push(...others);
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
