// The words of the rules a claim failed, from its stored verdictRules (JSON written by the 4.0 policy evaluation:
// [{ rule, passed, known, words }]). Anything not shaped like that is skipped, never shown raw.
export function failedRuleWords(verdictRules: unknown): string[] {
  if (!Array.isArray(verdictRules)) return [];
  return verdictRules.flatMap((rule: unknown) => {
    if (!rule || typeof rule !== "object") return [];
    const { passed, words } = rule as { passed?: unknown; words?: unknown };
    return passed === false && typeof words === "string" && words.trim() ? [words.slice(0, 300)] : [];
  });
}
