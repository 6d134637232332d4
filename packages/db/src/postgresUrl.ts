/** Query parameters of a libpq connection URL that carry secrets. */
const SECRET_PARAMETERS = ["password", "sslpassword"];

function parsePostgresUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    // The URL itself is not echoed: it may contain a password.
    throw new Error(
      "The database URL is not a valid URL (expected postgres://user:password@host:port/database)",
    );
  }
}

/** The URL with its password (in the user info or the query) removed, safe to log. */
export function redactPostgresUrl(url: string): string {
  const parsed = parsePostgresUrl(url);
  parsed.password = "";
  for (const name of SECRET_PARAMETERS) parsed.searchParams.delete(name);
  return parsed.toString();
}

/** The same server and credentials, pointing at another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = parsePostgresUrl(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
