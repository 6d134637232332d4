import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the stand-in answers: as the real subgraph, or broken in one of the ways subgraphs break. */
export type Fault =
  | { kind: "none" }
  | { kind: "delay"; ms: number }
  | { kind: "hang" }
  | { kind: "status"; status: number }
  | { kind: "malformed" }
  /** 502 for the next `failures` requests, then answers as the real subgraph. */
  | { kind: "flaky"; failures: number };

/** One request the stand-in received; `aborted` turns true when the gateway drops it unanswered. */
export interface ReceivedCall {
  query: string;
  aborted: boolean;
  abortedAt?: number;
}

/**
 * A subgraph's address with a switch in front of it: real HTTP on loopback, forwarding to a real
 * fixture subgraph unless told to fail. `stop()` closes the port (connections are refused),
 * `restart()` opens the same port again.
 */
export interface FaultySubgraph {
  readonly url: string;
  fault: Fault;
  readonly received: ReceivedCall[];
  stop(): Promise<void>;
  restart(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFaultySubgraph(targetUrl: string): Promise<FaultySubgraph> {
  const received: ReceivedCall[] = [];
  let server: Server;
  let port = 0;

  const handler = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await bodyOf(request);
    const call: ReceivedCall = { query: (JSON.parse(body) as { query: string }).query, aborted: false };
    received.push(call);
    response.on("close", () => {
      if (!response.writableFinished) {
        call.aborted = true;
        call.abortedAt = performance.now();
      }
    });
    const fault = faulty.fault;
    switch (fault.kind) {
      case "hang":
        return;
      case "status":
        response.writeHead(fault.status, { "content-type": "text/html" }).end("<h1>down</h1>");
        return;
      case "malformed":
        response.writeHead(200, { "content-type": "application/json" }).end('{"data": {"oops');
        return;
      case "flaky":
        if (fault.failures > 0) {
          faulty.fault = { kind: "flaky", failures: fault.failures - 1 };
          response.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad Gateway</h1>");
          return;
        }
        break;
      case "delay":
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        break;
      case "none":
        break;
    }
    if (response.destroyed) return;
    const upstream = await fetch(targetUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    response
      .writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "text/plain" })
      .end(await upstream.text());
  };

  const listen = async () => {
    server = createServer((request, response) => void handler(request, response));
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  };
  await listen();

  const faulty: FaultySubgraph = {
    url: `http://127.0.0.1:${port}/graphql`,
    fault: { kind: "none" },
    received,
    stop: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
    restart: listen,
  };
  return faulty;
}
