import { Writable } from "node:stream";
import { logFormatFromEnv } from "@logicore/config";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

function capture(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  return { stream, text: () => text };
}

const secrets = {
  password: "top-level-password",
  token: "top-level-token",
  input: { password: "nested-password", newPassword: "nested-new", refreshToken: "nested-refresh" },
  req: { headers: { authorization: "Bearer eyJ.secret.sig", cookie: "session=cookie-secret" } },
};

describe("createLogger", () => {
  it.each(["json", "pretty"] as const)("redacts passwords, tokens and credentials headers (%s)", (format) => {
    const out = capture();
    createLogger({ service: "test", format, destination: out.stream }).warn(secrets, "something happened");
    const text = out.text();
    expect(text).toContain("something happened");
    expect(text).toContain("[redacted]");
    for (const secret of [
      "top-level-password",
      "top-level-token",
      "nested-password",
      "nested-new",
      "nested-refresh",
      "eyJ.secret.sig",
      "cookie-secret",
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("writes one JSON object per line by default, with the service and level", () => {
    const out = capture();
    const logger = createLogger({ service: "users", destination: out.stream });
    logger.info({ requestId: "r-1" }, "first");
    logger.error({ err: new Error("boom") }, "second");
    const lines = out
      .text()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toMatchObject([
      { level: 30, service: "users", requestId: "r-1", msg: "first" },
      {
        level: 50,
        service: "users",
        msg: "second",
        err: { message: "boom", stack: expect.stringContaining("Error: boom") },
      },
    ]);
  });

  it("writes human lines, not JSON, when the format is pretty", () => {
    const out = capture();
    createLogger({ service: "gateway", format: "pretty", destination: out.stream }).info(
      { requestId: "r-2" },
      "ready",
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: colours are ANSI escapes
    const text = out.text().replace(/\u001b\[[0-9;]*m/g, "");
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/INFO.*ready/);
    expect(text).toContain('requestId: "r-2"');
  });
});

describe("LOG_FORMAT", () => {
  it("is pretty on a terminal and JSON elsewhere unless set", () => {
    expect(logFormatFromEnv({}, true)).toBe("pretty");
    expect(logFormatFromEnv({}, false)).toBe("json");
    expect(logFormatFromEnv({ LOG_FORMAT: "json" }, true)).toBe("json");
    expect(logFormatFromEnv({ LOG_FORMAT: "pretty" }, false)).toBe("pretty");
    expect(() => logFormatFromEnv({ LOG_FORMAT: "xml" }, false)).toThrow(
      /LOG_FORMAT must be one of json, pretty/,
    );
  });
});
