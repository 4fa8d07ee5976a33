import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Certdesk", template: "%s · Certdesk" },
  description: "Evidence certification and consent claiming for compliance teams.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, never prerendered: Next.js puts the nonce of this request's Content-Security-Policy
  // (proxy.ts) on its scripts, and a page built ahead of time would carry none and be blocked.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
