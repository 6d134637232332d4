import { connect } from "node:net";
import { isPublicErrorCode } from "@logicore/errors";

/** One hostile or malformed request, as the abuse suite sends it. */
export interface AbuseRequest {
  /** The generator family, or "hand-written". */
  family: string;
  /** What the request is, for failure messages. */
  label: string;
  method: string;
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Sent as the body in 64 KiB chunks without a content-length (chunked transfer encoding). */
  streamedBody?: string;
  /** Bytes written as-is to a fresh socket instead: requests fetch cannot (or will not) send. */
  raw?: string;
  /** What a hand-written case must get. */
  expect?: { status: number; code?: string };
}

export type AbuseOutcome =
  | { ms: number; status: number; headers: Record<string, string>; text: string }
  | { ms: number; error: string };

export async function sendAbuse(origin: string, request: AbuseRequest): Promise<AbuseOutcome> {
  const started = performance.now();
  try {
    if (request.raw !== undefined) {
      return { ...(await rawExchange(origin, request.raw)), ...elapsed(started) };
    }
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    const response = await fetch(`${origin}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(hasBody && request.body !== undefined ? { body: request.body } : {}),
      ...(hasBody && request.streamedBody !== undefined
        ? { body: chunked(request.streamedBody), duplex: "half" }
        : {}),
    } as RequestInit);
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text,
      ...elapsed(started),
    };
  } catch (error) {
    return { error: String((error as Error).cause ?? error), ...elapsed(started) };
  }
}

const elapsed = (started: number) => ({ ms: performance.now() - started });

function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 65_536));
      offset += 65_536;
    },
  });
}

/** The first response on a fresh connection to `raw`: its status, headers and body. */
function rawExchange(origin: string, raw: string) {
  return new Promise<{ status: number; headers: Record<string, string>; text: string }>((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), "127.0.0.1");
    let received = "";
    socket.setTimeout(5_000, () => socket.destroy(new Error("no answer in 5 s")));
    socket.on("data", (chunk) => (received += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = "", ...rest] = received.split("\r\n\r\n");
      const [statusLine = "", ...headerLines] = head.split("\r\n");
      const headers = Object.fromEntries(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(":")).toLowerCase(),
          line.slice(line.indexOf(":") + 1).trim(),
        ]),
      );
      const length = Number(headers["content-length"] ?? Number.NaN);
      const body = rest.join("\r\n\r\n");
      resolve({
        status: Number(statusLine.split(" ")[1]),
        headers,
        text: Number.isNaN(length) ? body : body.slice(0, length),
      });
    });
    socket.end(raw);
  });
}

/**
 * Text a response must not contain unless the request itself did (an error may quote what it was
 * sent): the framework's error codes and names, Apollo's and graphql-js's names, stacks, source
 * paths, SQL and database names, JavaScript runtime errors. Lower-case "apollo" is allowed: the CSRF
 * message names the `apollo-require-preflight` header a client must send.
 */
export const LEAKS: readonly RegExp[] = [
  /FST_/,
  /fastify/i,
  /Apollo ?Server/i,
  /apollo-client/i,
  /@apollo\//,
  /graphql-js/i,
  /secure-json-parse/i,
  /undici/i,
  /prisma/i,
  /pglite/i,
  /postgres/i,
  /\bSELECT\s/,
  /\bINSERT\s/,
  /Database error/i,
  / {4}at /,
  /\.[cm]?[jt]s:\d/,
  /\/work\//,
  /node_modules/,
  /file:\/\//,
  /stacktrace/i,
  /call stack/i,
  /\b(Type|Range|Reference|Syntax)Error\b/,
  /Cannot read propert/i,
  /is not a function/,
];

/** Everything wrong with one response; empty when the gateway failed safely. */
export function problemsWith(request: AbuseRequest, outcome: AbuseOutcome, maxMs: number): string[] {
  if ("error" in outcome) return [`no response: ${outcome.error}`];
  const problems: string[] = [];
  if (outcome.status >= 500) problems.push(`status ${outcome.status}`);
  if (outcome.ms > maxMs) problems.push(`took ${Math.round(outcome.ms)} ms`);
  if (request.expect && outcome.status !== request.expect.status) {
    problems.push(`status ${outcome.status}, expected ${request.expect.status}`);
  }
  const type = outcome.headers["content-type"] ?? "";
  // Apollo's landing page: HTML on purpose, and Apollo's own.
  if (request.method === "GET" && outcome.status === 200 && type.startsWith("text/html")) return problems;
  const sent = `${request.method} ${request.path} ${JSON.stringify(request.headers)} ${bodyText(request)}`;
  const received = `${JSON.stringify(outcome.headers)} ${outcome.text}`;
  for (const leak of LEAKS) {
    if (leak.test(received) && !leak.test(sent)) problems.push(`leaks ${leak}`);
  }
  // No body to judge: HEAD, CORS preflights.
  if (request.method === "HEAD" || outcome.status === 204) return problems;
  if (!type.startsWith("application/json") && !type.startsWith("application/graphql-response+json")) {
    return [...problems, `content-type ${type || "missing"}`];
  }
  let body: { errors?: unknown };
  try {
    body = JSON.parse(outcome.text);
  } catch {
    return [...problems, "body is not JSON"];
  }
  const errors = body?.errors;
  if (outcome.status >= 400 && !(Array.isArray(errors) && errors.length > 0))
    problems.push("4xx without errors");
  for (const code of errorCodes(body)) {
    if (!isPublicErrorCode(code)) problems.push(`code ${String(code)} is not public`);
  }
  if (request.expect?.code !== undefined && !errorCodes(body).includes(request.expect.code)) {
    problems.push(`codes ${JSON.stringify(errorCodes(body))}, expected ${request.expect.code}`);
  }
  return problems;
}

/** `extensions.code` of every error in a response body (undefined where one is missing). */
export function errorCodes(body: unknown): unknown[] {
  const errors = (body as { errors?: unknown })?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((error) => (error as { extensions?: { code?: unknown } })?.extensions?.code);
}

function bodyText(request: AbuseRequest): string {
  if (request.raw !== undefined) return request.raw;
  if (request.streamedBody !== undefined) return request.streamedBody;
  if (request.body instanceof Uint8Array) return Buffer.from(request.body).toString("latin1");
  return request.body ?? "";
}
