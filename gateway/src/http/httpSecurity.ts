import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import type { HttpApp, Mode } from "@logicore/service";
import { contentSecurityPolicyFor } from "./contentSecurityPolicy.js";
import { createCorsOriginPolicy } from "./corsOriginPolicy.js";

export interface HttpSecurityOptions {
  /** Development relaxes the CSP for Apollo Sandbox and allows local frontends' origins. */
  mode: Mode;
  /** Origins browsers may call the gateway from, besides local ones in development. @default [] */
  corsOrigins?: readonly string[];
}

/**
 * Security headers (helmet) and CORS on every route of the gateway's HTTP shell. Fastify applies
 * hooks when the app starts, so registering these after the routes still covers all of them.
 * Credentials stay off: the gateway reads bearer tokens, never cookies, so a browser has nothing
 * ambient to send along.
 */
export async function registerHttpSecurity(app: HttpApp, options: HttpSecurityOptions): Promise<void> {
  const production = options.mode === "production";
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      // helmet's type asks for mutable arrays; it only reads them.
      directives: contentSecurityPolicyFor(options.mode) as Record<string, string[] | null>,
    },
    frameguard: { action: "deny" },
    // HSTS over plain-http localhost is ignored at best and pins the host to https at worst.
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  const allowed = createCorsOriginPolicy({ mode: options.mode, origins: options.corsOrigins ?? [] });
  await app.register(cors, {
    origin: (origin, callback) => callback(null, allowed(origin)),
    credentials: false,
    methods: ["GET", "POST"],
    allowedHeaders: [
      "authorization",
      "content-type",
      "x-request-id",
      // Sent by Apollo clients; the first two also satisfy Apollo's CSRF prevention.
      "apollo-require-preflight",
      "x-apollo-operation-name",
      "apollographql-client-name",
      "apollographql-client-version",
    ],
    exposedHeaders: ["x-request-id"],
    maxAge: 600,
  });
}
