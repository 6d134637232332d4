import type { QueryPlan } from "@apollo/query-planner";
import {
  InMemoryLRUCache,
  type KeyValueCache,
  type KeyValueCacheSetOptions,
} from "@apollo/utils.keyvaluecache";
import { GATEWAY_METRIC_NAMES } from "@logicore/service";
import { Counter, type Registry } from "prom-client";

export interface QueryPlanCacheOptions {
  /** The gateway's registry (the one `/metrics` serves). */
  registry: Registry;
  /** Approximate size of the cache. @default 30 (@apollo/gateway's own default) */
  maxMiB?: number;
}

/**
 * @apollo/gateway's query-plan cache, counted. The gateway looks a plan up once per operation and
 * plans only on a miss, so hits / (hits + misses) is the share of operations that skipped planning,
 * the step that makes a cold gateway slow. Passed as `queryPlannerConfig.cache`, the public way to
 * give the gateway its store; sized and measured as the gateway's default one is.
 */
export function createQueryPlanCache(
  options: QueryPlanCacheOptions,
): KeyValueCache<QueryPlan> & { clear(): void } {
  const registers = [options.registry];
  const hits = new Counter({
    name: GATEWAY_METRIC_NAMES.queryPlanCacheHits,
    help: "Operations whose query plan came from the gateway's cache",
    registers,
  });
  const misses = new Counter({
    name: GATEWAY_METRIC_NAMES.queryPlanCacheMisses,
    help: "Operations the gateway had to plan (not in its query-plan cache)",
    registers,
  });
  const store = new InMemoryLRUCache<QueryPlan>({
    maxSize: 2 ** 20 * (options.maxMiB ?? 30),
    // The gateway's own measure: a plan's size is the length of its JSON.
    sizeCalculation: (plan) => Buffer.byteLength(JSON.stringify(plan), "utf8"),
  });
  return {
    async get(key) {
      const plan = await store.get(key);
      (plan === undefined ? misses : hits).inc();
      return plan;
    },
    set: (key: string, plan: QueryPlan, setOptions?: KeyValueCacheSetOptions) =>
      store.set(key, plan, setOptions),
    delete: (key) => store.delete(key),
    // Not in KeyValueCache, but @apollo/gateway calls it on every supergraph (re)load.
    clear: () => store.clear(),
  };
}
