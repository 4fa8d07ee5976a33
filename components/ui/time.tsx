"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime, formatRelative, isoDateTime, type DateInput } from "@/lib/text/format-date";

// A minute-ish clock shared by every relative time on the page: null on the server and in the hydrating render,
// so the HTML the server sent and the browser's first render are the same (the absolute UTC time).
const TICK_MS = 30_000;
const subscribe = (onTick: () => void) => {
  const timer = setInterval(onTick, TICK_MS);
  return () => clearInterval(timer);
};
const clientNow = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;
const serverNow = () => null;

/**
 * A moment in Certdesk's one format ("6 Dec 2026, 09:14 UTC", lib/text/format-date.ts). With `relative`, the
 * browser shows "3 minutes ago" / "in 2 days" once it runs, and the absolute time stays in the tooltip.
 */
export function Time({
  value,
  relative = false,
  seconds = false,
  className,
  testId,
}: {
  value: DateInput;
  relative?: boolean;
  seconds?: boolean;
  className?: string;
  testId?: string;
}) {
  const now = useSyncExternalStore(subscribe, clientNow, serverNow);
  const absolute = formatDateTime(value, { seconds });
  const text = relative && now !== null ? formatRelative(value, now) : absolute;
  return (
    <time
      dateTime={isoDateTime(value)}
      title={relative ? absolute : undefined}
      className={className}
      data-testid={testId}
    >
      {text}
    </time>
  );
}
