import { context, propagation, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { activeTraceContext, tracingIsOn } from "../src/activeTrace.js";
import { startTracing } from "../src/tracing.js";
import { tracingConfigFromEnv } from "../src/tracingConfig.js";

const COLLECTOR = "http://otel-collector:4318";

describe("tracingConfigFromEnv", () => {
  it("is off unless an OTLP endpoint is set, and names spans after the deployable", () => {
    expect(tracingConfigFromEnv({}, "orders")).toEqual({
      serviceName: "orders",
      endpoint: undefined,
      protocol: "http/protobuf",
    });
  });

  it.each([COLLECTOR, `${COLLECTOR}/`])(
    "sends traces to <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces (%s)",
    (base) => {
      expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: base }, "gateway").endpoint).toBe(
        `${COLLECTOR}/v1/traces`,
      );
    },
  );

  it("takes OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, over the base URL", () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: COLLECTOR,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://traces.example.com/otlp/spans",
    };
    expect(tracingConfigFromEnv(env, "gateway").endpoint).toBe("https://traces.example.com/otlp/spans");
  });

  it("honours OTEL_SERVICE_NAME, the protocol variables and OTEL_SDK_DISABLED", () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: COLLECTOR,
      OTEL_SERVICE_NAME: "logicore-gateway-eu",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/json",
    };
    expect(tracingConfigFromEnv(env, "gateway")).toEqual({
      serviceName: "logicore-gateway-eu",
      endpoint: `${COLLECTOR}/v1/traces`,
      protocol: "http/json",
    });
    expect(tracingConfigFromEnv({ ...env, OTEL_SDK_DISABLED: "true" }, "gateway").endpoint).toBeUndefined();
  });

  it.each([
    [
      { OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" },
      /OTEL_EXPORTER_OTLP_PROTOCOL must be one of http\/protobuf, http\/json/,
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" },
      /OTEL_EXPORTER_OTLP_ENDPOINT must use http: or https:/,
    ],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "not a url" }, /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be a URL/],
  ])("rejects %j with a message naming the variable", (env, message) => {
    expect(() => tracingConfigFromEnv(env, "gateway")).toThrow(message);
  });
});

describe("startTracing without an endpoint", () => {
  it("is off: no tracer provider, context manager, propagator or Prisma instrumentation is registered", async () => {
    const tracing = await startTracing({
      serviceName: "gateway",
      endpoint: undefined,
      logger: pino({ level: "silent" }),
    });
    expect(tracing).toBeUndefined();
    expect(tracingIsOn()).toBe(false);

    const span = trace.getTracer("test").startSpan("request");
    expect(span.isRecording()).toBe(false);
    const withSpan = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: "00f067aa0ba902b7",
      traceFlags: 1,
    });
    // No context manager: the active context stays the root one, whatever `with` is given.
    expect(context.with(withSpan, () => activeTraceContext())).toBeUndefined();
    const headers: Record<string, string> = {};
    propagation.inject(withSpan, headers);
    expect(headers).toEqual({});
    expect((globalThis as Record<string, unknown>).V7_PRISMA_INSTRUMENTATION).toBeUndefined();
  });
});
