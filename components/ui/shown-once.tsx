"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A secret or link Certdesk shows only now (it keeps a hash or an encrypted copy): what it is, what to do with it, and
 * the value in a read-only field that selects itself on focus, with a copy button. Invitation links, API tokens and
 * webhook signing secrets all look and behave alike.
 */
export function ShownOnce({
  title,
  note,
  value,
  label,
  testId,
}: {
  /** One sentence: what this is and who it goes to. */
  title: ReactNode;
  /** Why it is shown only now and what happens next. */
  note: ReactNode;
  value: string;
  /** The field's accessible name ("Invitation link"). */
  label: string;
  testId?: string;
}) {
  // Remembers which value was copied: a new secret shown in the same place starts uncopied.
  const [copiedValue, setCopiedValue] = useState<string | null>(null);
  return (
    <div
      className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
      role="status"
    >
      <p className="font-medium">{title}</p>
      <p className="mt-1 text-emerald-800">{note}</p>
      <div className="mt-3 flex gap-2">
        <input
          readOnly
          value={value}
          aria-label={label}
          data-testid={testId}
          className="min-w-0 flex-1 rounded border border-emerald-300 bg-white px-2 py-1.5 font-mono text-xs"
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopiedValue(value);
          }}
        >
          {copiedValue === value ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
