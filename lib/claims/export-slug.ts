/** A file-name-safe slug for an export's name: letters, digits and dashes, at most 80 characters. */
export function exportSlug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .toLowerCase() || "view"
  );
}
