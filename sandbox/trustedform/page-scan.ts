// Page scanning as the claim API documents it: case- and whitespace-insensitive search of the snapshot text for
// plain strings, wildcards ({{*}}, or *-wrapped in a custom homogeneous delimiter) and templates with variables.
export interface PageScanTemplate {
  template: string;
  variables: Array<Record<string, string>>;
}

export type ScanTerm = string | PageScanTemplate;

export interface ScanOutcome {
  found: string[];
  notFound: string[];
}

const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The visible text of a snapshot: tags, scripts and styles removed, entities decoded, whitespace folded. */
export function snapshotText(html: string): string {
  return normalize(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/&nbsp;/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'"),
  );
}

function delimiters(delimiter: string | undefined) {
  return delimiter ? { open: delimiter, close: delimiter } : { open: "{{", close: "}}" };
}

/** Whether one phrase (which may hold wildcards) occurs in the normalized text. */
function phraseFound(text: string, phrase: string, delimiter: string | undefined): boolean {
  const { open, close } = delimiters(delimiter);
  const parts = phrase.split(`${open}*${close}`).map((part) => escapeRegExp(normalize(part)));
  return new RegExp(parts.join(".*?")).test(text);
}

/** The phrases a template stands for, one per row of variables. */
export function expandTemplate(term: PageScanTemplate, delimiter: string | undefined): string[] {
  const { open, close } = delimiters(delimiter);
  return term.variables.map((row) =>
    Object.entries(row).reduce(
      (phrase, [name, value]) => phrase.split(`${open}${name}${close}`).join(value),
      term.template,
    ),
  );
}

export function termLabel(term: ScanTerm): string {
  return typeof term === "string" ? term : term.template;
}

/** Each term is reported under its own text (a template under its template text), found when any form of it is. */
export function scanTerms(text: string, terms: ScanTerm[], delimiter: string | undefined): ScanOutcome {
  const outcome: ScanOutcome = { found: [], notFound: [] };
  for (const term of terms) {
    const phrases = typeof term === "string" ? [term] : expandTemplate(term, delimiter);
    (phrases.some((phrase) => phraseFound(text, phrase, delimiter)) ? outcome.found : outcome.notFound).push(
      termLabel(term),
    );
  }
  return outcome;
}

/** Accepts the documented shapes: a string, an array of strings, a PageScan object, or an array of PageScans. */
export function parseScanTerms(value: unknown): ScanTerm[] | string {
  if (value === undefined || value === null || value === "") return [];
  const list = Array.isArray(value) ? value : [value];
  const terms: ScanTerm[] = [];
  for (const item of list) {
    if (typeof item === "string") {
      if (item.trim()) terms.push(item);
    } else if (item && typeof item === "object" && typeof (item as PageScanTemplate).template === "string") {
      const variables = (item as PageScanTemplate).variables;
      if (
        !Array.isArray(variables) ||
        variables.some(
          (row) => !row || typeof row !== "object" || Object.values(row).some((v) => typeof v !== "string"),
        )
      ) {
        return "variables must be a list of objects whose values are strings";
      }
      terms.push({ template: (item as PageScanTemplate).template, variables });
    } else {
      return "scan terms must be strings or { template, variables } objects";
    }
  }
  return terms;
}
