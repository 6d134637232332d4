import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { DEVELOPMENT_ADMIN_PASSWORD, type HttpApp } from "@logicore/service";

/** Where development serves the explorer. */
export const EXPLORER_PATH = "/explorer";

export interface ExplorerRouteOptions {
  /** Where the page lives; its assets are served under `<path>/assets/`. @default EXPLORER_PATH */
  path?: string;
  /** The GraphQL endpoint the page sends operations to. @default "/graphql" */
  endpoint?: string;
}

interface Asset {
  contentType: string;
  body: Buffer | string;
}

const require = createRequire(import.meta.url);
const packageFile = (name: string, file: string) =>
  readFileSync(join(dirname(require.resolve(`${name}/package.json`)), file));

// GraphiQL 3 is the last line with a browser bundle (UMD, on global React 18); every byte the page
// loads comes from the gateway, so it works with no internet (Apollo Sandbox loads from Apollo's CDN).
function loadAssets(endpoint: string): Map<string, Asset> {
  const js = "text/javascript; charset=utf-8";
  return new Map<string, Asset>([
    ["react.js", { contentType: js, body: packageFile("react", "umd/react.production.min.js") }],
    ["react-dom.js", { contentType: js, body: packageFile("react-dom", "umd/react-dom.production.min.js") }],
    ["graphiql.js", { contentType: js, body: packageFile("graphiql", "graphiql.min.js") }],
    [
      "graphiql.css",
      { contentType: "text/css; charset=utf-8", body: packageFile("graphiql", "graphiql.min.css") },
    ],
    ["explorer.js", { contentType: js, body: bootScript(endpoint) }],
  ]);
}

// The README's first step, ready to run: sign in, then paste the token into the Headers tab.
const firstOperation = `# Run SignIn (the play button), copy accessToken, then open the Headers tab below and set
# { "Authorization": "Bearer <accessToken>" } before running queries that need a signed-in user.
mutation SignIn {
  login(email: "admin@logicore.dev", password: "${DEVELOPMENT_ADMIN_PASSWORD}") {
    accessToken
    user { email role }
  }
}
`;

// A file, not an inline script: the page's policy allows scripts from this origin only.
function bootScript(endpoint: string): string {
  return `"use strict";
const fetcher = GraphiQL.createFetcher({ url: new URL(${JSON.stringify(endpoint)}, location.href).href });
ReactDOM.createRoot(document.getElementById("explorer")).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: ${JSON.stringify(firstOperation)},
    defaultEditorToolsVisibility: "headers",
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }),
);
`;
}

function page(assets: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>LogiCore explorer</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${assets}/graphiql.css">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer">Loading the LogiCore explorer…</div>
<script src="${assets}/react.js"></script>
<script src="${assets}/react-dom.js"></script>
<script src="${assets}/graphiql.js"></script>
<script src="${assets}/explorer.js"></script>
</body>
</html>
`;
}

// The gateway's development policy is Apollo Sandbox's (its CDNs); this page needs only its own
// origin, inline styles (GraphiQL's editor sets them) and the fonts its stylesheet inlines.
const explorerPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * A GraphiQL explorer served entirely by the gateway (development only: production serves no
 * page). Assets are read once, at registration.
 */
export function registerExplorerRoute(app: HttpApp, options: ExplorerRouteOptions = {}): void {
  const path = options.path ?? EXPLORER_PATH;
  const assets = loadAssets(options.endpoint ?? "/graphql");
  const html = page(`${path}/assets`);
  app.get(path, async (_request, reply) =>
    reply
      .header("content-security-policy", explorerPolicy)
      .header("content-type", "text/html; charset=utf-8")
      .send(html),
  );
  app.get<{ Params: { file: string } }>(`${path}/assets/:file`, async (request, reply) => {
    const asset = assets.get(request.params.file);
    if (asset === undefined) return reply.callNotFound();
    return reply
      .header("content-type", asset.contentType)
      .header("cache-control", "public, max-age=3600")
      .send(asset.body);
  });
}
