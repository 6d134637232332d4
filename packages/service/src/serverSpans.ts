import {
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from "@opentelemetry/semantic-conventions";
import type { FastifyRequest } from "fastify";
import { TRACER_NAME } from "./activeTrace.js";
import type { HttpApp } from "./createGraphQLHttpServer.js";

export interface ServerSpansOptions {
  /**
   * Routes that get no span: probes and scrapes come every few seconds and would bury the traces
   * people look for. @default ["/health/live", "/health/ready", "/metrics"]
   */
  untracedRoutes?: readonly string[];
}

/**
 * One SERVER span per HTTP request, child of the caller's `traceparent` when it sent one, and the
 * active context for everything the request runs (Apollo, the gateway's own spans, Prisma's), so
 * they all land in the caller's trace. Register before any other hook so they all run inside it.
 */
export function registerServerSpans(app: HttpApp, options: ServerSpansOptions = {}): void {
  const tracer = trace.getTracer(TRACER_NAME);
  const untraced = new Set(options.untracedRoutes ?? ["/health/live", "/health/ready", "/metrics"]);
  const spans = new WeakMap<FastifyRequest, Span>();

  const end = (request: FastifyRequest, statusCode: number | undefined) => {
    const span = spans.get(request);
    if (span === undefined) return;
    spans.delete(request);
    if (statusCode === undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: "the client closed the connection first" });
      span.setAttribute(ATTR_ERROR_TYPE, "aborted");
    } else {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, statusCode);
      // For a server, 4xx is the client's mistake; only 5xx says this span failed (HTTP semconv).
      if (statusCode >= 500) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute(ATTR_ERROR_TYPE, String(statusCode));
      }
    }
    span.end();
  };

  app.addHook("onRequest", (request, _reply, done) => {
    const route = request.routeOptions.url;
    if (route !== undefined && untraced.has(route)) return done();
    // From the root, not the active context: a request's only parent is the one its caller names.
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      route === undefined ? request.method : `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: request.method,
          [ATTR_URL_PATH]: request.url.split("?", 1)[0] ?? request.url,
          [ATTR_URL_SCHEME]: request.protocol,
          [ATTR_SERVER_ADDRESS]: request.hostname,
          [ATTR_CLIENT_ADDRESS]: request.ip,
          [ATTR_NETWORK_PROTOCOL_VERSION]: request.raw.httpVersion,
          ...(route !== undefined ? { [ATTR_HTTP_ROUTE]: route } : {}),
          ...(request.port !== null ? { [ATTR_SERVER_PORT]: request.port } : {}),
          ...(request.headers["user-agent"] !== undefined
            ? { [ATTR_USER_AGENT_ORIGINAL]: request.headers["user-agent"] }
            : {}),
        },
      },
      parent,
    );
    spans.set(request, span);
    // Fastify carries this async context through body parsing (an AsyncResource of its own), so
    // the handler and every span it starts run inside the request's span.
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook("onError", (request, _reply, error, done) => {
    spans.get(request)?.recordException(error);
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    end(request, reply.statusCode);
    done();
  });
  app.addHook("onRequestAbort", (request, done) => {
    end(request, undefined);
    done();
  });
}
