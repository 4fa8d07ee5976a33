// The one CSV cell escaping of Certdesk's exports (claims, bulk results, the audit log): every cell quoted, and a
// cell a spreadsheet would run as a formula made inert, so that a lead's or vendor's text never executes on open.

/** A CSV cell, quoted, with a leading ' before =, +, - or @ so that spreadsheets never run it as a formula. */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
