import type { LoadResult } from "./load.js";
import type { Memory } from "./processes.js";

export interface Report {
  direct: LoadResult;
  gateway: LoadResult;
  gatewayMemoryBefore: Memory;
  gatewayMemoryAfter: Memory;
  connections: number;
  durationSeconds: number;
}

const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

/** The results as a plain-text table; no thresholds, it is a benchmark. */
export function formatReport(report: Report): string {
  const header = ["target", "req/s", "p50 ms", "p99 ms", "errors", "non-2xx", "mismatches"];
  const row = (name: string, result: LoadResult) => [
    name,
    result.requestsPerSecond.toFixed(0),
    result.p50Ms.toFixed(2),
    result.p99Ms.toFixed(2),
    String(result.errors),
    String(result.non2xx),
    String(result.mismatches),
  ];
  const rows = [
    header,
    row("users subgraph (direct)", report.direct),
    row("gateway -> users", report.gateway),
  ];
  const widths = header.map((_, column) => Math.max(...rows.map((cells) => cells[column]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ");
  const ratio = report.gateway.requestsPerSecond / report.direct.requestsPerSecond;
  const { gatewayMemoryBefore: before, gatewayMemoryAfter: after } = report;
  return [
    `${report.connections} connections, ${report.durationSeconds} s per target, loopback`,
    "",
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.slice(1).map(line),
    "",
    `gateway/direct throughput: ${ratio.toFixed(2)}`,
    `gateway RSS: ${mib(before.rssKiB)} before, ${mib(after.rssKiB)} after (peak ${mib(after.peakKiB)})`,
  ].join("\n");
}
