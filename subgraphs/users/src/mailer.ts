import type { Logger } from "pino";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Outgoing mail. Production deployments plug in their provider here. */
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
