import type { AbuseRequest } from "./abuseProbe.js";

const JSON_TYPE = { "content-type": "application/json" };
/** Satisfies Apollo's CSRF prevention, so a case reaches the check it is about. */
const PREFLIGHT = { "apollo-require-preflight": "1" };
const USERS =
  "query ($first: Int, $filter: UserFilter) { users(first: $first, filter: $filter) { totalCount } }";
const nested = (depth: number, inner = "") => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;

function post(label: string, body: string | Uint8Array, expect?: AbuseRequest["expect"], headers = {}) {
  return hand(label, "POST", "/graphql", { ...JSON_TYPE, ...headers }, body, expect);
}

function get(label: string, search: string, expect?: AbuseRequest["expect"], headers = {}) {
  return hand(label, "GET", `/graphql${search}`, headers, undefined, expect);
}

function hand(
  label: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  expect: AbuseRequest["expect"] | undefined,
): AbuseRequest {
  return {
    family: "hand-written",
    label,
    method,
    path,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(expect ? { expect } : {}),
  };
}

const bad = (status: number, code = "BAD_REQUEST") => ({ status, code });

/** The malformed and hostile requests of issue #8, each with what it must get. */
export function handWrittenCases(): AbuseRequest[] {
  const q = (query: string, rest: Record<string, unknown> = {}) => JSON.stringify({ query, ...rest });
  return [
    post("invalid JSON", "{bad", bad(400)),
    post("empty body", "", bad(400)),
    post("JSON null", "null", bad(400)),
    post("JSON number", "42", bad(400)),
    post("JSON string", '"{ __typename }"', bad(400)),
    post("empty object", "{}", bad(400)),
    post("batched operations", `[${q("{ __typename }")},${q("{ __typename }")}]`, bad(400)),
    post("1000 batched operations", `[${Array(1000).fill(q("{ __typename }")).join(",")}]`, bad(400)),
    post("query is a number", '{"query":1}', bad(400)),
    post("query is a parsed AST", '{"query":{"kind":"Document","definitions":[]}}', bad(400)),
    post("variables is a string", q("{ __typename }", { variables: "{}" }), bad(400)),
    post("variables is an array", q("{ __typename }", { variables: [1] }), bad(400)),
    post("operationName is a number", q("{ __typename }", { operationName: 1 }), bad(400)),
    post("operationName names nothing", q("{ __typename }", { operationName: "Nope" }), { status: 400 }),
    post("extensions is a string", q("{ __typename }", { extensions: "x" }), bad(400)),
    post(
      "persisted query hash mismatch",
      q("{ __typename }", { extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
      bad(400),
    ),
    post(
      "persisted query version 2",
      q("{ __typename }", { extensions: { persistedQuery: { version: 2, sha256Hash: "x" } } }),
      bad(400),
    ),
    post("unknown top-level fields are ignored", q("{ __typename }", { foo: 1, data: { x: 1 } }), {
      status: 200,
    }),
    post(
      "junk extensions are ignored",
      q("{ __typename }", {
        extensions: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])),
      }),
      { status: 200 },
    ),
    post(
      "duplicate keys: the last wins",
      '{"query":"{ __typename }","query":"{ nope }"}',
      bad(400, "GRAPHQL_VALIDATION_FAILED"),
    ),
    post("__proto__ key", '{"query":"{ __typename }","__proto__":{"polluted":true}}', bad(400)),
    post("__proto__ in variables", `{"query":"${USERS}","variables":{"__proto__":{"first":1}}}`, bad(400)),
    post(
      "constructor.prototype key",
      '{"query":"{ __typename }","constructor":{"prototype":{"x":1}}}',
      bad(400),
    ),
    post("NUL in the query", q("{ __typename\u0000 }"), bad(400, "GRAPHQL_PARSE_FAILED")),
    post(
      "NUL in a variable",
      q(USERS, { variables: { filter: { search: "a\u0000b" } } }),
      bad(400, "BAD_USER_INPUT"),
    ),
    post("raw NUL byte in the body", `${q("{ __typename }")}\u0000`, bad(400)),
    post(
      "invalid UTF-8",
      new Uint8Array([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      bad(400),
    ),
    post("lone surrogate in a variable", `{"query":"${USERS}","variables":{"filter":{"search":"\\ud800"}}}`, {
      status: 200,
    }),
    post("byte-order mark", `\ufeff${q("{ __typename }")}`, { status: 200 }),
    post("a 900 KB field name", q(`{ ${"a".repeat(900_000)} }`), { status: 400 }),
    post("a 900 KB string variable", q(USERS, { variables: { filter: { search: "é".repeat(450_000) } } })),
    post(
      "huge variables within 1 MiB",
      q(USERS, { variables: { first: 1, junk: Array(60_000).fill({ a: 1 }) } }),
    ),
    post("variables nested 100k deep", `{"query":"${USERS}","variables":{"first":1,"x":${nested(100_000)}}}`),
    post(
      "a list variable nested 100k deep",
      `{"query":"${USERS}","variables":{"first":${nested(100_000)}}}`,
      {
        status: 400,
        code: "BAD_USER_INPUT",
      },
    ),
    post("a NUL 100k arrays deep", `{"query":"${USERS}","variables":{"x":${nested(100_000, '"\\u0000"')}}}`, {
      status: 400,
      code: "BAD_USER_INPUT",
    }),
    post("a document nested 50k deep", q(`{${"a{".repeat(50_000)}${"}".repeat(50_001)}`), { status: 400 }),
    post("Int out of range", q(USERS, { variables: { first: 2 ** 53 + 1 } }), bad(400, "BAD_USER_INPUT")),
    post("1e400 for an Int", `{"query":"${USERS}","variables":{"first":1e400}}`, bad(400, "BAD_USER_INPUT")),
    post("body over 1 MiB", q(USERS, { variables: { x: "a".repeat(1_100_000) } }), bad(413)),
    {
      ...hand(
        "body over 1 MiB, streamed without content-length",
        "POST",
        "/graphql",
        JSON_TYPE,
        undefined,
        bad(413),
      ),
      streamedBody: q(USERS, { variables: { x: "a".repeat(2_000_000) } }),
    },
    post("text/plain", q("{ __typename }"), bad(415), { "content-type": "text/plain" }),
    post("text/plain with the preflight header", q("{ __typename }"), bad(415), {
      "content-type": "text/plain",
      ...PREFLIGHT,
    }),
    post("form-urlencoded", "query=%7B__typename%7D", bad(415), {
      "content-type": "application/x-www-form-urlencoded",
    }),
    post(
      "multipart",
      '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--\r\n',
      bad(415),
      {
        "content-type": "multipart/form-data; boundary=x",
      },
    ),
    post("application/graphql", "{ __typename }", bad(415), { "content-type": "application/graphql" }),
    post("octet-stream", "{}", bad(415), { "content-type": "application/octet-stream" }),
    post("a JSON look-alike type", q("{ __typename }"), bad(415), { "content-type": "application/jsonx" }),
    post(
      "charset latin1 is read as UTF-8",
      q("{ __typename }"),
      { status: 200 },
      {
        "content-type": "application/json; charset=latin1",
      },
    ),
    post("gzip the server never decodes", "\u001f\u008b\u0008garbage", bad(400), {
      "content-encoding": "gzip",
    }),
    post("accept: image/png", q("{ __typename }"), bad(406), { accept: "image/png" }),
    post("a refused token", q("{ __typename }"), bad(401, "UNAUTHENTICATED"), {
      authorization: "Bearer a.b.c",
    }),
    post("a subscription", q("subscription { __typename }"), bad(400, "GRAPHQL_VALIDATION_FAILED")),
    get("GET a query", `?query=${encodeURIComponent("{ __typename }")}`, { status: 200 }, PREFLIGHT),
    get(
      "GET a mutation",
      `?query=${encodeURIComponent('mutation { logout(refreshToken: "x") }')}`,
      bad(405),
      PREFLIGHT,
    ),
    get("GET without the CSRF header", `?query=${encodeURIComponent("{ __typename }")}`, bad(400)),
    get("GET without a query", "", bad(400), PREFLIGHT),
    get(
      "GET with invalid variables",
      `?query=${encodeURIComponent(USERS)}&variables=%7Bbad`,
      bad(400),
      PREFLIGHT,
    ),
    get(
      "GET with __proto__ variables",
      `?query=${encodeURIComponent(USERS)}&variables=${encodeURIComponent('{"__proto__":{"first":1}}')}`,
      undefined,
      PREFLIGHT,
    ),
    get("GET with the query twice", `?query=a&query=b`, bad(400), PREFLIGHT),
    get("GET with broken percent-encoding", "?query=%E0%A4%A", { status: 400 }, PREFLIGHT),
    hand("PUT", "PUT", "/graphql", JSON_TYPE, q("{ __typename }"), bad(405)),
    hand("DELETE", "DELETE", "/graphql", {}, undefined, bad(405)),
    hand("PATCH", "PATCH", "/graphql", JSON_TYPE, q("{ __typename }"), bad(405)),
    hand("OPTIONS without CORS", "OPTIONS", "/graphql", PREFLIGHT, undefined, bad(405)),
    hand("HEAD", "HEAD", "/graphql", {}, undefined, { status: 400 }),
    hand("POST to a health check", "POST", "/health/ready", JSON_TYPE, "{}", bad(405)),
    hand("an unknown path", "GET", "/admin", {}, undefined, bad(404, "NOT_FOUND")),
    hand("a trailing slash", "POST", "/graphql/", JSON_TYPE, q("{ __typename }"), bad(404, "NOT_FOUND")),
    hand("a path with pattern characters", "PUT", "/graph(ql)*/:id", {}, undefined, bad(404, "NOT_FOUND")),
    hand("broken percent-encoding in the path", "GET", "/%E0%A4%A", {}, undefined, bad(400)),
    raw(
      "not HTTP at all",
      "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\r\n\r\n",
      bad(400),
    ),
    raw("a header line without a colon", "GET /graphql HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", bad(400)),
    raw(
      "headers over 16 KiB",
      `GET /graphql HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      bad(431),
    ),
    raw(
      "content-length and chunked together (request smuggling)",
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      bad(400),
    ),
    raw(
      "a body without a content-type",
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      bad(415),
    ),
    raw(
      "content-length shorter than the body",
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n${q("{ __typename }")}`,
      bad(400),
    ),
  ];
}

function raw(label: string, bytes: string, expect: AbuseRequest["expect"]): AbuseRequest {
  return {
    family: "hand-written",
    label,
    method: "RAW",
    path: "/graphql",
    headers: {},
    raw: bytes,
    ...(expect ? { expect } : {}),
  };
}
