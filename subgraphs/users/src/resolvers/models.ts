import type { Connection } from "@logicore/service";
import type { User } from "../generated/prisma/client.js";

// What resolvers hand to the fields below them, where that is not the GraphQL type itself
// (codegen.ts maps the GraphQL types to these).

/** `users`: a page of rows, counted only on demand. */
export type UserConnection = Connection<User>;
