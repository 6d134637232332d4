import type { FastifyRequest, Mode } from "@logicore/service";
import { clientAddressOf } from "@logicore/service/subgraph";
import type { Logger } from "pino";
import type { LoginThrottle } from "./auth/loginThrottle.js";
import type { RevocationCollector } from "./auth/revocationsPlugin.js";
import type { SessionSettings } from "./auth/sessionSettings.js";
import { type UsersViewer, usersViewerFromHeader } from "./auth/usersViewer.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import type { Mailer } from "./mailer.js";
import { createUserLoader, type UserLoader } from "./userLoader.js";

export interface ContextDependencies {
  mode: Mode;
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
  sessions: SessionSettings;
  throttle: LoginThrottle;
}

/** The process-wide dependencies plus what each request brings (its logger is the request's). */
export interface UsersContext extends ContextDependencies, RevocationCollector {
  viewer: UsersViewer | null;
  /**
   * The client's address as the gateway saw it and signed in its proof, for per-address login
   * throttling; x-forwarded-for is never read, anyone reaching the port could write it.
   */
  clientAddress: string;
  loaders: { user: UserLoader };
}

export function createContextFactory(deps: ContextDependencies) {
  return async (request: FastifyRequest): Promise<UsersContext> => {
    const viewer = await usersViewerFromHeader(request.headers.authorization, deps.sessions, deps.prisma);
    const loaders = { user: createUserLoader(deps.prisma) };
    if (viewer) loaders.user.prime(viewer.id, viewer.user);
    return {
      ...deps,
      logger: request.log as Logger,
      viewer,
      clientAddress: clientAddressOf(request),
      revocations: [],
      loaders,
    };
  };
}
