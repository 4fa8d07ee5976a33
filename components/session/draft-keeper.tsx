"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";
import {
  applyDraft,
  dropDraft,
  isReturnPending,
  readDraft,
  saveDraft,
  takeDraft,
  takeReturn,
} from "./form-draft";

const RESTORE_TRIES = 40;
const RESTORE_INTERVAL_MS = 100;

/**
 * Keeps what the user types in the page's forms (sessionStorage, this tab only) while they stay on the page. When
 * the session ends and they sign in again, the page they come back to gets its unsent input back, once. A draft
 * that was not taken by such a return is dropped when the user leaves the page or sends the form and stays.
 */
export function DraftKeeper() {
  const pathname = usePathname();

  useEffect(() => {
    const path = pathname;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => saveDraft(path, readDraft(document));
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(save, 300);
    };
    // The values as sent: if the answer is "session ended", they are what comes back after signing in.
    const onSubmit = () => {
      clearTimeout(timer);
      save();
    };
    document.addEventListener("input", onInput, true);
    document.addEventListener("change", onInput, true);
    document.addEventListener("submit", onSubmit, true);

    // Back from the sign-in form: fill the forms in once they are rendered (some render after their data).
    let tries = 0;
    let restoring: ReturnType<typeof setTimeout> | undefined;
    if (takeReturn(path)) {
      const draft = takeDraft(path);
      const restore = () => {
        if (!draft || applyDraft(document, draft) > 0 || ++tries >= RESTORE_TRIES) return;
        restoring = setTimeout(restore, RESTORE_INTERVAL_MS);
      };
      restore();
    } else {
      dropDraft(path);
    }

    return () => {
      clearTimeout(timer);
      clearTimeout(restoring);
      document.removeEventListener("input", onInput, true);
      document.removeEventListener("change", onInput, true);
      document.removeEventListener("submit", onSubmit, true);
      if (!isReturnPending(path)) dropDraft(path);
    };
  }, [pathname]);

  return null;
}
