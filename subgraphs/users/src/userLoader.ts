import DataLoader from "dataloader";
import type { PrismaClient, User } from "./generated/prisma/client.js";
import { isUuid } from "./validation.js";

export type UserLoader = DataLoader<string, User | null>;

/**
 * One loader per request: every `User` the gateway asks this subgraph to resolve in one request
 * is fetched with a single `WHERE id IN (...)` query.
 */
export function createUserLoader(prisma: PrismaClient): UserLoader {
  return new DataLoader<string, User | null>(async (ids) => {
    const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
    const users = valid.length === 0 ? [] : await prisma.user.findMany({ where: { id: { in: valid } } });
    const byId = new Map(users.map((user) => [user.id, user]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}
