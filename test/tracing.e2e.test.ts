import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SpawnedStack, spawnStack } from "./support/spawnedStack.js";
import { postGraphQL } from "./support/stack.js";

/** One span as an OTLP/JSON export carries it, with its resource's `service.name`. */
interface ReceivedSpan {
  service: string;
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{
      scope?: { name?: string };
      spans?: Array<{
        name: string;
        kind: number;
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        attributes?: OtlpAttribute[];
      }>;
    }>;
  }>;
}

const SPAN_KIND_SERVER = 2;

function attributesOf(list: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(
    list.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue]),
  );
}

/** A minimal OTLP/HTTP collector: accepts `POST /v1/traces` in the JSON encoding and keeps every span. */
async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.method !== "POST" || request.url !== "/v1/traces") {
        response.writeHead(404).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const body = request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
      const payload = JSON.parse(body.toString("utf8")) as OtlpExport;
      for (const resourceSpans of payload.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)["service.name"]);
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            spans.push({
              service,
              scope: scopeSpans.scope?.name ?? "",
              name: span.name,
              kind: span.kind,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? "",
              attributes: attributesOf(span.attributes),
            });
          }
        }
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The gateway's `graphql operation` line for the named operation, once it has been written. */
function operationLogLine(output: string, operationName: string): Record<string, unknown> | undefined {
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === "graphql operation" && entry.operationName === operationName) return entry;
    } catch {
      // A line still being written, or another process's output: not the one looked for.
    }
  }
  return undefined;
}

const dataDir = mkdtempSync(join(tmpdir(), "logicore-tracing-"));
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let stack: SpawnedStack;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  stack = await spawnStack({
    DATA_DIR: dataDir,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    // Spans leave in batches; a short delay keeps the test from waiting out the 5 s default.
    OTEL_BSP_SCHEDULE_DELAY: "200",
    LOG_FORMAT: "json",
  });
});

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("OpenTelemetry tracing with OTEL_EXPORTER_OTLP_ENDPOINT set", () => {
  it("exports one trace, the client's, from the gateway through both subgraphs down to Prisma", async () => {
    expect(stack.output()).toContain(`tracing on: spans go to ${receiver.url}/v1/traces`);
    const gateway = `http://127.0.0.1:${stack.gatewayPort}/graphql`;
    const login = await postGraphQL(
      gateway,
      'mutation { login(email: "admin@logicore.dev", password: "ChangeMe-Admin-1") { accessToken } }',
    );
    const token = (login.body.data?.login as { accessToken: string } | undefined)?.accessToken;
    expect(token, JSON.stringify(login.body)).toBeTypeOf("string");

    const traceId = randomBytes(16).toString("hex");
    const clientSpanId = randomBytes(8).toString("hex");
    const response = await postGraphQL(
      gateway,
      "query TracedOrders { orders(first: 5) { edges { node { id customer { email } } } } }",
      {},
      { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${clientSpanId}-01` },
    );
    expect(response.body.errors).toBeUndefined();
    const orders = response.body.data?.orders as { edges: Array<{ node: { customer: { email: string } } }> };
    expect(orders.edges.length).toBeGreaterThan(0);

    const inTrace = () => receiver.spans.filter((span) => span.traceId === traceId);
    const hasAll = () => {
      const spans = inTrace();
      const servers = spans.filter((span) => span.kind === SPAN_KIND_SERVER);
      const complete =
        ["gateway", "users", "orders"].every((service) => servers.some((span) => span.service === service)) &&
        spans.some((span) => span.name === "gateway.request") &&
        spans.some((span) => span.name.startsWith("prisma:"));
      return complete ? spans : undefined;
    };
    const spans = await waitFor("spans from the gateway, both subgraphs and Prisma", hasAll);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const tree = spans.map((span) => `${span.service} ${span.name} <- ${byId.get(span.parentSpanId)?.name}`);

    // Every span the request caused is in the client's trace, whichever process made it.
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(["gateway", "users", "orders"]));

    // The gateway's server span is the client's span's child, and Apollo's spans hang below it.
    const gatewayServer = spans.find((span) => span.service === "gateway" && span.kind === SPAN_KIND_SERVER);
    expect(gatewayServer, tree.join("\n")).toMatchObject({
      name: "POST /graphql",
      parentSpanId: clientSpanId,
      attributes: {
        "http.request.method": "POST",
        "http.route": "/graphql",
        "http.response.status_code": 200,
      },
    });
    const gatewayRequest = spans.find((span) => span.name === "gateway.request");
    expect(gatewayRequest?.parentSpanId, tree.join("\n")).toBe(gatewayServer?.spanId);
    const fetches = spans.filter((span) => span.service === "gateway" && span.name === "gateway.fetch");
    expect(fetches.map((span) => span.attributes.service).sort()).toEqual(["orders", "users"]);

    // Each subgraph's server span is the child of the gateway.fetch span that called it, not of the client.
    for (const subgraph of ["orders", "users"]) {
      const server = spans.find((span) => span.service === subgraph && span.kind === SPAN_KIND_SERVER);
      const parent = byId.get(server?.parentSpanId ?? "");
      expect(parent, `${subgraph}'s parent\n${tree.join("\n")}`).toMatchObject({
        service: "gateway",
        name: "gateway.fetch",
        attributes: { service: subgraph },
      });
    }

    // Prisma's spans sit inside a subgraph's request, below its server span.
    const prisma = spans.filter((span) => span.name.startsWith("prisma:"));
    expect(prisma.length).toBeGreaterThan(0);
    for (const span of prisma) {
      let ancestor: ReceivedSpan | undefined = span;
      while (ancestor !== undefined && ancestor.kind !== SPAN_KIND_SERVER) {
        ancestor = byId.get(ancestor.parentSpanId);
      }
      expect(["users", "orders"], tree.join("\n")).toContain(ancestor?.service);
    }
    expect(prisma.some((span) => span.name === "prisma:client:db_query")).toBe(true);

    // The gateway's operation log line names the same trace.
    const operationLine = await waitFor("the gateway's operation log line", () =>
      operationLogLine(stack.output(), "TracedOrders"),
    );
    expect(operationLine).toMatchObject({ service: "gateway", traceId });
  });

  it("starts a trace of its own for a client that sends no traceparent, and logs its id", async () => {
    const response = await postGraphQL(
      `http://127.0.0.1:${stack.gatewayPort}/graphql`,
      "query Untraced { __typename }",
    );
    expect(response.status).toBe(200);
    const operationLine = await waitFor("the gateway's operation log line", () =>
      operationLogLine(stack.output(), "Untraced"),
    );
    const traceId = operationLine.traceId as string;
    const server = await waitFor("the gateway's server span", () =>
      receiver.spans.find((span) => span.traceId === traceId && span.kind === SPAN_KIND_SERVER),
    );
    expect(server).toMatchObject({ service: "gateway", name: "POST /graphql", parentSpanId: "" });
  });
});
