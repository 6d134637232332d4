/**
 * The development seed password of every seed user, documented in the README; production refuses it.
 * Shared so that the gateway's explorer can offer a sign-in that works on a fresh stack.
 */
export const DEVELOPMENT_ADMIN_PASSWORD = "ChangeMe-Admin-1";

/**
 * The development seed users, with fixed ids so that every subgraph's development seed can refer
 * to them (the orders seed gives the customer some orders) without reading another's database.
 */
export const DEVELOPMENT_SEED_USERS = [
  {
    id: "0a000000-0000-4000-8000-000000000001",
    email: "admin@logicore.dev",
    name: "LogiCore Admin",
    role: "ADMIN",
  },
  {
    id: "0a000000-0000-4000-8000-000000000002",
    email: "manager@logicore.dev",
    name: "Morgan Manager",
    role: "MANAGER",
  },
  {
    id: "0a000000-0000-4000-8000-000000000003",
    email: "dispatcher@logicore.dev",
    name: "Dana Dispatcher",
    role: "DISPATCHER",
  },
  {
    id: "0a000000-0000-4000-8000-000000000004",
    email: "driver@logicore.dev",
    name: "Drew Driver",
    role: "DRIVER",
  },
  {
    id: "0a000000-0000-4000-8000-000000000005",
    email: "customer@logicore.dev",
    name: "Casey Customer",
    role: "CUSTOMER",
  },
] as const;

export type DevelopmentSeedUser = (typeof DEVELOPMENT_SEED_USERS)[number];
