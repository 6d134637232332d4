import { type AbuseOutcome, type AbuseRequest, errorCodes } from "./abuseProbe.js";

/** What the abuse suite saw, for its assertions and its one-line summary. */
export interface AbuseTally {
  requests: number;
  byFamily: Map<string, number>;
  statuses: Map<string, number>;
  codes: Map<string, number>;
  worst: { ms: number; label: string };
  /** Every response that did not fail safely, with what was wrong with it. */
  failures: Array<{ request: string; problems: string[]; response: string }>;
}

export function createAbuseTally(): AbuseTally {
  return {
    requests: 0,
    byFamily: new Map(),
    statuses: new Map(),
    codes: new Map(),
    worst: { ms: 0, label: "" },
    failures: [],
  };
}

export function recordOutcome(
  tally: AbuseTally,
  request: AbuseRequest,
  outcome: AbuseOutcome,
  problems: readonly string[],
): void {
  tally.requests += 1;
  increment(tally.byFamily, request.family);
  const status = "error" in outcome ? "no response" : String(outcome.status);
  increment(tally.statuses, status);
  if (!("error" in outcome)) {
    for (const code of codesIn(outcome.text)) increment(tally.codes, String(code));
  }
  if (outcome.ms > tally.worst.ms)
    tally.worst = { ms: outcome.ms, label: `${request.family}: ${request.label}` };
  if (problems.length > 0) {
    const response = "error" in outcome ? outcome.error : `${outcome.status} ${outcome.text}`;
    tally.failures.push({
      request: `${request.family}: ${request.label} (${request.method} ${request.path.slice(0, 120)})`,
      problems: [...problems],
      response: response.slice(0, 300),
    });
  }
}

/** One line for CI logs and the closing note. */
export function summaryLine(
  tally: AbuseTally,
  memory: { before: number; after: number; rssAfter: number },
): string {
  const mib = (bytes: number) => (bytes / 1_048_576).toFixed(1);
  return [
    `abuse suite: ${tally.requests} requests (${list(tally.byFamily)})`,
    `HTTP statuses ${list(tally.statuses)}`,
    `error codes ${list(tally.codes)}`,
    `worst latency ${Math.round(tally.worst.ms)} ms (${tally.worst.label.slice(0, 80)})`,
    `heap after GC ${mib(memory.before)} -> ${mib(memory.after)} MiB (${memory.after >= memory.before ? "+" : ""}${mib(memory.after - memory.before)}), rss ${mib(memory.rssAfter)} MiB`,
    `${tally.failures.length} failures`,
  ].join(" | ");
}

function codesIn(text: string): unknown[] {
  try {
    return errorCodes(JSON.parse(text));
  } catch {
    return [];
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function list(counts: Map<string, number>): string {
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => `${key}: ${count}`)
    .join(", ");
}
