// Scan terms as TrustedForm takes them: a string (with {{*}} wildcards) or a template with rows of variables.
// People edit them as text: one term per line; a template's variable rows are indented below it, written
// `name=value; other=value`. The preview applies the service's documented rules (case- and
// whitespace-insensitive; a wildcard matches any run of characters; a template is found when any row is).
import { z } from "zod";

export const scanTermSchema = z.union([
  z.string().min(1).max(2000),
  z.object({
    template: z.string().min(1).max(2000),
    variables: z.array(z.record(z.string(), z.string())).min(1).max(200),
  }),
]);
export type ScanTerm = z.infer<typeof scanTermSchema>;

export interface ScanTermsText {
  terms: ScanTerm[];
  errors: string[];
}

function delimiters(delimiter: string | null | undefined) {
  return delimiter ? { open: delimiter, close: delimiter } : { open: "{{", close: "}}" };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The variable names a template uses ({{name}}, not the {{*}} wildcard). */
export function templateVariables(text: string, delimiter?: string | null): string[] {
  const { open, close } = delimiters(delimiter);
  const pattern = new RegExp(`${escapeRegExp(open)}([A-Za-z_][A-Za-z0-9_]*)${escapeRegExp(close)}`, "g");
  return [...new Set([...text.matchAll(pattern)].map((match) => match[1]!))];
}

export function parseTermsText(text: string, delimiter?: string | null): ScanTermsText {
  const terms: ScanTerm[] = [];
  const errors: string[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let current: { text: string; line: number; rows: Array<Record<string, string>> } | null = null;
  const finish = () => {
    if (!current) return;
    const names = templateVariables(current.text, delimiter);
    if (current.rows.length === 0) {
      if (names.length > 0)
        errors.push(
          `Line ${current.line}: "${current.text}" uses ${names.map((n) => `{{${n}}}`).join(", ")}: add indented rows of values below it, like "  ${names.map((n) => `${n}=…`).join("; ")}".`,
        );
      else terms.push(current.text);
    } else {
      for (const [index, row] of current.rows.entries()) {
        const missing = names.filter((name) => !(name in row));
        if (missing.length)
          errors.push(`Line ${current.line}, row ${index + 1}: no value for ${missing.join(", ")}.`);
      }
      terms.push({ template: current.text, variables: current.rows });
    }
    current = null;
  };
  lines.forEach((raw, index) => {
    if (!raw.trim()) return;
    if (/^\s/.test(raw)) {
      if (!current)
        return errors.push(`Line ${index + 1}: an indented row of values must follow a template line.`);
      const row: Record<string, string> = {};
      for (const pair of raw.trim().split(";")) {
        const eq = pair.indexOf("=");
        const name = pair.slice(0, eq).trim();
        if (eq < 1 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
          errors.push(`Line ${index + 1}: write values as name=value; other=value.`);
          return;
        }
        row[name] = pair.slice(eq + 1).trim();
      }
      current.rows.push(row);
      return;
    }
    finish();
    current = { text: raw.trim(), line: index + 1, rows: [] };
  });
  finish();
  return { terms, errors };
}

export function formatTermsText(terms: ScanTerm[]): string {
  return terms
    .map((term) =>
      typeof term === "string"
        ? term
        : [
            term.template,
            ...term.variables.map(
              (row) =>
                `  ${Object.entries(row)
                  .map(([k, v]) => `${k}=${v}`)
                  .join("; ")}`,
            ),
          ].join("\n"),
    )
    .join("\n");
}

export function termLabel(term: ScanTerm): string {
  return typeof term === "string" ? term : term.template;
}

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

function phraseFound(text: string, phrase: string, delimiter?: string | null): boolean {
  const { open, close } = delimiters(delimiter);
  return new RegExp(
    phrase
      .split(`${open}*${close}`)
      .map((part) => escapeRegExp(fold(part)))
      .join(".*?"),
  ).test(text);
}

export function termFound(pageText: string, term: ScanTerm, delimiter?: string | null): boolean {
  const text = fold(pageText);
  if (typeof term === "string") return phraseFound(text, term, delimiter);
  const { open, close } = delimiters(delimiter);
  return term.variables.some((row) =>
    phraseFound(
      text,
      Object.entries(row).reduce(
        (phrase, [name, value]) => phrase.split(`${open}${name}${close}`).join(value),
        term.template,
      ),
      delimiter,
    ),
  );
}

export interface ScanPreview {
  required: Array<{ term: string; found: boolean }>;
  forbidden: Array<{ term: string; found: boolean }>;
  outcome: "success" | "failure";
}

export function previewScan(
  pageText: string,
  required: ScanTerm[],
  forbidden: ScanTerm[],
  delimiter?: string | null,
): ScanPreview {
  const requiredResults = required.map((term) => ({
    term: termLabel(term),
    found: termFound(pageText, term, delimiter),
  }));
  const forbiddenResults = forbidden.map((term) => ({
    term: termLabel(term),
    found: termFound(pageText, term, delimiter),
  }));
  const failed = requiredResults.some((r) => !r.found) || forbiddenResults.some((r) => r.found);
  return { required: requiredResults, forbidden: forbiddenResults, outcome: failed ? "failure" : "success" };
}
