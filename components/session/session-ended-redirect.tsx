"use client";

import { useEffect } from "react";
import { currentPath, markReturn, readDraft, saveDraft, signInPath } from "./form-draft";

/**
 * Rendered where a server action's "session ended" answer is shown: keeps the page's form input (what is still in
 * the fields, else the draft saved as it was typed or sent) and sends the user to sign in, to come back here.
 */
export function SessionEndedRedirect() {
  useEffect(() => {
    // Drafts and the return mark are per page (pathname); the sign-in link brings back its query too.
    const { pathname } = window.location;
    const draft = readDraft(document);
    if (Object.values(draft).some((value) => value !== "" && value !== false)) saveDraft(pathname, draft);
    markReturn(pathname);
    window.location.assign(signInPath(currentPath()));
  }, []);
  return null;
}
