"use client";

// What a selection on a list can be turned into besides a decision: a CSV of the selected claims (or of all claims
// to review matching the filter, as the decision bar means it), and an evidence bundle (a "case") of the selected
// rows after a confirmation that says how many items go in. Both are plain form posts: the browser downloads the
// answer, and a refusal (too many, not found) comes back as the server's words.
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { countWords } from "@/lib/claims/bounded-count";
import { useSelection } from "./bulk-decision";

/** The case bundle's cap (lib/bundles/build-case-bundle.ts CASE_LIMIT). */
export const BUNDLE_LIMIT = 50;

export function SelectionExport({
  kind,
  matching = 0,
  filter = "",
  view,
  csv = true,
}: {
  kind: "claim" | "certification";
  /** How many items "all matching" selects (the decision bar's count, bounded: bounded-count.ts). */
  matching?: number;
  /** The list's filter as its query string. */
  filter?: string;
  /** The saved view whose filters the list shows, if any. */
  view?: string;
  csv?: boolean;
}) {
  const selection = useSelection();
  const hydrated = useHydrated();
  const csvForm = useRef<HTMLFormElement>(null);
  const bundleForm = useRef<HTMLFormElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = [...selection.selected];
  const count = selection.allMatching ? matching : ids.length;
  const plural = (n: number) => `${countWords(n)} ${kind}${n === 1 ? "" : "s"}`;

  function askBundle() {
    setError(null);
    if (selection.allMatching)
      return setError(
        `A bundle is made of rows you tick (at most ${BUNDLE_LIMIT}); "all matching" can be exported as CSV.`,
      );
    if (ids.length > BUNDLE_LIMIT)
      return setError(
        `A bundle holds at most ${BUNDLE_LIMIT} items; ${ids.length} are selected. Select fewer.`,
      );
    setConfirming(true);
  }

  return (
    <div
      className="mb-3 space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
      data-testid="selection-export"
    >
      <div className="flex flex-wrap items-center gap-3">
        <p className="min-w-40 text-slate-700">
          {count ? `${plural(count)} selected` : `Select ${kind}s to export them or bundle their evidence.`}
        </p>
        {csv ? (
          <Button
            variant="secondary"
            disabled={!hydrated || count === 0}
            onClick={() => csvForm.current?.requestSubmit()}
          >
            Export the selection (CSV)
          </Button>
        ) : null}
        <Button variant="secondary" disabled={!hydrated || count === 0} onClick={askBundle}>
          Evidence bundle of the selection
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {confirming ? (
        <div
          role="alertdialog"
          aria-labelledby="bundle-confirm-text"
          className="flex flex-wrap items-center gap-3 rounded-md border border-brand-200 bg-brand-50 p-3"
        >
          <p id="bundle-confirm-text" className="text-slate-800">
            Download one evidence bundle (ZIP) of {plural(ids.length)}? Each item&apos;s audit trail records
            the download.
          </p>
          <Button
            onClick={() => {
              setConfirming(false);
              bundleForm.current?.requestSubmit();
            }}
          >
            Download the bundle
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : null}
      {csv ? (
        <form ref={csvForm} method="post" action="/claims/export-selection" hidden>
          {selection.allMatching ? (
            <input type="hidden" name="allMatching" value="1" />
          ) : (
            <input type="hidden" name="ids" value={ids.join(",")} />
          )}
          <input type="hidden" name="filter" value={filter} />
          {view ? <input type="hidden" name="view" value={view} /> : null}
        </form>
      ) : null}
      <form ref={bundleForm} method="post" action="/bundles/case" hidden>
        <input type="hidden" name="ids" value={ids.join(",")} />
        <input type="hidden" name="title" value={`${kind}s selection`} />
      </form>
    </div>
  );
}
