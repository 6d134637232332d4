import type { FastifyRequest, Mode } from "@logicore/service";
import type { Logger } from "pino";
import type { PrismaClient } from "./generated/prisma/client.js";
import type { Mailer } from "./mailer.js";
import { createUserLoader, type UserLoader } from "./userLoader.js";
import { isUuid } from "./validation.js";

/** Who is calling. The identity issue fills this from a verified JWT. */
export interface Viewer {
  id: string;
}

export interface UsersContext {
  viewer: Viewer | null;
  mode: Mode;
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
  loaders: { user: UserLoader };
}

export interface ContextDependencies {
  mode: Mode;
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
}

/**
 * Development-only stand-in for authentication until JWT sessions land: the caller names a user id
 * in this header. It is ignored in production, where no request has an identity yet.
 */
export const DEV_USER_HEADER = "x-logicore-dev-user-id";

function viewerFromRequest(request: FastifyRequest, mode: Mode): Viewer | null {
  if (mode !== "development") return null;
  const header = request.headers[DEV_USER_HEADER];
  return typeof header === "string" && isUuid(header) ? { id: header.toLowerCase() } : null;
}

export function createContextFactory(deps: ContextDependencies) {
  return async (request: FastifyRequest): Promise<UsersContext> => ({
    ...deps,
    logger: request.log as Logger,
    viewer: viewerFromRequest(request, deps.mode),
    loaders: { user: createUserLoader(deps.prisma) },
  });
}
