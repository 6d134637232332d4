import { dirname } from "node:path";
import { type AuthConfig, loadAuthConfig } from "@logicore/auth";
import {
  ConfigError,
  DEVELOPMENT_ADMIN_PASSWORD,
  type Env,
  loadSubgraphConfig,
  type Mode,
  type SubgraphConfig,
  stringFromEnv,
  urlFromEnv,
} from "@logicore/service";

export { DEVELOPMENT_ADMIN_PASSWORD };

/** Where verification mail is sent from and through. */
export interface MailConfig {
  /** SMTP_URL: `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS). */
  smtpUrl: string;
  /** MAIL_FROM: `no-reply@example.com` or `LogiCore <no-reply@example.com>`. */
  from: string;
}

export interface UsersConfig extends SubgraphConfig {
  /** SEED_ADMIN_PASSWORD, or the development default (never in production). */
  seedAdminPassword: string | undefined;
  /** JWT and session settings, shared with the gateway's verification. */
  auth: AuthConfig;
  /** DATA_DIR root, where development signing keys are kept (`keys/`). */
  dataRoot: string;
  /**
   * SMTP_URL and MAIL_FROM, required in production. @default undefined in development: messages
   * are written to the log
   */
  mail: MailConfig | undefined;
}

/** PORT defaults to 4001; see SubgraphConfig for the variables every subgraph reads. */
export function loadUsersConfig(env: Env = process.env): Readonly<UsersConfig> {
  const base = loadSubgraphConfig(env, { name: "users", defaultPort: 4001 });
  return Object.freeze({
    ...base,
    auth: loadAuthConfig(env),
    dataRoot: dirname(base.dataDir),
    seedAdminPassword:
      stringFromEnv(env, "SEED_ADMIN_PASSWORD") ??
      (base.mode === "development" ? DEVELOPMENT_ADMIN_PASSWORD : undefined),
    mail: mailConfigFromEnv(env, base.mode),
  });
}

// A bare address or `Display Name <address>`: one @, no spaces or angle brackets in the address.
const MAIL_FROM_FORM = /^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

// Production users must be able to verify their address, so production without mail does not start.
function mailConfigFromEnv(env: Env, mode: Mode): Readonly<MailConfig> | undefined {
  const smtpUrl = urlFromEnv(env, "SMTP_URL", ["smtp:", "smtps:"]);
  const from = stringFromEnv(env, "MAIL_FROM");
  if (from !== undefined && !MAIL_FROM_FORM.test(from)) {
    throw new ConfigError(
      `MAIL_FROM must be an email address like no-reply@example.com or "LogiCore <no-reply@example.com>", got ${JSON.stringify(from)}`,
    );
  }
  if (smtpUrl !== undefined && new URL(smtpUrl).hostname === "") {
    throw new ConfigError("SMTP_URL must name the server's host, as in smtp://user:password@host:587");
  }
  if (smtpUrl === undefined) {
    if (mode === "production") {
      throw new ConfigError(
        "SMTP_URL is required in production (smtp://user:password@host:587 or smtps://user:password@host:465); " +
          "without it users cannot verify their email",
      );
    }
    return undefined;
  }
  if (from === undefined) {
    throw new ConfigError(
      `MAIL_FROM is required ${mode === "production" ? "in production" : "with SMTP_URL"} (an address like no-reply@example.com)`,
    );
  }
  return Object.freeze({ smtpUrl, from });
}
