import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  /** The GraphQL document the gateway sent. */
  query: string;
  variables: Record<string, unknown> | undefined;
  headers: Record<string, string | string[] | undefined>;
}

export interface RecordingProxy {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

/**
 * Sits between the gateway and one subgraph, forwarding every request unchanged and recording it,
 * so tests can count the fetches a query plan makes (e.g. "one fetch to users for 100 orders").
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    try {
      const parsed = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      calls.push({ query: parsed.query, variables: parsed.variables, headers: request.headers });
    } catch {
      calls.push({ query: body, variables: undefined, headers: request.headers });
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "host",
      ),
    );
    const upstream = await fetch(target, { method: request.method ?? "POST", headers, body });
    response.writeHead(upstream.status, {
      "content-type": upstream.headers.get("content-type") ?? "application/json",
    });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
