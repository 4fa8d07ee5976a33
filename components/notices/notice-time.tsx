"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

const format = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
});

/** When a notice was written, in the reader's time zone once in the browser (UTC before, so hydration agrees). */
export function NoticeTime({ at }: { at: string }) {
  const hydrated = useHydrated();
  const date = new Date(at);
  return (
    <time dateTime={at} className="text-xs text-slate-500">
      {hydrated ? format.format(date) : `${at.slice(0, 16).replace("T", " ")} UTC`}
    </time>
  );
}
