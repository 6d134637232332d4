import type { Connection } from "@logicore/service";
import type { Order } from "../generated/prisma/client.js";

// What resolvers hand to the fields below them, where that is not the GraphQL type itself
// (codegen.ts maps the GraphQL types to these).

/** `orders` and `User.orders`: a page of rows, counted only on demand. */
export type OrderConnection = Connection<Order>;

/** A user as this subgraph knows one: its id. The users subgraph resolves the rest. */
export interface UserReference {
  __typename?: "User";
  id: string;
}
