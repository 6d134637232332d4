import { dirname } from "node:path";
import { type AuthConfig, loadAuthConfig } from "@logicore/auth";
import { type Env, loadSubgraphConfig, type SubgraphConfig } from "@logicore/service";

export interface OrdersConfig extends SubgraphConfig {
  /** Token verification settings (JWT_PUBLIC_KEY, JWT_ISSUER, JWT_AUDIENCE, REDIS_URL). */
  auth: AuthConfig;
  /** DATA_DIR root, where the development key pair lives (`keys/`). */
  dataRoot: string;
}

/** PORT defaults to 4002; see SubgraphConfig for the variables every subgraph reads. */
export function loadOrdersConfig(env: Env = process.env): Readonly<OrdersConfig> {
  const base = loadSubgraphConfig(env, { name: "orders", defaultPort: 4002 });
  return Object.freeze({ ...base, auth: loadAuthConfig(env), dataRoot: dirname(base.dataDir) });
}
