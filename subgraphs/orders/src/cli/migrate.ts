import { runSubgraphMigrate } from "@logicore/service/subgraph";
import { loadOrdersConfig } from "../config.js";
import { ordersMigrationsDir } from "../database.js";

await runSubgraphMigrate({ name: "orders", config: loadOrdersConfig(), migrationsDir: ordersMigrationsDir });
