import { createTransport } from "nodemailer";
import type { Logger } from "pino";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Outgoing mail. A rejected `send` means the message was not accepted for delivery. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * Development mailer: writes the message to the log so a developer can follow the link.
 * Never used in production, where a message body may carry a live token.
 */
export function createLogMailer(logger: Logger): Mailer {
  return {
    async send(message) {
      logger.warn(
        { mail: { to: message.to, subject: message.subject } },
        `DEVELOPMENT MAIL\n${message.text}`,
      );
    },
  };
}

export interface SmtpMailerOptions {
  /** SMTP_URL: `smtp://user:password@host:587` or `smtps://…`; query parameters are nodemailer options. */
  url: string;
  /** MAIL_FROM: the From of every message. */
  from: string;
  /** Where refused or failed deliveries are logged, with the server's answer. */
  logger: Logger;
}

// nodemailer waits minutes by default; a client waiting on requestEmailVerification should not.
const TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * Sends through an SMTP server (nodemailer), one connection per message. A failure is logged here
 * with the server's answer and rethrown; callers turn it into a public error without those words.
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const transport = createTransport({ ...TIMEOUTS_MS, url: options.url }, { from: options.from });
  return {
    async send(message) {
      try {
        await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
      } catch (error) {
        options.logger.error({ err: error, mail: { subject: message.subject } }, "mail could not be sent");
        throw error;
      }
    },
  };
}
