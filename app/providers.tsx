"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { config as zodConfig } from "zod";

// Zod probes for eval with `new Function` before its first parse; under the Content-Security-Policy (proxy.ts)
// that probe is reported as a violation even though Zod catches it. Parse without it in the browser.
zodConfig({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
