import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountsResolvers,
  accountsSdl,
  composeFixtures,
  type FixtureSubgraph,
  startFixtureSubgraph,
  startTestGateway,
  type TestGateway,
} from "./fixtures.js";

let accounts: FixtureSubgraph;
let development: TestGateway;
let production: TestGateway;

const APP_ORIGIN = "https://app.logicore.test";

beforeAll(async () => {
  accounts = await startFixtureSubgraph("accounts", accountsSdl, accountsResolvers);
  const supergraphSdl = composeFixtures([accounts]);
  development = await startTestGateway({ supergraphSdl, mode: "development", corsOrigins: [APP_ORIGIN] });
  production = await startTestGateway({ supergraphSdl, mode: "production", corsOrigins: [APP_ORIGIN] });
});
afterAll(async () => {
  await development?.server.close();
  await production?.server.close();
  await accounts?.stop();
});

const query = JSON.stringify({ query: '{ account(id: "1") { id } }' });

/** `directive -> sources` of a Content-Security-Policy header. */
function parseCsp(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe("security headers", () => {
  it.each([
    ["development", () => development],
    ["production", () => production],
  ])("are on every response in %s", async (_mode, gateway) => {
    for (const response of [
      await fetch(gateway().url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: query,
      }),
      await fetch(`${gateway().origin}/health/live`),
    ]) {
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("in production include a CSP that lets nothing load, and HSTS", async () => {
    const response = await fetch(production.url, { headers: { accept: "text/html" } });
    const csp = parseCsp(response.headers.get("content-security-policy"));
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.has("script-src")).toBe(false);
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("in development let Apollo Sandbox load everything its page asks for, and send no HSTS", async () => {
    const response = await fetch(development.url, { headers: { accept: "text/html" } });
    const html = await response.text();
    const csp = parseCsp(response.headers.get("content-security-policy"));
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(csp.has("upgrade-insecure-requests")).toBe(false);

    const loads = [
      ...[...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => ["script-src", match[1]]),
      ...[...html.matchAll(/<link[^>]*\shref="([^"]+)"[^>]*rel="stylesheet"/g)].map((match) => [
        "style-src",
        match[1],
      ]),
      ...[...html.matchAll(/<link[^>]*rel="(?:icon|apple-touch-icon)"[^>]*\shref="([^"]+)"/g)].map((m) => [
        "img-src",
        m[1],
      ]),
      ...[...html.matchAll(/<link[^>]*rel="manifest"[^>]*\shref="([^"]+)"/g)].map((match) => [
        "manifest-src",
        match[1],
      ]),
    ] as Array<[string, string]>;
    expect(loads.map(([directive]) => directive)).toEqual(
      expect.arrayContaining(["script-src", "style-src", "img-src", "manifest-src"]),
    );
    for (const [directive, url] of loads) {
      expect(csp.get(directive), `${directive} for ${url}`).toContain(new URL(url).origin);
    }
    expect(csp.get("script-src")).toContain("https://embeddable-sandbox.cdn.apollographql.com");
    expect(csp.get("frame-src")).toContain("https://sandbox.embed.apollographql.com");
    expect(csp.get("font-src")).toContain("https://fonts.gstatic.com");
    // The page's inline script and style carry the nonce of its own <meta> CSP, which the browser also enforces.
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-/);
    expect(csp.get("object-src")).toEqual(["'none'"]);
  });
});

describe("CORS", () => {
  async function preflight(gateway: TestGateway, origin: string) {
    return fetch(gateway.url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
  }

  async function post(gateway: TestGateway, origin: string) {
    return fetch(gateway.url, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: query,
    });
  }

  it.each([
    ["development", APP_ORIGIN, () => development],
    ["development", "http://localhost:5173", () => development],
    ["development", "http://127.0.0.1:3000", () => development],
    ["production", APP_ORIGIN, () => production],
  ])("in %s allows %s, without credentials", async (_mode, origin, gateway) => {
    const check = await preflight(gateway(), origin);
    expect(check.status).toBe(204);
    expect(check.headers.get("access-control-allow-origin")).toBe(origin);
    expect(check.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(check.headers.get("access-control-allow-headers")?.split(/,\s*/)).toEqual(
      expect.arrayContaining(["authorization", "content-type"]),
    );
    expect(check.headers.get("access-control-allow-credentials")).toBeNull();

    const response = await post(gateway(), origin);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("access-control-expose-headers")).toBe("x-request-id");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it.each([
    ["development", "https://evil.example", () => development],
    ["development", "http://localhost.evil.example", () => development],
    ["development", "https://localhost:5173", () => development],
    ["production", "http://localhost:5173", () => production],
    ["production", "https://app.logicore.test.evil.example", () => production],
    ["production", "null", () => production],
  ])("in %s refuses %s", async (_mode, origin, gateway) => {
    const check = await preflight(gateway(), origin);
    expect(check.headers.get("access-control-allow-origin")).toBeNull();
    const response = await post(gateway(), origin);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("request hygiene", () => {
  it("keeps Apollo's CSRF prevention: a request a form or <img> could send is refused", async () => {
    const before = accounts.received.length;
    const simplePost = await fetch(production.url, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: query,
    });
    // Refused before Apollo sees it: the shell parses application/json bodies only.
    expect(simplePost.status).toBe(415);
    const simpleGet = await fetch(
      `${production.url}?query=${encodeURIComponent('{ account(id: "1") { id } }')}`,
    );
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toContain("CSRF");
    expect(accounts.received).toHaveLength(before);
  });

  it("refuses bodies over 1 MiB with 413, saying nothing about internals", async () => {
    const huge = JSON.stringify({ query: `{ account(id: "${"9".repeat(1_048_576)}") { id } }` });
    const response = await fetch(production.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: huge,
    });
    expect(response.status).toBe(413);
    const text = await response.text();
    expect(text).not.toContain("    at ");
    expect(text).not.toContain("node_modules");
  });
});
