import { type Env, loadSubgraphConfig, type SubgraphConfig } from "@logicore/service";

export type OrdersConfig = SubgraphConfig;

/** PORT defaults to 4002; see SubgraphConfig for the variables every subgraph reads. */
export function loadOrdersConfig(env: Env = process.env): Readonly<OrdersConfig> {
  return Object.freeze(loadSubgraphConfig(env, { name: "orders", defaultPort: 4002 }));
}
