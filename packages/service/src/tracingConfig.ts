import { ConfigError, type Env, stringFromEnv, urlFromEnv } from "@logicore/config";

/** The OTLP encodings over HTTP; gRPC is not offered (one exporter family, no native modules). */
export const OTLP_PROTOCOLS = ["http/protobuf", "http/json"] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** OpenTelemetry tracing as the standard `OTEL_*` variables ask for it. */
export interface TracingConfig {
  /** OTEL_SERVICE_NAME: the `service.name` of every span. @default the deployable's name */
  readonly serviceName: string;
  /**
   * Where spans are sent: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, else OTEL_EXPORTER_OTLP_ENDPOINT
   * (a base URL) + `/v1/traces`. Undefined (neither set, or OTEL_SDK_DISABLED=true) means tracing is off.
   */
  readonly endpoint: string | undefined;
  /** OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL. @default "http/protobuf" */
  readonly protocol: OtlpProtocol;
}

/**
 * Reads the tracing variables with the meaning the OpenTelemetry specification gives them, so an
 * operator's collector settings work unchanged. The exporter itself still reads what only it uses
 * (OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT, _COMPRESSION), as do the SDK's sampler and batch settings.
 */
export function tracingConfigFromEnv(env: Env, defaultServiceName: string): TracingConfig {
  const serviceName = stringFromEnv(env, "OTEL_SERVICE_NAME") ?? defaultServiceName;
  const protocol = protocolFromEnv(env);
  const disabled = stringFromEnv(env, "OTEL_SDK_DISABLED")?.toLowerCase() === "true";
  const schemes = ["http:", "https:"];
  const tracesUrl = urlFromEnv(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", schemes);
  const baseUrl = urlFromEnv(env, "OTEL_EXPORTER_OTLP_ENDPOINT", schemes);
  const endpoint =
    tracesUrl ?? (baseUrl === undefined ? undefined : `${baseUrl.replace(/\/+$/, "")}/v1/traces`);
  return { serviceName, endpoint: disabled ? undefined : endpoint, protocol };
}

function protocolFromEnv(env: Env): OtlpProtocol {
  const variable = ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"].find(
    (name) => stringFromEnv(env, name) !== undefined,
  );
  if (variable === undefined) return "http/protobuf";
  const raw = stringFromEnv(env, variable);
  if (!(OTLP_PROTOCOLS as readonly (string | undefined)[]).includes(raw)) {
    throw new ConfigError(
      `${variable} must be one of ${OTLP_PROTOCOLS.join(", ")} (OTLP over HTTP, usually port 4318), ` +
        `got ${JSON.stringify(raw)}`,
    );
  }
  return raw as OtlpProtocol;
}
