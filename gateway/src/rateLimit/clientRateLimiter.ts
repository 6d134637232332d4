import type { Role } from "@logicore/auth";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { createRateLimitCounters, type WindowCount } from "./rateLimitCounters.js";
import { createRateLimitMetrics } from "./rateLimitMetrics.js";
import {
  addressBudget,
  type RateLimitOptions,
  resolveRateLimitSettings,
  userBudget,
} from "./rateLimitSettings.js";

/** Whose budget a request spends. */
export type RateLimitedClient =
  | { readonly kind: "user"; readonly id: string; readonly role: Role }
  /** No token, or a refused one: the client address is all the gateway knows. */
  | { readonly kind: "anonymous"; readonly address: string };

export type RateLimitDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface ClientRateLimiterOptions {
  /** Budgets, window and counter store. @default RATE_LIMIT 1000, RATE_LIMIT_ANONYMOUS 300, in-process */
  settings?: RateLimitOptions | undefined;
  /** The gateway's registry (the one `/metrics` serves): every decision is counted there. */
  registry: Registry;
  logger: Logger;
}

export interface ClientRateLimiter {
  /** Spends one request of the client's budget in the current window and says whether it may go on. */
  consume(client: RateLimitedClient): Promise<RateLimitDecision>;
  /** Disconnects from Redis; after the HTTP drain. */
  close(): Promise<void>;
}

const ALLOWED: RateLimitDecision = Object.freeze({ allowed: true });

/** Per-user and per-address request budgets over fixed windows, in Redis or in memory. */
export async function createClientRateLimiter(options: ClientRateLimiterOptions): Promise<ClientRateLimiter> {
  const settings = resolveRateLimitSettings(options.settings);
  const { logger } = options;
  const counters = await createRateLimitCounters({ ...settings, logger });
  const decisions = createRateLimitMetrics(options.registry);

  return {
    async consume(client) {
      const budget = client.kind === "user" ? userBudget(settings, client.role) : addressBudget(settings);
      if (budget === undefined) return ALLOWED;
      const key = client.kind === "user" ? `user:${client.id}` : `address:${client.address}`;
      let window: WindowCount;
      try {
        window = await counters.increment(key);
      } catch (error) {
        // Both stores failed (the in-memory one cannot, short of a bug): a broken limiter must not
        // take the API down with it.
        logger.error({ err: error }, "rate limits: could not count a request; letting it through");
        return ALLOWED;
      }
      const allowed = window.count <= budget;
      decisions.inc({ client: client.kind, decision: allowed ? "allowed" : "limited" });
      if (allowed) return ALLOWED;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(window.msBeforeReset / 1000)) };
    },
    close: () => counters.close(),
  };
}
