"use client";

// The header's search box: an ARIA combobox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/) whose listbox
// groups results by kind. ArrowDown / ArrowUp move through the options, Enter opens the active one (or the full
// results page when none is active), Escape closes the list, then clears the box. Without JavaScript the form
// submits to /search.
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { ActionResult } from "@/lib/core/action-result";
import type { SearchResults } from "@/lib/search/search-tenant";
import { searchGroups, type SearchGroup } from "./search-links";

const DEBOUNCE_MS = 200;

export function HeaderSearch({
  search,
}: {
  search: (input: { q: string }) => Promise<ActionResult<SearchResults>>;
}) {
  const router = useRouter();
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState("");
  const [groups, setGroups] = useState<SearchGroup[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [searching, setSearching] = useState(false);
  const [active, setActive] = useState(-1);
  const latest = useRef(0);

  const trimmed = query.trim();
  const allHref = `/search?q=${encodeURIComponent(trimmed)}`;
  const options = [
    ...groups.flatMap((group) => group.links),
    ...(trimmed ? [{ key: "all", href: allHref, label: `All results for “${trimmed}”`, detail: "" }] : []),
  ];
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    if (!trimmed) return;
    const request = ++latest.current;
    const timer = setTimeout(async () => {
      setSearching(true);
      const result = await search({ q: trimmed }).catch(() => null);
      if (request !== latest.current) return;
      setSearching(false);
      if (result?.ok) {
        setGroups(searchGroups(result.data));
        setError(null);
      } else {
        setGroups([]);
        setError(result ? result.error : "Search is not answering. Try again.");
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [trimmed, search]);

  function go(href: string) {
    setOpen(false);
    setActive(-1);
    router.push(href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!options.length) return;
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) =>
        current === -1 && step === -1
          ? options.length - 1
          : (current + step + options.length) % options.length,
      );
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = open && active >= 0 ? options[active] : null;
      if (chosen) go(chosen.href);
      else if (trimmed) go(allHref);
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (open) {
        setOpen(false);
        setActive(-1);
      } else {
        setQuery("");
        setGroups([]);
      }
    }
  }

  const expanded = open && trimmed.length > 0;
  // Each group's first option's index in `options`.
  const starts = groups.map((_, at) =>
    groups.slice(0, at).reduce((sum, group) => sum + group.links.length, 0),
  );
  return (
    <form
      role="search"
      action="/search"
      className="relative w-full max-w-xl"
      onSubmit={(e) => e.preventDefault()}
    >
      <label htmlFor={`${id}-input`} className="sr-only">
        Search Certdesk
      </label>
      <input
        id={`${id}-input`}
        name="q"
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        maxLength={2000}
        placeholder="Search: claim reference, vendor, certificate id, title, SHA-256, email"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(-1);
          setOpen(true);
          if (!event.target.value.trim()) setGroups([]);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
      />
      <div
        id={listId}
        role="listbox"
        aria-label="Search results"
        hidden={!expanded}
        className="absolute left-0 right-0 top-full z-40 mt-1 max-h-[70vh] overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      >
        {groups.map((group, groupAt) => (
          <div key={group.kind} role="group" aria-labelledby={`${id}-${group.kind}`}>
            <div
              id={`${id}-${group.kind}`}
              role="presentation"
              className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-500"
            >
              {group.title}
            </div>
            {group.links.map((link, at) => renderOption(link, starts[groupAt]! + at))}
          </div>
        ))}
        {trimmed ? renderOption(options[options.length - 1]!, options.length - 1) : null}
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {expanded
          ? searching
            ? "Searching…"
            : (error ?? `${options.length - 1} ${options.length - 1 === 1 ? "result" : "results"}`)
          : ""}
      </p>
    </form>
  );

  function renderOption(link: (typeof options)[number], at: number) {
    const selected = at === active;
    return (
      <div
        key={link.key}
        id={optionId(at)}
        role="option"
        aria-selected={selected}
        // mousedown, not click: the input's blur would close the list before a click lands.
        onMouseDown={(event) => {
          event.preventDefault();
          go(link.href);
        }}
        onMouseMove={() => setActive(at)}
        className={`cursor-pointer px-3 py-1.5 text-sm ${selected ? "bg-brand-50 text-brand-900" : "text-slate-800"}`}
      >
        <span className="block truncate font-medium">{link.label}</span>
        {link.detail ? <span className="block truncate text-xs text-slate-500">{link.detail}</span> : null}
      </div>
    );
  }
}
