import { devViewerFromHeaders, type FastifyRequest, type Mode, type Viewer } from "@logicore/service";
import type { Logger } from "pino";
import type { PrismaClient } from "./generated/prisma/client.js";
import type { Mailer } from "./mailer.js";
import { createUserLoader, type UserLoader } from "./userLoader.js";

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

export function createContextFactory(deps: ContextDependencies) {
  return async (request: FastifyRequest): Promise<UsersContext> => ({
    ...deps,
    logger: request.log as Logger,
    viewer: devViewerFromHeaders(request.headers, deps.mode),
    loaders: { user: createUserLoader(deps.prisma) },
  });
}
