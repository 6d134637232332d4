import { devViewerFromHeaders, type FastifyRequest, type Mode, type Viewer } from "@logicore/service";
import type { PrismaClient } from "./generated/prisma/client.js";
import { createLoaders, type Loaders } from "./loaders.js";

export interface OrdersContext {
  viewer: Viewer | null;
  mode: Mode;
  prisma: PrismaClient;
  loaders: Loaders;
}

export function createContextFactory(deps: { mode: Mode; prisma: PrismaClient }) {
  return async (request: FastifyRequest): Promise<OrdersContext> => ({
    ...deps,
    viewer: devViewerFromHeaders(request.headers, deps.mode),
    loaders: createLoaders(deps.prisma),
  });
}
