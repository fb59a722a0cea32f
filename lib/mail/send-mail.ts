import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/config/env";
import { deliverToDevMailbox, isDevMailboxEnabled } from "./dev-mailbox";
import { logger } from "@/lib/logging/logger";

export type Mail = { to: string; subject: string; text: string; html: string };

// One pooled SMTP connection set per configured server (tests switch SMTP_URL with overrideEnv).
const transports = new Map<string, Transporter>();

function smtpTransport(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/**
 * Sends one mail: through SMTP_URL when it is set; otherwise into the dev mailbox (/dev/mailbox),
 * or, in production without SMTP, into the log so an operator can still pass a link on.
 */
export async function sendMail(mail: Mail): Promise<void> {
  if (env.SMTP_URL) {
    await smtpTransport(env.SMTP_URL).sendMail({ from: env.MAIL_FROM, ...mail });
    return;
  }
  if (isDevMailboxEnabled()) {
    deliverToDevMailbox(mail);
    if (env.NODE_ENV !== "test") logger.info(`[mail] to ${mail.to}: "${mail.subject}" (no SMTP_URL: open ${env.PUBLIC_URL}/dev/mailbox)`);
    return;
  }
  logger.warn(`[mail] SMTP_URL is not set; not sent to ${mail.to}: "${mail.subject}"\n${mail.text}`);
}
