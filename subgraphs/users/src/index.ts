export { createLoginThrottle, type LoginThrottle, type LoginThrottleOptions } from "./auth/loginThrottle.js";
export { REVOCATIONS_EXTENSION } from "./auth/revocationsPlugin.js";
export type { SessionSettings } from "./auth/sessionSettings.js";
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
export { hashPassword } from "./passwords.js";
export { SEED_ADMIN_EMAIL, seedUsers } from "./seed.js";
