import { request as httpRequest } from "node:http";
import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectActiveTraceContext } from "../src/activeTrace.js";
import { createGraphQLHttpServer, type GraphQLHttpServer } from "../src/createGraphQLHttpServer.js";

// Tracing on, in this test file's own process: an SDK exporting to memory instead of a collector.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register({ propagator: new W3CTraceContextPropagator() });

const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
const clientSpanId = "00f067aa0ba902b7";

let server: GraphQLHttpServer;
let url: string;
beforeAll(async () => {
  server = await createGraphQLHttpServer({
    apollo: {
      typeDefs: "type Query { activeSpan: String, outgoingTraceparent: String }",
      resolvers: {
        Query: {
          activeSpan: () => trace.getActiveSpan()?.spanContext().spanId ?? null,
          outgoingTraceparent: () => {
            const headers = new Headers();
            return injectActiveTraceContext(headers) ? headers.get("traceparent") : null;
          },
        },
      },
    },
    context: async (request) => {
      if (request.headers["x-fail"] !== undefined) throw new Error("context failed");
      return {};
    },
    readiness: async () => ({ ready: true }),
    logger: pino({ level: "silent" }),
  });
  url = await server.listen(0, "127.0.0.1");
});
afterAll(async () => {
  await server?.close();
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});

/** POSTs `body` in two writes some time apart: the handler runs from a later socket event than the hooks. */
function postInTwoParts(target: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const call = httpRequest(
      target,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    call.on("error", reject);
    const half = Math.floor(body.length / 2);
    call.write(body.slice(0, half));
    setTimeout(() => call.end(body.slice(half)), 50);
  });
}

async function finishedServerSpans(count: number) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const spans = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER);
    if (spans.length >= count) return spans;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`expected ${count} server spans, got ${exporter.getFinishedSpans().length} spans`);
}

describe("the HTTP shell with tracing on", () => {
  it("runs the request inside a SERVER span that continues the caller's trace", async () => {
    exporter.reset();
    const response = await postInTwoParts(
      url,
      JSON.stringify({ query: "{ activeSpan outgoingTraceparent }" }),
      {
        traceparent: `00-${traceId}-${clientSpanId}-01`,
      },
    );
    expect(response.status).toBe(200);
    const [span] = await finishedServerSpans(1);
    expect(span?.name).toBe("POST /graphql");
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(span?.parentSpanContext?.spanId).toBe(clientSpanId);
    expect(span?.attributes).toMatchObject({
      "http.request.method": "POST",
      "http.route": "/graphql",
      "url.path": "/graphql",
      "http.response.status_code": 200,
    });
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    // The resolver ran inside that span, even with the body read in another async context.
    const spanId = span?.spanContext().spanId;
    expect(JSON.parse(response.body).data).toEqual({
      activeSpan: spanId,
      outgoingTraceparent: `00-${traceId}-${spanId}-01`,
    });
  });

  it("starts a new trace without a traceparent, and marks a 5xx response as an error", async () => {
    exporter.reset();
    const response = await postInTwoParts(url, JSON.stringify({ query: "{ activeSpan }" }), {
      "x-fail": "1",
    });
    expect(response.status).toBe(500);
    const [span] = await finishedServerSpans(1);
    expect(span?.parentSpanContext).toBeUndefined();
    expect(span?.attributes["http.response.status_code"]).toBe(500);
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("leaves health probes out of the traces", async () => {
    exporter.reset();
    expect((await fetch(url.replace("/graphql", "/health/live"))).status).toBe(200);
    expect((await fetch(url.replace("/graphql", "/health/ready"))).status).toBe(200);
    await fetch(`${url}?query=${encodeURIComponent("{ activeSpan }")}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    const spans = await finishedServerSpans(1);
    expect(spans.map((span) => span.name)).toEqual(["GET /graphql"]);
  });
});
