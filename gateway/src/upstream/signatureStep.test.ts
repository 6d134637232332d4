import { createGatewayProofVerifier, GATEWAY_PROOF_HEADER, generateGatewayProofKey } from "@logicore/auth";
import { describe, expect, it } from "vitest";
import type { UpstreamRequest } from "./pipeline.js";
import { signatureStep } from "./signatureStep.js";
import { SubgraphDataSource } from "./subgraphDataSource.js";

const key = generateGatewayProofKey();

/** A data source over the step whose HTTP request is captured instead of sent. */
function capturingSource() {
  const sent: Array<{ body: string; headers: Record<string, string> }> = [];
  const source = new SubgraphDataSource({
    name: "users",
    url: "http://users.internal/graphql",
    steps: [signatureStep({ subgraphName: "users", key })],
  });
  source.fetcher = (async (_url: string, init: { body: string; headers: Record<string, string> }) => {
    sent.push({ body: init.body, headers: init.headers });
    return new Response('{"data":{"__typename":"Query"}}', {
      headers: { "content-type": "application/json" },
    });
  }) as unknown as typeof source.fetcher;
  return { source, sent };
}

describe("signatureStep", () => {
  it("signs the very bytes Apollo sends, with the client's request id and address", async () => {
    const { source, sent } = capturingSource();
    const request = {
      kind: "incoming operation",
      request: {
        operationName: "Op__users__0",
        variables: { r: [{ __typename: "User", id: "é-1" }] },
        query: "query Op__users__0($r:[_Any!]!){_entities(representations:$r){__typename}}",
      },
      context: { requestId: "req-42", clientAddress: "203.0.113.7" },
      incomingRequestContext: {},
      pathInIncomingRequest: [],
    } as unknown as UpstreamRequest;
    // Twice: a retry reuses the request object, which Apollo has given an `http` field by then.
    await source.process(request);
    await source.process(request);

    const verify = createGatewayProofVerifier({ audience: "users", keys: { current: key } });
    for (const { body, headers } of sent) {
      expect(verify(headers, body)).toEqual({
        ok: true,
        claims: { audience: "users", requestId: "req-42", clientAddress: "203.0.113.7" },
      });
    }
    const { body, headers } = sent[0] ?? { body: "", headers: {} };
    const other = createGatewayProofVerifier({ audience: "orders", keys: { current: key } });
    expect(other(headers, body)).toMatchObject({ ok: false });
    expect(headers[GATEWAY_PROOF_HEADER]).toMatch(/^v1\./);
  });

  it("signs the gateway's own calls too, with no client address", async () => {
    const { source, sent } = capturingSource();
    await source.process({
      kind: "health check",
      request: { query: "query __ApolloServiceHealthCheck__ { __typename }" },
      context: {},
    } as unknown as UpstreamRequest);
    const verify = createGatewayProofVerifier({ audience: "users", keys: { current: key } });
    const { body, headers } = sent[0] ?? { body: "", headers: {} };
    expect(verify(headers, body)).toMatchObject({ ok: true, claims: { clientAddress: "" } });
  });
});
