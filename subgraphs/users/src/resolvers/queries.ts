import { badUserInput } from "@logicore/errors";
import { decodeCursor, encodeCursor, parseFirst } from "@logicore/service";
import type { Prisma, Role } from "../generated/prisma/client.js";
import { isUuid, parseId } from "../validation.js";
import type { Resolvers, UserFilter, UserOrderBy } from "./types.generated.js";

const roles: readonly Role[] = ["ADMIN", "MANAGER", "DISPATCHER", "DRIVER", "CUSTOMER"];

function whereFromFilter(filter: UserFilter | null | undefined): Prisma.UserWhereInput {
  const where: Prisma.UserWhereInput = {};
  const search = filter?.search?.trim();
  if (search) {
    if (search.length > 100)
      throw badUserInput("filter.search", "filter.search must be at most 100 characters");
    where.OR = [
      { email: { contains: search, mode: "insensitive" } },
      { name: { contains: search, mode: "insensitive" } },
    ];
  }
  if (filter?.role) where.role = filter.role;
  if (typeof filter?.emailVerified === "boolean") where.emailVerified = filter.emailVerified;
  return where;
}

// The id tie-breaker makes the order total, so cursors stay stable when sort keys repeat.
function orderByFrom(orderBy: UserOrderBy): Prisma.UserOrderByWithRelationInput[] {
  switch (orderBy) {
    case "CREATED_AT_ASC":
      return [{ createdAt: "asc" }, { id: "asc" }];
    case "CREATED_AT_DESC":
      return [{ createdAt: "desc" }, { id: "desc" }];
    case "EMAIL_ASC":
      return [{ email: "asc" }, { id: "asc" }];
    case "EMAIL_DESC":
      return [{ email: "desc" }, { id: "desc" }];
    case "NAME_ASC":
      return [{ name: "asc" }, { id: "asc" }];
    case "NAME_DESC":
      return [{ name: "desc" }, { id: "desc" }];
    default: {
      const unknown: never = orderBy;
      throw badUserInput("orderBy", `unknown orderBy ${String(unknown)}`);
    }
  }
}

export const queryResolvers = {
  Query: {
    user(_, args, context) {
      return context.loaders.user.load(parseId("id", args.id));
    },

    async users(_, args, context) {
      const first = parseFirst(args.first);
      const where = whereFromFilter(args.filter);
      const afterId = args.after ? decodeCursor("after", args.after, "user", isUuid) : undefined;
      const rows = await context.prisma.user.findMany({
        where,
        orderBy: orderByFrom(args.orderBy ?? "CREATED_AT_ASC"),
        take: first + 1,
        ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
      });
      const page = rows.slice(0, first);
      for (const user of page) context.loaders.user.prime(user.id, user);
      const edges = page.map((node) => ({ cursor: encodeCursor("user", node.id), node }));
      return {
        edges,
        pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
        // Counted only when the client asks for it.
        totalCount: () => context.prisma.user.count({ where }),
      };
    },

    async userStats(_, __, context) {
      const [groups, verified] = await Promise.all([
        context.prisma.user.groupBy({ by: ["role"], _count: { _all: true } }),
        context.prisma.user.count({ where: { emailVerified: true } }),
      ]);
      const counts = new Map(groups.map((group) => [group.role, group._count._all]));
      const byRole = roles.map((role) => ({ role, count: counts.get(role) ?? 0 }));
      return { total: byRole.reduce((sum, entry) => sum + entry.count, 0), verified, byRole };
    },
  },
} satisfies Resolvers;
