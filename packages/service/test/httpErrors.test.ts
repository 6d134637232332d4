import { connect } from "node:net";
import { Writable } from "node:stream";
import { GraphQLError } from "graphql";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphQLHttpServer, type GraphQLHttpServer } from "../src/createGraphQLHttpServer.js";

const logLines: Array<{ level: number; msg: string; err?: { stack?: string } }> = [];
const logStream = new Writable({
  write(chunk, _encoding, callback) {
    logLines.push(JSON.parse(String(chunk)));
    callback();
  },
});

let server: GraphQLHttpServer;
let url: string;
let origin: string;
beforeAll(async () => {
  server = await createGraphQLHttpServer({
    apollo: {
      typeDefs: "type Query { echo(text: String): String, hello: String } type Mutation { ping: String }",
      resolvers: {
        Query: { echo: (_: unknown, args: { text?: string }) => args.text, hello: () => "hi" },
        Mutation: { ping: () => "pong" },
      },
    },
    context: async () => ({}),
    readiness: async () => ({ ready: true }),
    logger: pino({ level: "debug" }, logStream),
    bodyLimitBytes: 200_000,
    requestTimeoutMs: 300,
  });
  server.app.get("/boom", async () => {
    throw new Error("connection to /work/main/db.ts:12 failed: SELECT secret FROM users");
  });
  server.app.get("/teapot", async () => {
    throw Object.assign(new Error("FST_ERR_SECRET from fastify internals"), { statusCode: 418 });
  });
  server.app.get("/limited", async () => {
    throw Object.assign(
      new GraphQLError("Too many requests; retry in 3 seconds", { extensions: { code: "RATE_LIMITED" } }),
      { statusCode: 429 },
    );
  });
  url = await server.listen(0, "127.0.0.1");
  origin = new URL(url).origin;
});
afterAll(() => server?.close());

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; data?: unknown };
}

