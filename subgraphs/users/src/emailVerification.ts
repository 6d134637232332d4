import { createHash, randomBytes } from "node:crypto";
import { badUserInput, codedError, conflict, ErrorCode } from "@logicore/errors";
import type { PrismaClient, User } from "./generated/prisma/client.js";
import type { Mailer } from "./mailer.js";

/** How long a verification link stays valid. */
export const VERIFICATION_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/** Replaces any earlier unused token, so only the newest link works. */
export async function sendVerificationEmail(prisma: PrismaClient, mailer: Mailer, user: User): Promise<void> {
  if (user.emailVerified) throw conflict("email", "email is already verified");
  const token = randomBytes(32).toString("base64url");
  await prisma.$transaction([
    prisma.emailVerificationToken.deleteMany({ where: { userId: user.id, usedAt: null } }),
    prisma.emailVerificationToken.create({
      data: {
        userId: user.id,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + VERIFICATION_TOKEN_TTL_MS),
      },
    }),
  ]);
  // The mailer logs why; the client learns only that it may try again (a new token replaces this one).
  await mailer
    .send({
      to: user.email,
      subject: "Verify your LogiCore email address",
      text: `Use this token with the verifyEmail mutation within 24 hours:\n\n${token}\n`,
    })
    .catch(() => {
      throw codedError(
        ErrorCode.SERVICE_UNAVAILABLE,
        "The verification email could not be sent; try again later",
      );
    });
}

/** Marks the token used and the address verified in one transaction; a token works once. */
export async function verifyEmailToken(prisma: PrismaClient, token: string): Promise<User> {
  const invalid = () => badUserInput("token", "token is invalid or has expired");
  if (token.length === 0 || token.length > 200) throw invalid();
  return prisma.$transaction(async (tx) => {
    const record = await tx.emailVerificationToken.findUnique({ where: { tokenHash: sha256(token) } });
    if (!record || record.usedAt !== null || record.expiresAt.getTime() <= Date.now()) throw invalid();
    const claimed = await tx.emailVerificationToken.updateMany({
      where: { id: record.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) throw invalid();
    return tx.user.update({ where: { id: record.userId }, data: { emailVerified: true } });
  });
}
