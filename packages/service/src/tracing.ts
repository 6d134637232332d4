import { type DiagLogger, DiagLogLevel, diag } from "@opentelemetry/api";
import type { Logger } from "pino";
import type { OtlpProtocol } from "./tracingConfig.js";

export interface TracingOptions {
  /** The `service.name` resource attribute of every span (the config's OTEL_SERVICE_NAME). */
  serviceName: string;
  /** The OTLP/HTTP traces URL (the config's `tracing.endpoint`); undefined leaves tracing off. */
  endpoint: string | undefined;
  /** How spans are encoded. @default "http/protobuf" */
  protocol?: OtlpProtocol;
  /** Receives the one start-up line and the SDK's own warnings (a collector that does not answer). */
  logger: Logger;
}

export interface Tracing {
  /** Sends the spans still queued and stops exporting; call after the HTTP drain. Never rejects. */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK for this process: a tracer provider exporting with OTLP/HTTP in
 * batches, the W3C trace-context propagator, the async-hooks context manager and Prisma's spans.
 * Undefined when `endpoint` is: the SDK is not even loaded then, and the API stays a no-op.
 * Call it once, before any server is created (the HTTP shell adds its spans only if it is on).
 */
export async function startTracing(options: TracingOptions): Promise<Tracing | undefined> {
  const { serviceName, endpoint, logger } = options;
  if (endpoint === undefined) return undefined;
  const protocol = options.protocol ?? "http/protobuf";
  const [sdk, resources, core, semconv, instrumentation, prisma, exporters] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/core"),
    import("@opentelemetry/semantic-conventions"),
    import("@opentelemetry/instrumentation"),
    import("@prisma/instrumentation"),
    protocol === "http/json"
      ? import("@opentelemetry/exporter-trace-otlp-http")
      : import("@opentelemetry/exporter-trace-otlp-proto"),
  ]);

  // Without a diag logger the SDK drops its errors, and a collector that refuses spans goes unseen.
  diag.setLogger(diagLoggerFor(logger), DiagLogLevel.WARN);
  const provider = new sdk.NodeTracerProvider({
    resource: resources
      .defaultResource()
      .merge(resources.resourceFromAttributes({ [semconv.ATTR_SERVICE_NAME]: serviceName })),
    // Batched: a request never waits for the collector. OTEL_BSP_* tune the batches.
    spanProcessors: [new sdk.BatchSpanProcessor(new exporters.OTLPTraceExporter({ url: endpoint }))],
  });
  // Trace context only, no baggage: a client's baggage is not something to relay to every subgraph.
  provider.register({ propagator: new core.W3CTraceContextPropagator() });
  // Prisma reads its tracing helper from a global on every query: nothing to patch at import time.
  const unregister = instrumentation.registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new prisma.PrismaInstrumentation()],
  });
  logger.info({ endpoint, protocol, serviceName }, `tracing on: spans go to ${endpoint} (OTLP ${protocol})`);

  return {
    async shutdown() {
      unregister();
      await provider.shutdown().catch((error: unknown) => {
        logger.warn({ err: error }, "tracing: the last spans could not be sent");
      });
    },
  };
}

function diagLoggerFor(logger: Logger): DiagLogger {
  const child = logger.child({ component: "opentelemetry" });
  const at =
    (level: "error" | "warn" | "info" | "debug" | "trace") =>
    (message: string, ...args: unknown[]) =>
      child[level](args.length > 0 ? { args } : {}, message);
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug"), verbose: at("trace") };
}
