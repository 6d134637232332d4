export { loadOrdersConfig, type OrdersConfig } from "./config.js";
export type { OrdersContext } from "./context.js";
export {
  createOrdersSubgraph,
  type OrdersSubgraph,
  type OrdersSubgraphOptions,
} from "./createOrdersSubgraph.js";
export {
  createPrismaClient,
  type OrdersPrismaClient,
  ordersMigrationsDir,
  prepareOrdersDatabase,
} from "./database.js";
