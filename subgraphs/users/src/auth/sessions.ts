import { createHash, randomBytes } from "node:crypto";
import { type Revocation, signAccessToken } from "@logicore/auth";
import { unauthenticated } from "@logicore/errors";
import type { PrismaClient, User } from "../generated/prisma/client.js";
import type { ResolversParentTypes } from "../resolvers/types.generated.js";
import type { SessionSettings } from "./sessionSettings.js";

/** What login, sign-up and refresh answer, with the user as its row. */
export type AuthPayload = ResolversParentTypes["AuthPayload"];

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newRefreshToken = () => randomBytes(32).toString("base64url");
const nowSeconds = () => Math.floor(Date.now() / 1000);

function issue(user: User, sessionId: string, refreshToken: string, settings: SessionSettings): AuthPayload {
  const { token, expiresIn } = signAccessToken(
    { userId: user.id, role: user.role, sessionId },
    settings.privateKey,
    settings,
  );
  return { accessToken: token, refreshToken, expiresIn, user };
}

/**
 * A new session (login, sign-up) with its first refresh token, or null when the user changed under
 * the caller: deleted, or (with `passwordHash`) given a new password since it was checked. The user
 * is read again after the session exists, so its token carries the role the database has now and a
 * concurrent changePassword or role change either sees this session or is seen by it.
 */
export async function startSession(
  prisma: PrismaClient,
  user: User,
  settings: SessionSettings,
  expected: { passwordHash?: string } = {},
): Promise<AuthPayload | null> {
  const refreshToken = newRefreshToken();
  const session = await prisma.session.create({
    data: {
      userId: user.id,
      refreshTokens: {
        create: {
          tokenHash: hashToken(refreshToken),
          expiresAt: new Date(Date.now() + settings.refreshTokenTtlSeconds * 1000),
        },
      },
    },
  });
  const current = await prisma.user.findUnique({ where: { id: user.id } });
  if (!current || (expected.passwordHash !== undefined && current.passwordHash !== expected.passwordHash)) {
    await prisma.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    return null;
  }
  return issue(current, session.id, refreshToken, settings);
}

export type RefreshOutcome =
  | { ok: true; payload: AuthPayload }
  | { ok: false; reason: "unknown" | "expired" | "revoked" }
  | { ok: false; reason: "reused"; revocation: Revocation };

/**
 * Rotates a refresh token: the presented one is spent, a new one is issued in the same session.
 * A token presented twice means someone else holds a copy, so the whole session dies (theft
 * detection, as in OAuth 2.0 refresh token rotation).
 */
export async function rotateRefreshToken(
  prisma: PrismaClient,
  presented: string,
  settings: SessionSettings,
): Promise<RefreshOutcome> {
  const record = await prisma.refreshToken.findUnique({
    where: { tokenHash: hashToken(presented) },
    include: { session: true },
  });
  if (!record) return { ok: false, reason: "unknown" };
  const { session } = record;
  if (session.revokedAt !== null) return { ok: false, reason: "revoked" };
  if (record.usedAt !== null) {
    await prisma.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    return { ok: false, reason: "reused", revocation: sessionRevocation(session.id, settings) };
  }
  if (record.expiresAt.getTime() <= Date.now()) return { ok: false, reason: "expired" };
  const refreshToken = newRefreshToken();
  const rotated = await prisma.$transaction(async (tx) => {
    // Compare-and-set: of two concurrent refreshes with one token, exactly one wins.
    const spent = await tx.refreshToken.updateMany({
      where: { id: record.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (spent.count !== 1) return null;
    await tx.refreshToken.create({
      data: {
        sessionId: session.id,
        tokenHash: hashToken(refreshToken),
        expiresAt: new Date(Date.now() + settings.refreshTokenTtlSeconds * 1000),
      },
    });
    await tx.session.update({ where: { id: session.id }, data: { lastUsedAt: new Date() } });
    // Read last, so the token carries the role the database has now, not at lookup.
    return tx.user.findUniqueOrThrow({ where: { id: session.userId } });
  });
  if (!rotated) {
    await prisma.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    return { ok: false, reason: "reused", revocation: sessionRevocation(session.id, settings) };
  }
  return { ok: true, payload: issue(rotated, session.id, refreshToken, settings) };
}

/** Ends the session the refresh token belongs to; unknown tokens are ignored (no oracle). */
export async function endSession(
  prisma: PrismaClient,
  presented: string,
  settings: SessionSettings,
): Promise<Revocation | null> {
  const record = await prisma.refreshToken.findUnique({ where: { tokenHash: hashToken(presented) } });
  if (!record) return null;
  await prisma.session.updateMany({
    where: { id: record.sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return sessionRevocation(record.sessionId, settings);
}

/**
 * Ends every session of a user but `keep` (the caller's own, after changePassword). Each session
 * is revoked by id, so its access tokens stop at once, and its refresh tokens with it, while a
 * login a moment later starts a fresh session that stays valid.
 */
export async function endAllSessions(
  prisma: PrismaClient,
  userId: string,
  settings: SessionSettings,
  keep?: string,
): Promise<Revocation[]> {
  const active = await prisma.session.findMany({
    where: { userId, revokedAt: null, ...(keep === undefined ? {} : { id: { not: keep } }) },
    select: { id: true },
  });
  await prisma.session.updateMany({
    where: { id: { in: active.map((session) => session.id) } },
    data: { revokedAt: new Date() },
  });
  return active.map((session) => sessionRevocation(session.id, settings));
}

/**
 * Every access token of the user issued up to now, whatever its session: for a deleted user or a
 * changed role. Tokens carry whole seconds, so the cut-off includes the current second: one issued
 * later in that second is refused too, and the next refresh or login (a second on) is not.
 * Sessions stay open, so a refresh picks up the role the database has now.
 */
export function userRevocation(userId: string, settings: SessionSettings): Revocation {
  const now = nowSeconds();
  return { kind: "user", userId, issuedBefore: now + 1, until: now + 1 + settings.accessTokenTtlSeconds };
}

function sessionRevocation(sessionId: string, settings: SessionSettings): Revocation {
  return { kind: "session", sessionId, until: nowSeconds() + settings.accessTokenTtlSeconds };
}

export function refreshFailure(reason: "unknown" | "expired" | "revoked" | "reused") {
  const messages = {
    unknown: "refreshToken is not valid",
    expired: "refreshToken has expired; sign in again",
    revoked: "this session has ended; sign in again",
    reused: "refreshToken was already used; the session has been ended for safety",
  } as const;
  return unauthenticated(messages[reason]);
}
