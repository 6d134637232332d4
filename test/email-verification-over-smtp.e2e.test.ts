import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SpawnedStack, spawnStack } from "./support/spawnedStack.js";
import { ANONYMOUS, type GraphQLResponse, postGraphQL } from "./support/stack.js";

interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** The whole message as the server received it: headers, a blank line, the body. */
  raw: string;
}

const SINK_USER = "logicore";
const SINK_PASSWORD = "sink-password";
// What a refusing mail server says; the client must never see it.
const REFUSAL = "mailbox unavailable: quota exceeded on mx-internal-7";

/**
 * A real SMTP server in this process, as the mail provider: it requires the credentials of
 * SMTP_URL, keeps every message, and refuses recipients whose address starts with `refused-`.
 */
async function startSmtpSink(): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust in the test, so no STARTTLS.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    onAuth(auth, _session, callback) {
      if (auth.username === SINK_USER && auth.password === SINK_PASSWORD)
        return callback(null, { user: SINK_USER });
      callback(new Error("invalid credentials"));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("refused-")) {
        return callback(Object.assign(new Error(REFUSAL), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address;
        mails.push({
          envelope: { from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) },
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A header's value, unfolded. */
function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  return unfolded.match(new RegExp(`^${name}: (.*)$`, "im"))?.[1]?.trim();
}

const SIGN_UP =
  "mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken user { id emailVerified } } }";
const REQUEST = "mutation { requestEmailVerification }";
const VERIFY = "mutation ($token: String!) { verifyEmail(token: $token) { id emailVerified } }";
const MESSAGE = "The verification email could not be sent; try again later";

const dataDir = mkdtempSync(join(tmpdir(), "logicore-smtp-"));
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let stack: SpawnedStack;
let gateway: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  // `pnpm start`'s own processes: the users subgraph reads SMTP_URL and MAIL_FROM from its
  // environment, as a deployment's would.
  stack = await spawnStack({
    DATA_DIR: dataDir,
    SMTP_URL: `smtp://${SINK_USER}:${SINK_PASSWORD}@127.0.0.1:${sink.port}`,
    MAIL_FROM: "LogiCore <no-reply@logicore.test>",
  });
  gateway = `http://127.0.0.1:${stack.gatewayPort}/graphql`;
});

afterAll(async () => {
  await stack?.stop();
  await sink?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signUp(email: string): Promise<{ id: string; headers: Record<string, string> }> {
  const response = await postGraphQL(
    gateway,
    SIGN_UP,
    { input: { email, password: "Smtp-Password-1", name: "Mail Reader" } },
    ANONYMOUS,
  );
  const payload = response.body.data?.signUp as { accessToken: string; user: { id: string } } | undefined;
  if (!payload) throw new Error(`signUp failed: ${JSON.stringify(response.body)}`);
  return { id: payload.user.id, headers: { authorization: `Bearer ${payload.accessToken}` } };
}

describe("email verification through an SMTP server (SMTP_URL, MAIL_FROM)", () => {
  it("mails the token from MAIL_FROM to the user, and that token verifies the address through the gateway", async () => {
    const email = `reader-${Date.now()}@example.test`;
    const user = await signUp(email);
    const requested = await postGraphQL(gateway, REQUEST, {}, user.headers);
    expect(requested.body).toEqual({ data: { requestEmailVerification: true } });

    const mail = sink.mails.find((received) => received.envelope.to.includes(email));
    expect(mail, `no message for ${email} reached the SMTP server`).toBeDefined();
    if (!mail) return;
    expect(mail.envelope).toEqual({ from: "no-reply@logicore.test", to: [email] });
    expect(header(mail.raw, "From")).toBe("LogiCore <no-reply@logicore.test>");
    expect(header(mail.raw, "To")).toBe(email);
    expect(header(mail.raw, "Subject")).toBe("Verify your LogiCore email address");
    const token = mail.raw.match(/^[A-Za-z0-9_-]{43}$/m)?.[0];
    expect(token, mail.raw).toBeDefined();

    const verified = await postGraphQL(gateway, VERIFY, { token }, ANONYMOUS);
    expect(verified.body).toEqual({ data: { verifyEmail: { id: user.id, emailVerified: true } } });
    // With SMTP configured the message goes to the server only: the live token is not logged.
    expect(stack.output()).not.toContain(token);
    expect(stack.output()).not.toContain("DEVELOPMENT MAIL");
  });

  it("answers SERVICE_UNAVAILABLE when the server refuses the message, without the server's words", async () => {
    const user = await signUp(`refused-${Date.now()}@example.test`);
    const response: GraphQLResponse = await postGraphQL(gateway, REQUEST, {}, user.headers);
    expect(response.body.data?.requestEmailVerification ?? null).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]).toMatchObject({
      message: MESSAGE,
      path: ["requestEmailVerification"],
      extensions: { code: "SERVICE_UNAVAILABLE" },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/quota|mx-internal|550|smtp/i);
    // The operator still learns why, from the users subgraph's log.
    await expect.poll(() => stack.output()).toContain(REFUSAL);
  });
});
