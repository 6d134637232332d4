import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot as root, type SpawnedStack, spawnStack } from "./support/spawnedStack.js";

// Debian's Chromium (.ci/run installs it: `apt-get install -y chromium`); no browser is downloaded.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OFFLINE_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

// The README's two operations, read from the README itself.
const [README_SIGN_IN = "", README_QUERY = ""] = [
  ...readFileSync(join(root, "README.md"), "utf8").matchAll(/```graphql\n([\s\S]*?)```/g),
].map((match) => match[1] ?? "");

const dataDir = mkdtempSync(join(tmpdir(), "logicore-explorer-"));
let stack: SpawnedStack;
let browser: Browser;
const outside: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  [stack, browser] = await Promise.all([
    spawnStack({ DATA_DIR: dataDir }),
    chromium.launch({ executablePath: CHROMIUM, args: OFFLINE_FLAGS }),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// Each test opens its own pages; none outlives it.
afterEach(async () => {
  await Promise.all(browser.contexts().flatMap((context) => context.pages().map((page) => page.close())));
});

/** Replaces the text of the GraphiQL editor inside `selector` (CodeMirror 5 keeps its API on the element). */
async function setEditor(page: Page, selector: string, text: string) {
  const editor = page.locator(`${selector} .CodeMirror:visible`).first();
  await editor.waitFor();
  await editor.evaluate(
    (element, value) =>
      (element as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value),
    text,
  );
}

type Response = { data?: Record<string, unknown> | null; errors?: unknown[] };

const paneText = (page: Page) =>
  page
    .locator(".graphiql-response .CodeMirror")
    .evaluate((element) =>
      (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
    );

function parsed(text: string): Response | undefined {
  try {
    return JSON.parse(text) as Response;
  } catch {
    return undefined; // empty, or still being written
  }
}

/**
 * Runs the operation in the editor and returns the response pane's JSON once it answers the
 * operation named by `field` (or reports other errors); the pane shows the previous answer until
 * then. GraphiQL picks the operation name from the editor a moment after a change: a click within
 * that moment sends the previous name, which is answered OPERATION_RESOLUTION_FAILURE, so the
 * click is repeated, as a person would.
 */
async function run(page: Page, field: string): Promise<Response> {
  let last = "";
  for (let tries = 0; tries < 200; tries += 1) {
    if (tries % 10 === 0) await page.locator(".graphiql-execute-button").click();
    await page.waitForTimeout(100);
    last = await paneText(page);
    const body = parsed(last);
    if (body?.data && field in body.data) return body;
    const stale = JSON.stringify(body?.errors ?? []).includes("OPERATION_RESOLUTION_FAILURE");
    if (body?.errors !== undefined && !stale) return body;
  }
  throw new Error(`no answer with ${field} in the response pane; it shows: ${last}`);
}

/** A page that is offline, as on an air-gapped site: anything not served by the gateway is refused and recorded. */
async function offlinePage(origin: string, record: string[]): Promise<Page> {
  const page = await browser.newPage();
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    record.push(url);
    return route.abort();
  });
  return page;
}

describe("the local explorer (GET /explorer, development)", () => {
  it("renders with no internet, runs the README's SignIn and FirstLook, and shows data", async () => {
    const origin = `http://127.0.0.1:${stack.gatewayPort}`;
    const page = await offlinePage(origin, outside);
    await page.goto(`${origin}/explorer`);
    await page.locator(".graphiql-container").waitFor({ timeout: 30_000 });

    await setEditor(page, ".graphiql-query-editor", README_SIGN_IN);
    const signIn = (await run(page, "login")) as { data?: { login?: { accessToken?: string } } };
    const token = signIn.data?.login?.accessToken;
    expect(token, JSON.stringify(signIn)).toBeTypeOf("string");

    await setEditor(page, ".graphiql-editor-tool", JSON.stringify({ Authorization: `Bearer ${token}` }));
    await setEditor(page, ".graphiql-query-editor", README_QUERY);
    const firstLook = (await run(page, "users")) as {
      data?: { users?: { edges: Array<{ node: { email: string } }> }; user?: { email: string } };
    };
    expect(
      firstLook.data?.users?.edges.map((edge) => edge.node.email),
      JSON.stringify(firstLook),
    ).toContain("admin@logicore.dev");
    expect(firstLook.data?.user?.email).toBe("customer@logicore.dev");
    await page.screenshot({ path: join(tmpdir(), "logicore-explorer.png") });
    expect(outside).toEqual([]);
  });

  it("is one click away from the Sandbox page at /graphql, which stays blank offline", async () => {
    const origin = `http://127.0.0.1:${stack.gatewayPort}`;
    const cdn: string[] = [];
    const page = await offlinePage(origin, cdn);
    await page.goto(`${origin}/graphql`);
    // Sandbox itself comes from Apollo's CDN: the page tried, and was refused.
    expect(cdn.some((url) => url.includes("apollographql.com"))).toBe(true);
    const link = page.getByRole("link", { name: /LogiCore explorer/ });
    await expect(link.isVisible()).resolves.toBe(true);
    await link.click();
    await page.locator(".graphiql-container").waitFor({ timeout: 30_000 });
    expect(page.url()).toBe(`${origin}/explorer`);
  });

  it("is named when a plain GET of /graphql (curl, no query) is refused", async () => {
    const response = await fetch(`http://127.0.0.1:${stack.gatewayPort}/graphql`, {
      headers: { accept: "*/*" },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]?.extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0]?.message).toMatch(/no `query`.*POST.*application\/json/);
    expect(body.errors[0]?.message).toContain(`http://127.0.0.1:${stack.gatewayPort}/explorer`);
  });

  it("is not served in production", async () => {
    const { createGateway } = await import("@logicore/gateway");
    const { generateSigningKeys, createRevocationStore } = await import("@logicore/auth");
    const { pino } = await import("pino");
    const revocations = createRevocationStore(undefined);
    const gateway = await createGateway({
      supergraphSdl: readFileSync(join(root, "schema/supergraph.graphql"), "utf8"),
      mode: "production",
      // Production signs every subgraph call and refuses to start without its key.
      subgraphSigningKey: randomBytes(32),
      logger: pino({ level: "silent" }),
      auth: {
        publicKey: generateSigningKeys().publicKey,
        issuer: "logicore",
        audience: "logicore-api",
        revocations,
      },
    });
    try {
      const url = await gateway.listen(0, "127.0.0.1");
      const response = await fetch(url.replace("/graphql", "/explorer"));
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
      // Nor named: a plain GET of /graphql is told how to send a query, not where an explorer is.
      const bare = await fetch(url, { headers: { accept: "*/*" } });
      expect(bare.status).toBe(400);
      const message = ((await bare.json()) as { errors: Array<{ message: string }> }).errors[0]?.message;
      expect(message).toMatch(/no `query`.*POST/);
      expect(message).not.toContain("explorer");
    } finally {
      await gateway.close();
      await revocations.close();
    }
  });
});
