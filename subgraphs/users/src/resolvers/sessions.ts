import { forbidden, unauthenticated } from "@logicore/errors";
import {
  endAllSessions,
  endSession,
  refreshFailure,
  rotateRefreshToken,
  startSession,
} from "../auth/sessions.js";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "../passwords.js";
import { mapPrismaError } from "../prismaErrors.js";
import { parseEmail, parseId, parseName } from "../validation.js";
import type { Resolvers } from "./types.generated.js";

// A real hash to compare against when the email is unknown, so both paths take the same time.
const timingDecoy = hashPassword("timing-decoy-password");

export const sessionResolvers = {
  Query: {
    me(_, __, context) {
      return context.viewer?.user ?? null;
    },
  },
  Mutation: {
    async signUp(_, { input }, context) {
      const email = parseEmail("input.email", input.email);
      const name = parseName("input.name", input.name);
      assertPasswordPolicy("input.password", input.password);
      const passwordHash = await hashPassword(input.password);
      const user = await context.prisma.user
        .create({ data: { email, name, passwordHash, role: "CUSTOMER" } })
        .catch((error: unknown) => mapPrismaError(error, { uniqueField: "input.email" }));
      const session = await startSession(context.prisma, user, context.sessions);
      if (!session) throw unauthenticated("this account no longer exists");
      return session;
    },

    async login(_, args, context) {
      const email = args.email.trim().toLowerCase();
      // Counted before the password is checked, so parallel guesses cannot outrun the count.
      const attempt = await context.throttle.reserve(email, context.clientAddress);
      const user = await context.prisma.user.findUnique({ where: { email } });
      const valid = user
        ? await verifyPassword(user.passwordHash, args.password)
        : await verifyPassword(await timingDecoy, `${args.password}-never`).then(() => false);
      // One message for every case: which emails have accounts is nobody's business.
      if (!user || !valid) throw unauthenticated("email or password is incorrect");
      await attempt.succeeded();
      // Null when the password changed while this one was being checked.
      const session = await startSession(context.prisma, user, context.sessions, {
        passwordHash: user.passwordHash,
      });
      if (!session) throw unauthenticated("email or password is incorrect");
      return session;
    },

    async refreshToken(_, args, context) {
      const outcome = await rotateRefreshToken(context.prisma, args.refreshToken, context.sessions);
      if (outcome.ok) return outcome.payload;
      if (outcome.reason === "reused") context.revocations.push(outcome.revocation);
      throw refreshFailure(outcome.reason);
    },

    async logout(_, args, context) {
      const revocation = await endSession(context.prisma, args.refreshToken, context.sessions);
      if (revocation) context.revocations.push(revocation);
      return true;
    },

    async revokeAllSessions(_, args, context) {
      const userId = parseId("userId", args.userId);
      if (!context.viewer) throw unauthenticated();
      if (context.viewer.id !== userId && context.viewer.role !== "ADMIN") throw forbidden();
      context.revocations.push(...(await endAllSessions(context.prisma, userId, context.sessions)));
      return true;
    },
  },
} satisfies Resolvers;
