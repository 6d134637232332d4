import { type AuthenticatedViewer, authenticate, permissionsForRole } from "@logicore/auth";
import { codedError, ErrorCode } from "@logicore/errors";
import type { PrismaClient, User } from "../generated/prisma/client.js";
import type { SessionSettings } from "./sessionSettings.js";

export interface UsersViewer extends AuthenticatedViewer {
  /** The caller's row as of this request. */
  user: User;
}

const sessionEnded = () =>
  codedError(ErrorCode.UNAUTHENTICATED, "This session has ended; sign in again", {
    extensions: { reason: "revoked" },
    http: { status: 401 },
  });

/**
 * A verified token is necessary but not enough here: the session must still be open and the user
 * must still exist. Role and permissions come from the database, not the token, so a demoted user's
 * older token grants nothing the database no longer allows.
 */
export async function usersViewerFromHeader(
  authorization: string | undefined,
  settings: SessionSettings,
  prisma: PrismaClient,
): Promise<UsersViewer | null> {
  const claimed = await authenticate(authorization, settings);
  if (!claimed) return null;
  const session = await prisma.session.findUnique({
    where: { id: claimed.sessionId },
    include: { user: true },
  });
  if (!session || session.revokedAt !== null || session.userId !== claimed.id) throw sessionEnded();
  const { user } = session;
  return { ...claimed, role: user.role, permissions: permissionsForRole(user.role), user };
}
