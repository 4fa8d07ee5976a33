"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Polls the statuses of the certifications still in progress (TanStack Query, every 1.5 s while any is) and
 * refreshes the server-rendered page when one changes: pending rows become completed without a reload.
 */
export function LiveRefresh({
  watch,
}: {
  /** id → "status/archived" as rendered; polling stops when nothing is watched. */
  watch: Record<string, string>;
}) {
  const router = useRouter();
  const ids = Object.keys(watch);
  const { data } = useQuery({
    queryKey: ["certification-statuses", ids.join(",")],
    queryFn: async () => {
      const response = await fetch(`/certifications/statuses?ids=${ids.join(",")}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as Array<{ id: string; status: string; archived: boolean }>;
    },
    enabled: ids.length > 0,
    refetchInterval: 1500,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  useEffect(() => {
    if (!data) return;
    if (data.some((row) => watch[row.id] !== undefined && watch[row.id] !== `${row.status}/${row.archived}`))
      router.refresh();
  }, [data, watch, router]);
  return null;
}
