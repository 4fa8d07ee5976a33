import type { ReactNode } from "react";
import { SESSION_ENDED_MESSAGE } from "@/lib/auth/session-ended-message";
import { SessionEndedRedirect } from "@/components/session/session-ended-redirect";

const TONES = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  info: "border-sky-200 bg-sky-50 text-sky-900",
} as const;

export function Alert({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md border px-3.5 py-2.5 text-sm ${TONES[tone]}`}
    >
      {children}
      {/* A server action's "session ended" answer: the user goes to sign in and comes back here. */}
      {children === SESSION_ENDED_MESSAGE ? <SessionEndedRedirect /> : null}
    </div>
  );
}
