import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server-rendered HTML, true once React runs in the browser. Forms stay disabled until then, so a
 * click before hydration cannot fall back to a native submit (which would put a password in a URL) or be lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
