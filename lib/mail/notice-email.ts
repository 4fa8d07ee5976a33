// A notice as an email: plain text and simple HTML, every value escaped, the link absolute from the deployment's
// public URL (lib/config.ts publicUrl) and always inside Certdesk.
import type { MailMessage } from "./send-mail";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** Keeps a header on one line (no CR/LF injection) and short. */
function headerText(value: string): string {
  return value.replace(/[\r\n\t]+/g, " ").slice(0, 200);
}

export function noticeEmail(input: {
  to: string;
  tenantName: string;
  title: string;
  body: string;
  /** A path inside Certdesk, from the notice. */
  link: string;
  baseUrl: string;
}): MailMessage {
  const path = input.link.startsWith("/") && !input.link.startsWith("//") ? input.link : "/notices";
  const url = `${input.baseUrl.replace(/\/+$/, "")}${path}`;
  const settings = `${input.baseUrl.replace(/\/+$/, "")}/settings/notices`;
  const text = [
    input.title,
    "",
    input.body,
    "",
    `Open it in Certdesk: ${url}`,
    "",
    `-- Certdesk, ${input.tenantName}. Choose which notices you get by email: ${settings}`,
    "",
  ].join("\n");
  const html = `<!doctype html>
<html><body style="font-family: sans-serif; color: #111;">
<h1 style="font-size: 18px;">${escapeHtml(input.title)}</h1>
<p>${escapeHtml(input.body)}</p>
<p><a href="${escapeHtml(url)}">Open it in Certdesk</a></p>
<p style="color: #555; font-size: 12px;">Certdesk, ${escapeHtml(input.tenantName)}.
<a href="${escapeHtml(settings)}">Choose which notices you get by email</a>.</p>
</body></html>
`;
  return { to: input.to, subject: headerText(`[Certdesk] ${input.title}`), text, html };
}
