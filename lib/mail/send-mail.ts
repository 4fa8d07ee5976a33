// Email out through the deployment's SMTP server (CERTDESK_SMTP_URL, read in lib/config.ts), with nodemailer. Only
// jobs call this (lib/jobs/notice-jobs.ts): never a request or a database transaction, so a slow or absent SMTP
// server delays an email, not a page or a commit.
import nodemailer, { type Transporter } from "nodemailer";
import { mailTransport } from "@/lib/config";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export class MailOffError extends Error {
  constructor() {
    super("Email is off: CERTDESK_SMTP_URL is not set.");
    this.name = "MailOffError";
  }
}

let cached: { url: string; transporter: Transporter } | undefined;

function transporter(url: string): Transporter {
  if (cached?.url !== url) {
    cached?.transporter.close();
    cached = {
      url,
      // Bounded waits: a silent server fails the attempt and the job retries later.
      transporter: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return cached.transporter;
}

/** Sends one message; throws when the server refuses or does not answer (the job retries). */
export async function sendMail(message: MailMessage): Promise<{ messageId: string }> {
  const transport = mailTransport();
  if (!transport) throw new MailOffError();
  const info = await transporter(transport.url).sendMail({ from: transport.from, ...message });
  if (info.rejected.length > 0) throw new Error(`The SMTP server refused the recipient ${message.to}.`);
  return { messageId: info.messageId };
}
