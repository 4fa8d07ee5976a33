// Unsent form input kept across a sign-in: what the forms of a page hold, saved in sessionStorage under the page's
// path (pathname), and put back once when the user returns to that path after signing in again. Passwords, files,
// hidden and read-only fields are never saved; a field opts out with data-draft="off" (API keys, for instance).

export type Draft = Record<string, string | boolean>;

const DRAFT_PREFIX = "certdesk:draft:";
/** Set just before the browser leaves for the sign-in form: the path whose draft is to be restored on return. */
const RETURN_KEY = "certdesk:return";

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function fieldsOf(root: ParentNode): Array<{ key: string; field: Field }> {
  const result: Array<{ key: string; field: Field }> = [];
  root.querySelectorAll("form").forEach((form, formIndex) => {
    form.querySelectorAll<Field>("input, textarea, select").forEach((field) => {
      const type = field instanceof HTMLInputElement ? field.type : field.tagName.toLowerCase();
      if (["password", "file", "hidden", "submit", "button", "reset", "image"].includes(type)) return;
      if (field.closest("[data-draft='off']")) return;
      // Read-only fields hold what the page wrote (a webhook URL with its token), not what the user typed.
      if ("readOnly" in field && field.readOnly) return;
      const name = field.name || field.id;
      if (!name) return;
      const checkable = type === "checkbox" || type === "radio";
      result.push({ key: `${formIndex}|${name}${checkable ? `|${field.value}` : ""}`, field });
    });
  });
  return result;
}

/** What the page's forms hold now. */
export function readDraft(root: ParentNode): Draft {
  const draft: Draft = {};
  for (const { key, field } of fieldsOf(root)) {
    draft[key] =
      field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")
        ? field.checked
        : field.value;
  }
  return draft;
}

/**
 * Puts a draft back through the elements' own setters and input/change events, so that React's controlled fields
 * take the values as if typed. Answers how many fields were found.
 */
export function applyDraft(root: ParentNode, draft: Draft): number {
  let found = 0;
  for (const { key, field } of fieldsOf(root)) {
    if (!(key in draft)) continue;
    found += 1;
    const value = draft[key];
    if (typeof value === "boolean") {
      if (field instanceof HTMLInputElement && field.checked !== value) field.click();
      continue;
    }
    if (field.value === value) continue;
    const prototype = Object.getPrototypeOf(field) as object;
    Object.getOwnPropertyDescriptor(prototype, "value")?.set?.call(field, value);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }
  return found;
}

export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

export function saveDraft(path: string, draft: Draft) {
  try {
    if (Object.values(draft).some((value) => value !== "" && value !== false))
      sessionStorage.setItem(DRAFT_PREFIX + path, JSON.stringify(draft));
    else sessionStorage.removeItem(DRAFT_PREFIX + path);
  } catch {
    // Storage full or refused (private mode): the draft is a convenience, the form still works.
  }
}

export function takeDraft(path: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_PREFIX + path);
    sessionStorage.removeItem(DRAFT_PREFIX + path);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
    return Object.fromEntries(
      Object.entries(parsed).filter(([, value]) => typeof value === "string" || typeof value === "boolean"),
    ) as Draft;
  } catch {
    return null;
  }
}

export function dropDraft(path: string) {
  try {
    sessionStorage.removeItem(DRAFT_PREFIX + path);
  } catch {
    // Nothing to drop.
  }
}

export function markReturn(path: string) {
  try {
    sessionStorage.setItem(RETURN_KEY, path);
  } catch {
    // Without storage the user still comes back to the page (the sign-in link carries it), only without input.
  }
}

/** Whether the user has just come back to `path` from the sign-in form; answers once. */
export function takeReturn(path: string): boolean {
  try {
    if (sessionStorage.getItem(RETURN_KEY) !== path) return false;
    sessionStorage.removeItem(RETURN_KEY);
    return true;
  } catch {
    return false;
  }
}

export function isReturnPending(path: string): boolean {
  try {
    return sessionStorage.getItem(RETURN_KEY) === path;
  } catch {
    return false;
  }
}

/** The sign-in form's address that brings the user back here. */
export function signInPath(path: string): string {
  return `/login?next=${encodeURIComponent(path)}`;
}
