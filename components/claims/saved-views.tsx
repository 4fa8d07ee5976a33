"use client";

// The member's saved views on the claims page: open one, save the current filters under a name, delete one.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export function SavedViews({
  views,
  query,
  activeId,
  save,
  remove,
}: {
  views: Array<{ id: string; name: string; query: string }>;
  /** The current filters, as in the page's URL. */
  query: string;
  activeId: string | null;
  save: (input: { name: string; query: string }) => Promise<Result<{ id: string }>>;
  remove: (input: { id: string }) => Promise<Result<null>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const href = (view: { id: string; query: string }) =>
    `/claims?${view.query ? `${view.query}&` : ""}view=${view.id}`;
  return (
    <section aria-label="Saved views" className="mb-4 space-y-2" data-testid="saved-views">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-xs font-medium text-slate-700">Saved views:</span>
        {views.length === 0 ? <span className="text-slate-500">none yet</span> : null}
        {views.map((view) => (
          <span
            key={view.id}
            className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 ring-1 ${
              view.id === activeId ? "bg-brand-50 ring-brand-300" : "ring-slate-300"
            }`}
          >
            {/* A full load: the filter bar's fields take their values from the URL only then. */}
            <a href={href(view)} className="text-brand-700 hover:underline">
              {view.name}
            </a>
            <button
              type="button"
              aria-label={`Delete the view ${view.name}`}
              disabled={!hydrated || pending}
              className="px-1 text-slate-500 hover:text-red-700"
              onClick={() =>
                startTransition(async () => {
                  setError(null);
                  const result = await remove({ id: view.id });
                  if (!result.ok) return setError(result.error);
                  router.refresh();
                })
              }
            >
              ×
            </button>
          </span>
        ))}
        <form
          className="ml-auto flex items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            startTransition(async () => {
              setError(null);
              const result = await save({ name, query });
              if (!result.ok) return setError(result.error);
              setName("");
              window.location.assign(href({ id: result.data.id, query }));
            });
          }}
        >
          <label htmlFor="view-name" className="sr-only">
            Name of the view
          </label>
          <input
            id="view-name"
            placeholder="Name these filters"
            value={name}
            onChange={(event) => setName(event.target.value)}
            disabled={!hydrated}
            maxLength={80}
            className={`${inputClass} w-48`}
          />
          <Button type="submit" variant="secondary" disabled={!hydrated || pending || !name.trim()}>
            Save view
          </Button>
        </form>
      </div>
    </section>
  );
}
