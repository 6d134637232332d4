import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { context, propagation, trace } from "@opentelemetry/api";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tracingIsOn } from "../src/activeTrace.js";
import { startTracing, type Tracing } from "../src/tracing.js";

interface Export {
  url: string | undefined;
  contentType: string | undefined;
  body: Buffer;
}

const exports: Export[] = [];
const collector = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    exports.push({
      url: request.url,
      contentType: request.headers["content-type"],
      body: Buffer.concat(chunks),
    });
    response.writeHead(200, { "content-type": "application/x-protobuf" }).end();
  });
});
let logs = "";
let tracing: Tracing | undefined;
const batchDelay = process.env.OTEL_BSP_SCHEDULE_DELAY;

beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const { port } = collector.address() as AddressInfo;
  // Longer than the test: anything the collector receives was sent by shutdown's flush.
  process.env.OTEL_BSP_SCHEDULE_DELAY = "600000";
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs += chunk;
      done();
    },
  });
  tracing = await startTracing({
    serviceName: "unit",
    endpoint: `http://127.0.0.1:${port}/v1/traces`,
    logger: pino(destination),
  });
});
afterAll(async () => {
  if (batchDelay === undefined) delete process.env.OTEL_BSP_SCHEDULE_DELAY;
  else process.env.OTEL_BSP_SCHEDULE_DELAY = batchDelay;
  await new Promise((resolve) => collector.close(resolve));
  trace.disable();
  context.disable();
  propagation.disable();
});

describe("startTracing with an endpoint", () => {
  it("registers the SDK and Prisma's instrumentation, and says where spans go", () => {
    expect(tracing).toBeDefined();
    expect(tracingIsOn()).toBe(true);
    expect((globalThis as Record<string, unknown>).V7_PRISMA_INSTRUMENTATION).toBeDefined();
    expect(logs).toContain("tracing on: spans go to http://127.0.0.1:");
    expect(logs).toContain("(OTLP http/protobuf)");
  });

  it("sends the spans still queued when shut down, with OTLP/HTTP protobuf by default", async () => {
    const span = trace.getTracer("test").startSpan("queued work");
    const traceId = span.spanContext().traceId;
    span.end();
    expect(exports).toHaveLength(0);
    await tracing?.shutdown();
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ url: "/v1/traces", contentType: "application/x-protobuf" });
    // Protobuf carries the trace id as its 16 raw bytes.
    expect(exports[0]?.body.includes(Buffer.from(traceId, "hex"))).toBe(true);
    expect(exports[0]?.body.includes(Buffer.from("queued work"))).toBe(true);
  });
});
