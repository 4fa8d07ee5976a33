// Names people typed or files carried (file names, titles, vendors, emails, audit details) are shown, never
// trusted for their look. Unicode bidirectional controls make text display in another order than it is stored:
// "gnp\u202Eexe.png" is a .png-looking name of a file ending in .exe. Every displayed name goes through here
// (components/ui/display-name.tsx in JSX); the record keeps the original characters.

/**
 * The controls that reorder text: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069) and the
 * implicit marks (U+200E, U+200F, U+061C).
 */
const BIDI_CONTROL = "[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]";
const ANY_BIDI_CONTROL = new RegExp(BIDI_CONTROL);
/** A fresh global expression per use: a shared one carries lastIndex from one call into the next. */
const everyBidiControl = () => new RegExp(BIDI_CONTROL, "g");

/** How one control is shown instead: visible, and naming the character. */
export function bidiEscape(control: string): string {
  return `⟨U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`;
}

export function hasBidiControls(text: string): boolean {
  return ANY_BIDI_CONTROL.test(text);
}

/** The text to show: each bidi control replaced by its visible escape, everything else unchanged. */
export function displayText(text: string): string {
  return text.replace(everyBidiControl(), bidiEscape);
}

/** The text cut into plain runs and escaped controls, for a component that styles the escapes apart. */
export function displayParts(text: string): Array<{ text: string; control: boolean }> {
  const parts: Array<{ text: string; control: boolean }> = [];
  let last = 0;
  for (const match of text.matchAll(everyBidiControl())) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), control: false });
    parts.push({ text: bidiEscape(match[0]), control: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), control: false });
  return parts;
}
