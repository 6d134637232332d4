import { describe, expect, it } from "vitest";
import { DEVELOPMENT_ADMIN_PASSWORD, loadUsersConfig } from "./config.js";

describe("users configuration", () => {
  it("defaults to development on the embedded database with the documented seed password", () => {
    const config = loadUsersConfig({ DATA_DIR: "/tmp/logicore" });
    expect(config).toMatchObject({
      mode: "development",
      port: 4001,
      host: "127.0.0.1",
      databaseUrl: undefined,
      dataDir: "/tmp/logicore/users",
      poolMax: 10,
      seedAdminPassword: DEVELOPMENT_ADMIN_PASSWORD,
      mail: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("refuses production without DATABASE_URL, naming the variable", () => {
    expect(() => loadUsersConfig({ NODE_ENV: "production" })).toThrow(
      /DATABASE_URL is required in production/,
    );
  });

  const production = {
    NODE_ENV: "production",
    DATABASE_URL: "postgres://db:5432/users",
    SMTP_URL: "smtps://mailer:secret@smtp.example.com:465",
    MAIL_FROM: "no-reply@example.com",
  };

  it("never falls back to the development seed password in production", () => {
    const config = loadUsersConfig(production);
    expect(config.seedAdminPassword).toBeUndefined();
    expect(config.host).toBe("0.0.0.0");
  });

  it.each([
    [{ PORT: "http" }, /PORT must be a whole number/],
    [{ DB_POOL_MAX: "0" }, /DB_POOL_MAX must be a whole number from 1/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must use postgres:/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of/],
    [{ SMTP_URL: "https://mail.example.com" }, /^SMTP_URL must use smtp: or smtps:, got https:$/],
    [{ SMTP_URL: "smtp://" }, /^SMTP_URL must name the server's host/],
    [{ SMTP_URL: "smtp://[oops" }, /^SMTP_URL must be a URL \(smtp: or smtps:\)/],
    [{ SMTP_URL: "smtp://smtp.example.com:587" }, /^MAIL_FROM is required with SMTP_URL/],
    [{ MAIL_FROM: "no-reply" }, /^MAIL_FROM must be an email address like no-reply@example.com/],
    [{ MAIL_FROM: "LogiCore <no-reply@example.com" }, /^MAIL_FROM must be an email address/],
    [{ MAIL_FROM: "a@b.com, c@d.com" }, /^MAIL_FROM must be an email address/],
  ])("rejects %j with a message naming the variable", (env, message) => {
    expect(() => loadUsersConfig(env)).toThrow(message);
  });

  describe("mail (SMTP_URL, MAIL_FROM)", () => {
    it("writes development mail to the log unless SMTP_URL is set", () => {
      expect(loadUsersConfig({ MAIL_FROM: "no-reply@example.com" }).mail).toBeUndefined();
    });

    it.each([
      ["smtp://user:pass@smtp.example.com:587", "no-reply@example.com"],
      ["smtps://user:pass@smtp.example.com:465", "LogiCore <no-reply@example.com>"],
      ["smtp://127.0.0.1:2525", '"LogiCore Mail" <no-reply@mail.example.com>'],
    ])("sends through %s from %s", (smtpUrl, from) => {
      const config = loadUsersConfig({ SMTP_URL: smtpUrl, MAIL_FROM: from });
      expect(config.mail).toEqual({ smtpUrl, from });
      expect(Object.isFrozen(config.mail)).toBe(true);
    });

    it("requires SMTP_URL and MAIL_FROM in production, naming the variable on one line", () => {
      const { SMTP_URL: _url, ...withoutUrl } = production;
      const { MAIL_FROM: _from, ...withoutFrom } = production;
      expect(() => loadUsersConfig(withoutUrl)).toThrow(
        /^SMTP_URL is required in production \(smtp:\/\/[^\n]*$/,
      );
      expect(() => loadUsersConfig(withoutFrom)).toThrow(/^MAIL_FROM is required in production [^\n]*$/);
      expect(loadUsersConfig(production).mail).toEqual({
        smtpUrl: production.SMTP_URL,
        from: production.MAIL_FROM,
      });
    });

    it("never repeats SMTP_URL's password in its refusal", () => {
      expect(() => loadUsersConfig({ SMTP_URL: "http://user:hunter2@smtp.example.com" })).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
      );
    });
  });
});
