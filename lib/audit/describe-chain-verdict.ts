// The verdict of a chain verification in words, for the audit page: a headline and the notes a reader needs to
// know how far the verdict reaches (entries from before keyed chains, keys no longer configured, the anchor).
import type { ChainVerdict } from "./verify-audit-chain";

export interface VerdictText {
  tone: "success" | "error" | "info";
  headline: string;
  notes: string[];
}

const entries = (count: number) => `${count} ${count === 1 ? "entry" : "entries"}`;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function describeChainVerdict(verdict: ChainVerdict): VerdictText {
  const notes: string[] = [];
  let headline: string;
  if (verdict.firstBroken)
    headline = `The chain is broken at entry #${verdict.firstBroken.seq}: ${verdict.firstBroken.reason}. The ${verdict.entries} entries before it are intact.`;
  else if (verdict.truncation) headline = `The chain was cut short: ${verdict.truncation.message}.`;
  else if (verdict.anchorProblem)
    headline = `${capitalised(entries(verdict.entries))} verified, but the chain could not be compared with its anchors: ${verdict.anchorProblem.charAt(0).toLowerCase()}${verdict.anchorProblem.slice(1)}.`;
  else headline = `The chain is intact: all ${verdict.entries} entries verified.`;
  if (verdict.firstBroken && verdict.truncation) notes.push(`Besides, ${verdict.truncation.message}.`);
  if (!verdict.truncation && verdict.anchor)
    notes.push(
      `Its head matches the newest anchor outside the database (entry ${verdict.anchor.seq}, written ${verdict.anchor.time}).`,
    );
  else if (!verdict.anchor && !verdict.anchorProblem && verdict.entries > 0)
    notes.push("The chain has no anchor outside the database yet: the worker writes one within seconds.");
  for (const range of verdict.unchecked)
    notes.push(
      `${range.fromSeq === range.toSeq ? `Entry ${range.fromSeq} was` : `Entries ${range.fromSeq} to ${range.toSeq} were`} sealed with master key "${range.keyId}", which is no longer configured: their order is checked, their content cannot be.`,
    );
  if (verdict.legacyEntries > 0)
    notes.push(
      verdict.legacyEntries === 1
        ? "The first entry predates keyed chains and carries a plain SHA-256 that anyone with database access could recompute."
        : `The first ${verdict.legacyEntries} entries predate keyed chains and carry a plain SHA-256 that anyone with database access could recompute.`,
    );
  const tone = !verdict.intact ? "error" : verdict.unchecked.length ? "info" : "success";
  return { tone, headline, notes };
}
