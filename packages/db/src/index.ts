export type { MigrationStatus } from "./migrations.js";
export { applyMigrations, assertMigrationsApplied, MigrationError, migrationStatus } from "./migrations.js";
export type { Database, DatabaseOptions } from "./openDatabase.js";
export { openDatabase } from "./openDatabase.js";
export { type PrepareDatabaseOptions, prepareDatabase } from "./prepareDatabase.js";
export { type MigrateCommandOptions, runMigrateCommand } from "./runMigrateCommand.js";
export type { SqlSession } from "./sqlSession.js";
