export { loadUsersConfig, type UsersConfig } from "./config.js";
export type { UsersContext } from "./context.js";
export { createUsersSubgraph, type UsersSubgraph, type UsersSubgraphOptions } from "./createUsersSubgraph.js";
export {
  createPrismaClient,
  prepareUsersDatabase,
  type UsersPrismaClient,
  usersMigrationsDir,
} from "./database.js";
export type { Mailer, MailMessage } from "./mailer.js";
export { openUsersDatabase } from "./openUsersDatabase.js";
export { SEED_ADMIN_EMAIL, seedUsers } from "./seed.js";
