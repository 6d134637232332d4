import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES } from "../resilience/resilienceSettings.js";
import { SubgraphAnswerError } from "./subgraphFailure.js";

/** The HTTP client RemoteGraphQLDataSource calls (make-fetch-happen unless replaced). */
export type SubgraphFetcher = RemoteGraphQLDataSource["fetcher"];
type FetcherResponse = Awaited<ReturnType<SubgraphFetcher>>;

export interface ResponseSizeLimitOptions {
  /** The subgraph's name, for the error's message. */
  serviceName: string;
  /** SUBGRAPH_MAX_RESPONSE_BYTES: the largest body read from the subgraph. @default 4194304 (4 MiB) */
  maxBytes?: number;
}

/**
 * Wraps the data source's fetcher so that a subgraph's body is read at most `maxBytes` at a time:
 * a declared content-length over it is refused before reading, and a body that streams past it is
 * cut off there, its request aborted. Either way the call fails with SubgraphAnswerError, which the
 * breaker, the metrics and the client's error treat as an unhealthy subgraph. Without it a subgraph
 * answering 10 MB bodies costs the gateway 10 MB (and more, parsed) per concurrent call.
 */
export function limitResponseSize(
  fetcher: SubgraphFetcher,
  options: ResponseSizeLimitOptions,
): SubgraphFetcher {
  const { serviceName } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES;
  return async (url, init) => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [controller.signal];
    if (init?.signal) signals.push(init.signal as AbortSignal);
    const tooLarge = (detail: string) => {
      const error = new SubgraphAnswerError(serviceName, "too_large", `${detail}, over ${maxBytes} bytes`);
      // Drops the connection: the rest of the body is never read.
      controller.abort(error);
      return error;
    };
    const response = await fetcher(url, { ...init, signal: AbortSignal.any(signals) });
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > maxBytes) throw tooLarge(`a body of ${declared} bytes`);
    return boundedResponse(response, maxBytes, tooLarge);
  };
}

/** The response, its body read through a byte counter (once, whichever of text/json asks first). */
function boundedResponse(
  response: FetcherResponse,
  maxBytes: number,
  tooLarge: (detail: string) => SubgraphAnswerError,
): FetcherResponse {
  let bytes: Promise<Buffer> | undefined;
  const read = () => {
    bytes ??= readAtMost(response, maxBytes, tooLarge);
    return bytes;
  };
  const text = async () => (await read()).toString("utf8");
  return {
    get bodyUsed() {
      return bytes !== undefined;
    },
    url: response.url,
    redirected: response.redirected,
    status: response.status,
    ok: response.ok,
    statusText: response.statusText,
    headers: response.headers,
    arrayBuffer: async () => {
      const buffer = await read();
      return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    },
    text,
    json: async () => {
      const body = await text();
      try {
        return JSON.parse(body) as unknown;
      } catch (cause) {
        // As make-fetch-happen reports a body JSON.parse refused, so the classifier reads it alike.
        throw Object.assign(new Error("invalid json response body", { cause }), { type: "invalid-json" });
      }
    },
    clone: () => {
      throw new Error("a size-limited subgraph response cannot be cloned");
    },
  };
}

async function readAtMost(
  response: FetcherResponse,
  maxBytes: number,
  tooLarge: (detail: string) => SubgraphAnswerError,
): Promise<Buffer> {
  // Both make-fetch-happen's body (a Node stream) and WHATWG fetch's (a ReadableStream) iterate.
  const body = (response as { body?: AsyncIterable<Uint8Array | string> | null }).body;
  if (body === undefined || body === null) {
    const whole = Buffer.from(await response.arrayBuffer());
    if (whole.byteLength > maxBytes) throw tooLarge("a body");
    return whole;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += buffer.byteLength;
    if (total > maxBytes) {
      const error = tooLarge("a streamed body");
      (body as { destroy?: (error?: Error) => void }).destroy?.(error);
      throw error;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}
