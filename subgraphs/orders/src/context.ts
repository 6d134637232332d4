import { type AuthenticatedViewer, authenticate, type Verifier } from "@logicore/auth";
import type { FastifyRequest, Mode } from "@logicore/service";
import type { PrismaClient } from "./generated/prisma/client.js";
import { createLoaders, type Loaders } from "./loaders.js";

export interface OrdersContext {
  /**
   * From a verified token; the role is the token's (at most JWT_EXPIRY old). Revoked tokens are
   * refused here too when REDIS_URL shares the gateway's revocation list.
   */
  viewer: AuthenticatedViewer | null;
  mode: Mode;
  prisma: PrismaClient;
  loaders: Loaders;
}

export function createContextFactory(deps: { mode: Mode; prisma: PrismaClient; verifier: Verifier }) {
  return async (request: FastifyRequest): Promise<OrdersContext> => ({
    mode: deps.mode,
    prisma: deps.prisma,
    viewer: await authenticate(request.headers.authorization, deps.verifier),
    loaders: createLoaders(deps.prisma),
  });
}

/** Customers are confined to their own orders; every other role works across customers. */
export function ownCustomerId(context: OrdersContext): string | undefined {
  return context.viewer?.role === "CUSTOMER" ? context.viewer.id : undefined;
}
