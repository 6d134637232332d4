import type { Revocation } from "./revocation.js";

/**
 * The response extension in which the users subgraph reports the sessions an operation ended
 * (logout, revokeAllSessions, a reused refresh token). Internal between subgraph and gateway: the
 * gateway takes it out and never passes it on to clients.
 */
export const REVOCATIONS_EXTENSION = "logicoreRevocations";

/** A subgraph's response extensions with the revocations it reports added; the others are kept. */
export function withRevocations(
  extensions: Record<string, unknown> | undefined,
  revocations: readonly Revocation[],
): Record<string, unknown> {
  return { ...extensions, [REVOCATIONS_EXTENSION]: revocations };
}

export interface ReportedRevocations {
  /** The well-formed revocations reported. */
  revocations: Revocation[];
  /** Entries that were not revocations (a subgraph bug, logged, never trusted). */
  malformed: number;
  /** The response's other extensions; undefined when none are left. */
  remaining: Record<string, unknown> | undefined;
}

/** Splits a subgraph response's extensions into the revocations it reports and everything else. */
export function takeRevocations(extensions: Record<string, unknown> | undefined): ReportedRevocations {
  if (extensions === undefined || !Object.hasOwn(extensions, REVOCATIONS_EXTENSION)) {
    return { revocations: [], malformed: 0, remaining: extensions };
  }
  const { [REVOCATIONS_EXTENSION]: reported, ...rest } = extensions;
  const entries: unknown[] = Array.isArray(reported) ? reported : [reported];
  const revocations = entries.filter(isRevocation);
  return {
    revocations,
    malformed: entries.length - revocations.length,
    remaining: Object.keys(rest).length > 0 ? rest : undefined,
  };
}

const isId = (value: unknown): value is string => typeof value === "string" && value.length > 0;
const isEpochSeconds = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) > 0;

function isRevocation(value: unknown): value is Revocation {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  if (!isEpochSeconds(entry.until)) return false;
  switch (entry.kind) {
    case "session":
      return isId(entry.sessionId);
    case "user":
      return isId(entry.userId) && isEpochSeconds(entry.issuedBefore);
    default:
      return false;
  }
}
