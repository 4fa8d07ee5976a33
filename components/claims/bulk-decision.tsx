"use client";

// Row selection on the claims list (checkboxes, shift-click for a range) and one decision for the selection, or for
// every claim still to review that matches the filter (decided on the server from the filter, not from the page).
import { useRouter } from "next/navigation";
import { createContext, useContext, useRef, useState, useTransition, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { COUNT_CAP, countWords } from "@/lib/claims/bounded-count";

type Result = { ok: true; data: { decided: number } } | { ok: false; error: string };
type Decide = (input: {
  ids?: string[];
  filter?: Record<string, string>;
  decision: string;
  reason?: string;
}) => Promise<Result>;

interface Selection {
  ids: string[];
  selected: Set<string>;
  allMatching: boolean;
  toggle(id: string, checked: boolean, range: boolean): void;
  setAll(checked: boolean): void;
  setAllMatching(value: boolean): void;
}

const SelectionContext = createContext<Selection | null>(null);

export function useSelection(): Selection {
  const selection = useContext(SelectionContext);
  if (!selection) throw new Error("Inside a ClaimSelection only.");
  return selection;
}

/** `ids`: the claims shown, in the order of the table (shift-click selects the range between two clicks). */
export function ClaimSelection({ ids, children }: { ids: string[]; children: ReactNode }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const last = useRef<number | null>(null);
  const selection: Selection = {
    ids,
    selected,
    allMatching,
    toggle(id, checked, range) {
      const index = ids.indexOf(id);
      // The range is worked out now: a state updater runs later, after `last` has moved on.
      const from = range && last.current !== null ? Math.min(last.current, index) : index;
      const to = range && last.current !== null ? Math.max(last.current, index) : index;
      const span = ids.slice(from, to + 1);
      last.current = index;
      setAllMatching(false);
      setSelected((before) => {
        const next = new Set(before);
        for (const one of span) {
          if (checked) next.add(one);
          else next.delete(one);
        }
        return next;
      });
    },
    setAll(checked) {
      setAllMatching(false);
      setSelected(checked ? new Set(ids) : new Set());
    },
    setAllMatching,
  };
  return <SelectionContext.Provider value={selection}>{children}</SelectionContext.Provider>;
}

export function RowCheckbox({ id, label }: { id: string; label: string }) {
  const selection = useSelection();
  const hydrated = useHydrated();
  return (
    <input
      type="checkbox"
      aria-label={`Select ${label}`}
      data-testid="row-select"
      disabled={!hydrated}
      checked={selection.allMatching || selection.selected.has(id)}
      onChange={() => undefined}
      onClick={(event) =>
        selection.toggle(id, event.currentTarget.checked, event.shiftKey && !selection.allMatching)
      }
      className="size-4 accent-brand-600"
    />
  );
}

export function PageCheckbox({ label = "Select every claim on this page" }: { label?: string }) {
  const selection = useSelection();
  const hydrated = useHydrated();
  const all =
    selection.allMatching ||
    (selection.ids.length > 0 && selection.ids.every((id) => selection.selected.has(id)));
  return (
    <input
      type="checkbox"
      aria-label={label}
      disabled={!hydrated}
      checked={all}
      onChange={(event) => selection.setAll(event.currentTarget.checked)}
      className="size-4 accent-brand-600"
    />
  );
}

/**
 * `matching`: how many claims still to review match the filter, bounded (more than 10,000 reads as 10,001 and is
 * shown as "more than 10,000"; the server decides every match); `filter`: the filter as in the page's URL.
 */
export function BulkDecisionBar({
  matching,
  filter,
  decide,
}: {
  matching: number;
  filter: Record<string, string>;
  decide: Decide;
}) {
  const selection = useSelection();
  const router = useRouter();
  const hydrated = useHydrated();
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const count = selection.allMatching ? matching : selection.selected.size;
  const send = (decision: "accepted" | "rejected") =>
    startTransition(async () => {
      setMessage(null);
      const result = await decide({
        ...(selection.allMatching ? { filter } : { ids: [...selection.selected] }),
        decision,
        reason: reason.trim() || undefined,
      });
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setMessage({
        tone: "success",
        text: `${result.data.decided.toLocaleString("en")} claim${result.data.decided === 1 ? "" : "s"} ${decision}.`,
      });
      selection.setAll(false);
      setReason("");
      router.refresh();
    });
  return (
    <div
      className="mb-3 space-y-2 rounded-lg border border-slate-200 bg-white p-3"
      data-testid="bulk-decision"
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <p className="min-w-40 text-slate-700" role="status" data-testid="selection-count">
          {selection.allMatching
            ? matching > COUNT_CAP
              ? `All claims to review matching this filter selected (${countWords(matching)})`
              : `All ${countWords(matching)} claims to review matching this filter selected`
            : `${count} selected`}
        </p>
        {!selection.allMatching && matching > 0 ? (
          <Button variant="secondary" disabled={!hydrated} onClick={() => selection.setAllMatching(true)}>
            {matching > COUNT_CAP
              ? `Select all matching claims to review (${countWords(matching)})`
              : `Select all ${countWords(matching)} matching claims to review`}
          </Button>
        ) : null}
        <div className="min-w-64 flex-1">
          <label htmlFor="bulk-reason" className="block text-xs font-medium text-slate-700">
            Reason (required to reject, and to accept claims that fail their policy)
          </label>
          <input
            id="bulk-reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            disabled={!hydrated}
            className={`mt-1 ${inputClass}`}
          />
        </div>
        <Button disabled={pending || !hydrated || count === 0} onClick={() => send("accepted")}>
          Accept {count ? countWords(count) : ""}
        </Button>
        <Button
          variant="danger"
          disabled={pending || !hydrated || count === 0}
          onClick={() => send("rejected")}
        >
          Reject {count ? countWords(count) : ""}
        </Button>
      </div>
    </div>
  );
}
