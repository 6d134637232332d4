import type { ApolloServerPlugin, BaseContext, LandingPage } from "@apollo/server";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import type { Mode } from "@logicore/service";

export interface LandingPageOptions {
  mode: Mode;
  /** The local explorer's path, linked from the Sandbox page (development). */
  explorerPath: string;
}

/**
 * What a browser gets at `GET /graphql`. Development: Apollo Sandbox, whose script, fonts and icons
 * all come from Apollo's and Google's CDNs, so offline the page stays blank; a line of the page's
 * own HTML points to the local explorer. Online, Sandbox covers it. Production: Apollo's static
 * page, no Sandbox, no explorer.
 */
export function createLandingPagePlugin(options: LandingPageOptions): ApolloServerPlugin<BaseContext> {
  if (options.mode !== "development")
    return ApolloServerPluginLandingPageProductionDefault({ footer: false });
  const sandbox = ApolloServerPluginLandingPageLocalDefault({ footer: false });
  const link = explorerLink(options.explorerPath);
  return {
    async serverWillStart(service) {
      const listener = await sandbox.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (!render) return listener;
      return {
        ...listener,
        async renderLandingPage(): Promise<LandingPage> {
          const page = await render();
          // A function, as Apollo's own: the page carries a fresh CSP nonce per request.
          return {
            html: async () => {
              const html = typeof page.html === "string" ? page.html : await page.html();
              return html.replace("<body>", `<body>\n    ${link}${uncoverStyle(html)}`);
            },
          };
        },
      };
    },
  };
}

/**
 * Sandbox's mount point is a full-screen layer over the page, empty until Sandbox's script (from
 * the CDN) fills it; offline it stays empty and would take the link's clicks. The page's CSP allows
 * only styles with its nonce, so the rule carries it.
 */
function uncoverStyle(html: string): string {
  const nonce = /'nonce-([0-9a-f]+)'/.exec(html)?.[1];
  if (nonce === undefined) return "";
  return `\n    <style nonce="${nonce}">#embeddableSandbox:empty { display: none; }</style>`;
}

function explorerLink(path: string): string {
  return (
    `<p>Sandbox loads from Apollo's CDN. Offline, or is this page blank? Open the ` +
    `<a href="${path}">LogiCore explorer</a>: GraphiQL, served by this gateway, no internet needed.</p>`
  );
}
