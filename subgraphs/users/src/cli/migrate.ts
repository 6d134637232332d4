import { runSubgraphMigrate } from "@logicore/service/subgraph";
import { loadUsersConfig } from "../config.js";
import { usersMigrationsDir } from "../database.js";

await runSubgraphMigrate({ name: "users", config: loadUsersConfig(), migrationsDir: usersMigrationsDir });
