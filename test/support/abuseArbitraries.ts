import fc from "fast-check";
import { anyJson, hostileValue, OPERATIONS, variablesFor } from "./abuseOperations.js";
import type { AbuseRequest } from "./abuseProbe.js";
import { mutate, mutation } from "./queryMutations.js";

const JSON_TYPE = { "content-type": "application/json" };

/** Random JSON values of any shape as the body. */
export const randomJsonBodies: fc.Arbitrary<AbuseRequest> = anyJson.map((value) => ({
  family: "random JSON",
  label: JSON.stringify(value).slice(0, 80),
  method: "POST",
  path: "/graphql",
  headers: JSON_TYPE,
  body: JSON.stringify(value),
}));

/** GraphQL-request-shaped objects whose members have the wrong types, plus members nobody asked for. */
export const wrongShapes: fc.Arbitrary<AbuseRequest> = fc
  .record(
    {
      query: fc.oneof(fc.constantFrom(...OPERATIONS.map((operation) => operation.query)), anyJson),
      variables: fc.oneof(anyJson, hostileValue),
      operationName: fc.oneof(fc.constantFrom("Users", "Me", "Nope", ""), anyJson),
      extensions: fc.oneof(
        anyJson,
        fc.record({ persistedQuery: fc.record({ version: anyJson, sha256Hash: anyJson }) }),
      ),
      extra: fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 3 }),
    },
    { requiredKeys: [] },
  )
  .map(({ extra, ...request }) => ({
    family: "wrong shapes",
    label: JSON.stringify(request).slice(0, 80),
    method: "POST",
    path: "/graphql",
    headers: JSON_TYPE,
    body: JSON.stringify({ ...extra, ...request }),
  }));

/** Valid operations after byte flips, truncations, inserted tokens, deletions and repeats. */
export const mutatedQueries: fc.Arbitrary<AbuseRequest> = fc
  .record({
    operation: fc.constantFrom(...OPERATIONS),
    changes: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  })
  .map(({ operation, changes }) => {
    const query = changes.reduce(mutate, operation.query);
    return {
      family: "mutated queries",
      label: query.slice(0, 80),
      method: "POST",
      path: "/graphql",
      headers: JSON_TYPE,
      body: JSON.stringify({ query, variables: operation.variables }),
    };
  });

/** Real operations with variables of the wrong types, hostile strings, huge strings, NUL bytes. */
export const wrongVariables: fc.Arbitrary<AbuseRequest> = fc
  .constantFrom(...OPERATIONS)
  .chain((operation) => variablesFor(operation.query).map((variables) => ({ operation, variables })))
  .map(({ operation, variables }) => ({
    family: "wrong variables",
    label: `${operation.query.slice(0, 30)} ${JSON.stringify(variables).slice(0, 60)}`,
    method: "POST",
    path: "/graphql",
    headers: JSON_TYPE,
    body: JSON.stringify({ query: operation.query, variables: { ...operation.variables, ...variables } }),
  }));

const PATHS = [
  "/graphql",
  "/graphql",
  "/graphql/",
  "/",
  "/nope",
  "/health/live",
  "/health/ready",
  "//graphql",
  "/GRAPHQL",
  "/graphql/../graphql",
  "/graphql%00",
  "/graphql?x=%zz",
  "/%E0%A4%A",
  "/graphql;x=1",
  `/${"a".repeat(5_000)}`,
];
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json; charset=utf-16",
  "application/json;;;",
  "application/graphql-response+json",
  "application/graphql",
  "text/plain",
  "text/plain; charset=utf-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "application/xml",
  "*/*",
  "json",
  "",
  "application/json, text/plain",
];
const printable = fc.string({ maxLength: 60 });

/** Random methods, paths, content types, headers and bodies (bytes, text, JSON). */
export const randomHttp: fc.Arbitrary<AbuseRequest> = fc
  .record({
    method: fc.constantFrom("GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"),
    path: fc.constantFrom(...PATHS),
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
    headers: fc.record(
      {
        accept: fc.constantFrom(
          "*/*",
          "application/json",
          "text/html",
          "application/graphql-response+json",
          "image/png",
          "",
          "*/*;q=0",
        ),
        "apollo-require-preflight": fc.constantFrom("1", "", "true"),
        "x-apollo-operation-name": printable,
        origin: fc.constantFrom("https://evil.example", "http://localhost:5173", "null"),
        "access-control-request-method": fc.constantFrom("POST", "PUT", "GET"),
        "x-request-id": printable,
        authorization: fc.oneof(
          printable,
          fc.constant("Bearer "),
          printable.map((token) => `Bearer ${token}`),
        ),
      },
      { requiredKeys: [] },
    ),
    body: fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.uint8Array({ maxLength: 500 }),
      fc.json({ maxDepth: 3 }),
      fc.constantFrom(...OPERATIONS).map((operation) => JSON.stringify(operation)),
    ),
  })
  .map(({ method, path, contentType, headers, body }) => ({
    family: "random HTTP",
    label: `${method} ${path.slice(0, 40)} ${contentType ?? "(no type)"}`,
    method,
    path,
    // An empty header value is not the same as no header; fetch adds text/plain to string bodies without one.
    headers: { ...headers, ...(contentType !== undefined ? { "content-type": contentType } : {}) },
    body,
  }));

/** GET requests with mutated queries, random variables and extensions in the query string. */
export const randomGets: fc.Arbitrary<AbuseRequest> = fc
  .record({
    query: fc.oneof(
      mutatedQueries.map((request) => JSON.parse(String(request.body)).query as string),
      fc.string(),
    ),
    variables: fc.option(fc.oneof(fc.json({ maxDepth: 3 }), fc.string()), { nil: undefined }),
    extensions: fc.option(fc.oneof(fc.json({ maxDepth: 2 }), fc.string()), { nil: undefined }),
    operationName: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
    preflight: fc.boolean(),
  })
  .map(({ query, variables, extensions, operationName, preflight }) => {
    const search = new URLSearchParams({ query });
    if (variables !== undefined) search.set("variables", variables);
    if (extensions !== undefined) search.set("extensions", extensions);
    if (operationName !== undefined) search.set("operationName", operationName);
    return {
      family: "random GET",
      label: query.slice(0, 80),
      method: "GET",
      path: `/graphql?${search}`,
      headers: preflight ? { "apollo-require-preflight": "1" } : {},
    };
  });
