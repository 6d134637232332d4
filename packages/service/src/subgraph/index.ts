// A separate entry point (`@logicore/service/subgraph`): these open databases through @logicore/db,
// which the gateway must neither load nor bundle (its image ships no database driver).
export { type CallerCheck, type CallerCheckResult, clientAddressOf } from "./callerCheck.js";
export {
  createPrismaSubgraph,
  modelTables,
  type PrismaSubgraph,
  type PrismaSubgraphOptions,
  prismaClientOptions,
  type QueryEventClient,
} from "./createPrismaSubgraph.js";
export {
  openSubgraphDatabase,
  type PrepareSubgraphDatabaseOptions,
  prepareSubgraphDatabase,
  type SubgraphPrepareOptions,
} from "./openSubgraphDatabase.js";
export { runSubgraph, type ServedSubgraph, type SubgraphParts, type SubgraphProgram } from "./runSubgraph.js";
export { runSubgraphMigrate, type SubgraphMigrateOptions } from "./runSubgraphMigrate.js";
export { runSubgraphSeed, type SeedPlan, type SubgraphSeedOptions } from "./runSubgraphSeed.js";