async function send(path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(`${origin}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : {} };
}

const post = (body: string, contentType = "application/json", headers: Record<string, string> = {}) =>
  send("/graphql", { method: "POST", headers: { "content-type": contentType, ...headers }, body });

/** What a refusal must never contain: the framework's codes and names, stacks, paths, SQL. */
function expectNoInternals(text: string) {
  for (const leak of [
    "FST_",
    "fastify",
    "Apollo Server",
    "graphql-js",
    "    at ",
    "/work/",
    ".ts:",
    "SELECT",
  ]) {
    expect(text).not.toContain(leak);
  }
}

function expectRefusal(reply: Reply, status: number, code: string, message?: RegExp) {
  expect(reply.status).toBe(status);
  expect(reply.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(reply.body.errors).toHaveLength(1);
  expect(reply.body.errors?.[0]?.extensions).toEqual({ code });
  if (message) expect(reply.body.errors?.[0]?.message).toMatch(message);
  expectNoInternals(reply.text);
}

/** Writes `raw` to a fresh connection and resolves to everything the server sends back before closing. */
function rawExchange(raw: string, options: { keepOpen?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(received));
    socket.write(raw);
    if (!options.keepOpen) socket.end();
  });
}

describe("requests the HTTP layer refuses get a GraphQL-shaped error with a public code", () => {
  it("invalid JSON: 400", async () => {
    expectRefusal(await post("{bad"), 400, "BAD_REQUEST", /valid JSON/);
  });

  it("an empty JSON body: 400", async () => {
    expectRefusal(await post(""), 400, "BAD_REQUEST", /empty/);
  });

  it("a __proto__ or constructor.prototype key anywhere: 400 (prototype pollution)", async () => {
    expectRefusal(await post('{"query":"{ hello }","__proto__":{"x":1}}'), 400, "BAD_REQUEST");
    expectRefusal(
      await post('{"query":"{ hello }","variables":{"a":{"constructor":{"prototype":{"x":1}}}}}'),
      400,
      "BAD_REQUEST",
    );
  });

  it("a body over the limit: 413, quoting the limit", async () => {
    expectRefusal(
      await post(JSON.stringify({ query: "x".repeat(250_000) })),
      413,
      "BAD_REQUEST",
      /200000 bytes/,
    );
  });

  it.each([
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/graphql",
    "application/jsonx",
  ])("a %s body: 415", async (contentType) => {
    // apollo-require-preflight would satisfy CSRF prevention: the refusal must not depend on it.
    const reply = await post('{"query":"{ hello }"}', contentType, { "apollo-require-preflight": "1" });
    expectRefusal(reply, 415, "BAD_REQUEST", /application\/json/);
  });

  it("a method the path does not serve: 405 with Allow", async () => {
    const reply = await send("/graphql", { method: "PUT" });
    expectRefusal(reply, 405, "BAD_REQUEST");
    expect(reply.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    const health = await send("/health/live", { method: "POST" });
    expectRefusal(health, 405, "BAD_REQUEST");
    expect(health.headers.get("allow")).toBe("GET, HEAD");
  });

  it("an unknown path: 404 NOT_FOUND, whatever the method or the path's characters", async () => {
    expectRefusal(await send("/nope"), 404, "NOT_FOUND", /\/graphql/);
    expectRefusal(await send("/graphql/"), 404, "NOT_FOUND");
    expectRefusal(await send("/graph(ql*:x", { method: "DELETE" }), 404, "NOT_FOUND");
  });

  it("a URL with broken percent-encoding: 400", async () => {
    expectRefusal(await send("/%E0%A4%A"), 400, "BAD_REQUEST", /URL/);
  });

  it("an error a route did not expect: 500 INTERNAL_SERVER_ERROR, its stack logged, nothing of it sent", async () => {
    const reply = await send("/boom");
    expectRefusal(reply, 500, "INTERNAL_SERVER_ERROR", /^Internal server error$/);
    const logged = logLines.find((line) => line.msg === "unexpected error in the HTTP layer");
    expect(logged?.level).toBe(50);
    expect(logged?.err?.stack).toContain("SELECT secret");
  });

  it("a 4xx error with a message of its own: the status's standard wording only", async () => {
    expectRefusal(await send("/teapot"), 418, "BAD_REQUEST", /^I'm a Teapot$/);
  });

  it("our own error with a public code keeps its message and code", async () => {
    expectRefusal(await send("/limited"), 429, "RATE_LIMITED", /retry in 3 seconds/);
  });

  it("a request that is not HTTP: 400 on the socket, then the connection closes", async () => {
    const raw = await rawExchange("GET /graphql HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toContain(
      '{"errors":[{"message":"The request is not valid HTTP","extensions":{"code":"BAD_REQUEST"}}]}',
    );
    expectNoInternals(raw);
  });

  it("headers over Node's 16 KiB: 431", async () => {
    const raw = await rawExchange(`GET /graphql HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(raw).toContain('"code":"BAD_REQUEST"');
  });

  it("a body that trickles in slower than the request timeout: 408, connection closed", async () => {
    const started = performance.now();
    const raw = await rawExchange(
      "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
      { keepOpen: true },
    );
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw).toContain('"code":"BAD_REQUEST"');
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe("Apollo's own refusals are worded without its internals", () => {
  it("a query sent as a parsed AST", async () => {
    const reply = await post('{"query":{"kind":"Document","definitions":[]}}');
    expectRefusal(reply, 400, "BAD_REQUEST", /^GraphQL queries must be strings\.$/);
    expect(reply.text).not.toContain("apollo-client");
  });

  it("a method Apollo does not serve (OPTIONS without CORS)", async () => {
    const reply = await send("/graphql", { method: "OPTIONS", headers: { "apollo-require-preflight": "1" } });
    expectRefusal(reply, 405, "BAD_REQUEST", /^Only GET and POST requests are supported\.$/);
  });

  it("a persisted query whose hash does not match, or of an unknown version: BAD_REQUEST, not a bug", async () => {
    const before = logLines.filter((line) => line.level >= 50).length;
    const mismatch = {
      query: "{ hello }",
      extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } },
    };
    expectRefusal(await post(JSON.stringify(mismatch)), 400, "BAD_REQUEST", /does not match/);
    const version = { query: "{ hello }", extensions: { persistedQuery: { version: 2, sha256Hash: "abc" } } };
    expectRefusal(await post(JSON.stringify(version)), 400, "BAD_REQUEST", /version/);
    expect(logLines.filter((line) => line.level >= 50)).toHaveLength(before);
  });

  it("a document nested deeper than the parser's stack", async () => {
    // Deep enough to overflow the stack whether the parser runs cold or JIT-compiled (3,000 levels
    // parsed fine once the worker had warmed up on earlier test files); 100 KB, under the body limit.
    const query = `{${"a{".repeat(50_000)}${"}".repeat(50_001)}`;
    const reply = await post(JSON.stringify({ query }));
    expectRefusal(reply, 400, "GRAPHQL_PARSE_FAILED", /^Syntax Error: the document is nested too deeply/);
    expect(reply.text).not.toContain("call stack");
  });

  it("an operation type the schema lacks (subscription): 400 GRAPHQL_VALIDATION_FAILED", async () => {
    const reply = await post(JSON.stringify({ query: "subscription { hello }" }));
    expectRefusal(reply, 400, "GRAPHQL_VALIDATION_FAILED", /does not support subscription operations/);
  });

  it("an operationName that names no operation: 400 OPERATION_RESOLUTION_FAILURE", async () => {
    const reply = await post(JSON.stringify({ query: "{ hello }", operationName: "Nope" }));
    expectRefusal(reply, 400, "OPERATION_RESOLUTION_FAILURE", /Unknown operation named "Nope"/);
  });

  it("batched operations: 400, batching is off", async () => {
    expectRefusal(
      await post('[{"query":"{ hello }"},{"query":"{ hello }"}]'),
      400,
      "BAD_REQUEST",
      /batching/,
    );
  });

  it("a mutation over GET: 405 (GET is for queries only)", async () => {
    const query = encodeURIComponent("mutation { ping }");
    const reply = await send(`/graphql?query=${query}`, { headers: { "apollo-require-preflight": "1" } });
    expect(reply.status).toBe(405);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
  });
});

describe("a variable holding a NUL character", () => {
  it("is refused with BAD_USER_INPUT before anything runs, however deep it hides", async () => {
    const query = "query ($text: String) { echo(text: $text) }";
    const reply = await post(JSON.stringify({ query, variables: { text: "a\u0000b" } }));
    expectRefusal(reply, 400, "BAD_USER_INPUT", /"\$text" contains a NUL character/);
    const nested = `${"[".repeat(4_000)}"\\u0000"${"]".repeat(4_000)}`;
    const deep = await post(`{"query":"${query}","variables":{"text":"ok","extra":${nested}}}`);
    expectRefusal(deep, 400, "BAD_USER_INPUT", /"\$extra" contains a NUL character/);
  });

  it("leaves other strings alone", async () => {
    const query = "query ($text: String) { echo(text: $text) }";
    const reply = await post(JSON.stringify({ query, variables: { text: "ü\u0001é" } }));
    expect(reply.status).toBe(200);
    expect(reply.body.data).toEqual({ echo: "ü\u0001é" });
  });
});

it("keeps serving after all of the above", async () => {
  const reply = await post(JSON.stringify({ query: "{ hello }" }));
  expect(reply.body).toEqual({ data: { hello: "hi" } });
  expect(url).toContain("/graphql");
});
