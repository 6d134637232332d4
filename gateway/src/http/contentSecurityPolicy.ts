import type { Mode } from "@logicore/service";

export type CspDirectives = Readonly<Record<string, readonly string[] | null>>;

// What Apollo Server 5's Sandbox landing page loads (see its own <meta> CSP in
// @apollo/server/plugin/landingPage/default): the Sandbox script, its styles and fonts, the favicon
// and manifest from the landing-page CDN, and Sandbox itself in an iframe.
const LANDING_PAGE_CDN = "https://apollo-server-landing-page.cdn.apollographql.com";
const SANDBOX_CDN = "https://embeddable-sandbox.cdn.apollographql.com";
const EXPLORER_CDN = "https://embeddable-explorer.cdn.apollographql.com";
const SANDBOX_FRAME = "https://sandbox.embed.apollographql.com";
const EXPLORER_FRAME = "https://explorer.embed.apollographql.com";

/**
 * Development serves Apollo Sandbox at `GET /graphql`. Its inline script and style carry a nonce
 * that the landing page makes up per render and enforces in its own `<meta>` CSP; a header cannot
 * know that nonce, so it allows 'unsafe-inline' and the browser, which enforces both policies,
 * still runs only the nonced inline code.
 */
const development: CspDirectives = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'unsafe-inline'", LANDING_PAGE_CDN, SANDBOX_CDN, EXPLORER_CDN],
  "script-src-attr": ["'none'"],
  "style-src": [
    "'self'",
    "'unsafe-inline'",
    LANDING_PAGE_CDN,
    SANDBOX_CDN,
    EXPLORER_CDN,
    "https://fonts.googleapis.com",
  ],
  "font-src": ["'self'", "https://fonts.gstatic.com", LANDING_PAGE_CDN, SANDBOX_CDN, EXPLORER_CDN],
  "img-src": ["'self'", "data:", LANDING_PAGE_CDN],
  "manifest-src": ["'self'", LANDING_PAGE_CDN],
  "frame-src": [SANDBOX_FRAME, EXPLORER_FRAME],
  // Sandbox runs operations from this page (the endpoint is 'self') and talks to Apollo's API.
  "connect-src": ["'self'", "https://*.apollographql.com"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
  // Helmet adds it by default; on http://localhost it would send the page's own requests to https.
  "upgrade-insecure-requests": null,
};

/**
 * Production answers JSON to programs; no page of this origin needs to run or load anything, and
 * the plain landing page still shows its text without scripts or styles.
 */
const production: CspDirectives = {
  "default-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
  "frame-ancestors": ["'none'"],
};

/** The Content-Security-Policy directives the gateway sends on every response. */
export function contentSecurityPolicyFor(mode: Mode): CspDirectives {
  switch (mode) {
    case "development":
      return development;
    case "production":
      return production;
    default: {
      const unknownMode: never = mode;
      throw new Error(`Unknown mode ${String(unknownMode)}`);
    }
  }
}
