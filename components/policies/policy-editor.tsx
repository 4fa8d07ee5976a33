"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { parseTermsText, previewScan } from "@/lib/claims/scan-terms";
import { FoundMark } from "@/components/claims/claim-badges";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { PolicyV4Input } from "@/lib/claims/v4/policy-v4-input";
import { PolicyV4Fields } from "./policy-v4-fields";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export interface PolicyDraft {
  id?: string;
  name: string;
  requiredText: string;
  forbiddenText: string;
  scanDelimiter: string;
  isDefault: boolean;
  v4: PolicyV4Input;
}

export function PolicyEditor({
  draft,
  save,
  remove,
}: {
  draft: PolicyDraft;
  save: (input: PolicyDraft) => Promise<Result<{ id: string }>>;
  remove?: (input: { id: string }) => Promise<Result<null>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [value, setValue] = useState(draft);
  const [pageText, setPageText] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const prefix = draft.id ?? "new";

  const parsed = useMemo(() => {
    const delimiter = value.scanDelimiter || null;
    const required = parseTermsText(value.requiredText, delimiter);
    const forbidden = parseTermsText(value.forbiddenText, delimiter);
    return {
      required,
      forbidden,
      errors: [...required.errors, ...forbidden.errors],
      preview: pageText.trim() ? previewScan(pageText, required.terms, forbidden.terms, delimiter) : null,
    };
  }, [value, pageText]);

  const set = (patch: Partial<PolicyDraft>) => setValue((current) => ({ ...current, ...patch }));
  const area = (name: "requiredText" | "forbiddenText", label: string) => (
    <div>
      <label htmlFor={`${prefix}-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={`${prefix}-${name}`}
        rows={6}
        value={value[name]}
        disabled={!hydrated}
        onChange={(e) => set({ [name]: e.target.value })}
        className={`mt-1.5 font-mono text-xs ${inputClass}`}
      />
    </div>
  );

  return (
    <div className="space-y-4" data-testid={`policy-${draft.name || "new"}`}>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-60 flex-1">
          <label htmlFor={`${prefix}-name`} className="block text-sm font-medium text-slate-800">
            Name
          </label>
          <input
            id={`${prefix}-name`}
            value={value.name}
            disabled={!hydrated}
            onChange={(e) => set({ name: e.target.value })}
            className={`mt-1.5 ${inputClass}`}
          />
        </div>
        <div>
          <label htmlFor={`${prefix}-delimiter`} className="block text-sm font-medium text-slate-800">
            Delimiter
          </label>
          <input
            id={`${prefix}-delimiter`}
            value={value.scanDelimiter}
            placeholder="{{ }}"
            disabled={!hydrated}
            onChange={(e) => set({ scanDelimiter: e.target.value })}
            className={`mt-1.5 w-28 ${inputClass}`}
          />
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={value.isDefault}
            disabled={!hydrated}
            onChange={(e) => set({ isDefault: e.target.checked })}
            className="size-4 accent-brand-600"
          />
          Default policy
        </label>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        {area("requiredText", "Required terms")}
        {area("forbiddenText", "Forbidden terms")}
      </div>
      <p className="text-xs text-slate-500">
        One term per line. {value.scanDelimiter ? `${value.scanDelimiter}*${value.scanDelimiter}` : "{{*}}"}{" "}
        matches any words. A template uses{" "}
        {value.scanDelimiter ? `${value.scanDelimiter}name${value.scanDelimiter}` : "{{name}}"} and has
        indented rows of values below it: <code> name=Acme Mortgage; method=email</code>.
      </p>
      {parsed.errors.length ? <Alert tone="error">{parsed.errors.join(" ")}</Alert> : null}
      <PolicyV4Fields
        value={value.v4}
        onChange={(patch) => set({ v4: { ...value.v4, ...patch } })}
        disabled={!hydrated}
        prefix={prefix}
      />
      <div>
        <label htmlFor={`${prefix}-preview`} className="block text-sm font-medium text-slate-800">
          Preview: paste a page&apos;s text
        </label>
        <textarea
          id={`${prefix}-preview`}
          rows={3}
          value={pageText}
          disabled={!hydrated}
          onChange={(e) => setPageText(e.target.value)}
          className={`mt-1.5 ${inputClass}`}
        />
        {parsed.preview ? (
          <div className="mt-3 space-y-1.5 text-sm" data-testid="policy-preview">
            {parsed.preview.required.map((r) => (
              <p key={`r-${r.term}`}>
                <FoundMark good={r.found}>{r.found ? "found" : "not found"}</FoundMark> required:{" "}
                <span className="font-mono text-xs">{r.term}</span>
              </p>
            ))}
            {parsed.preview.forbidden.map((r) => (
              <p key={`f-${r.term}`}>
                <FoundMark good={!r.found}>{r.found ? "found" : "not found"}</FoundMark> forbidden:{" "}
                <span className="font-mono text-xs">{r.term}</span>
              </p>
            ))}
            <p className="font-medium">Outcome: {parsed.preview.outcome}</p>
          </div>
        ) : null}
      </div>
      <div className="flex gap-2 border-t border-slate-200 pt-4">
        <Button
          disabled={pending || !hydrated || parsed.errors.length > 0}
          onClick={() =>
            startTransition(async () => {
              const result = await save(value);
              setMessage(
                result.ok
                  ? { tone: "success", text: `Policy "${value.name}" saved.` }
                  : { tone: "error", text: result.error },
              );
              if (result.ok && !draft.id) setValue(draft);
              router.refresh();
            })
          }
        >
          {draft.id ? "Save policy" : "Create policy"}
        </Button>
        {draft.id && remove ? (
          <ConfirmButton
            label="Delete"
            title={`Delete the policy "${draft.name}"?`}
            confirmLabel="Delete policy"
            disabled={pending || !hydrated}
            onConfirm={() =>
              startTransition(async () => {
                const result = await remove({ id: draft.id! });
                if (!result.ok) setMessage({ tone: "error", text: result.error });
                router.refresh();
              })
            }
          >
            Claims already made keep the terms they were sent with.
          </ConfirmButton>
        ) : null}
      </div>
    </div>
  );
}

export function RawContactToggle({
  initial,
  update,
}: {
  initial: boolean;
  update: (input: { sendRawContact: boolean }) => Promise<Result<null>>;
}) {
  const hydrated = useHydrated();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-brand-600"
          checked={value}
          disabled={!hydrated}
          onChange={async (e) => {
            const next = e.target.checked;
            setValue(next);
            const result = await update({ sendRawContact: next });
            if (!result.ok) {
              setValue(!next);
              setError(result.error);
            }
          }}
        />
        <span>
          Send the lead&apos;s raw email and phone to TrustedForm when claiming (otherwise only their SHA-1
          fingerprints are sent). Certdesk stores only fingerprints either way.
        </span>
      </label>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}

export function ConcurrencySetting({
  initial,
  update,
}: {
  initial: number;
  update: (input: { concurrency: number }) => Promise<Result<null>>;
}) {
  const hydrated = useHydrated();
  const [value, setValue] = useState(String(initial));
  const [saved, setSaved] = useState(initial);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  return (
    <form
      className="space-y-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setMessage(null);
        const result = await update({ concurrency: Number(value) });
        if (result.ok) {
          setSaved(Number(value));
          setMessage({ tone: "success", text: `Bulk claims now send ${value} claims at a time.` });
        } else setMessage({ tone: "error", text: result.error });
      }}
    >
      <label htmlFor="claim-concurrency" className="block text-sm font-medium text-slate-800">
        Bulk claims in flight at once
      </label>
      <div className="flex items-center gap-2">
        <input
          id="claim-concurrency"
          type="number"
          min={1}
          max={32}
          step={1}
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className={`w-24 ${inputClass}`}
          disabled={!hydrated}
        />
        <Button type="submit" variant="secondary" disabled={!hydrated || value === String(saved)}>
          Save
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        1 to 32. Higher is faster; lower is gentler on TrustedForm&apos;s rate limits. A batch keeps the value
        it started with.
      </p>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </form>
  );
}
