"use client";

// A member's notice choices: per kind, in Certdesk and/or by email, with who receives it in words.
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/core/action-result";
import type { NoticeKind } from "@/lib/notices/notice-kinds";

interface KindRow {
  kind: NoticeKind;
  label: string;
  recipients: string;
  inApp: boolean;
  email: boolean;
}

export function NoticePreferencesForm({
  kinds,
  emailOn,
  save,
}: {
  kinds: KindRow[];
  emailOn: boolean;
  save: (input: unknown) => Promise<ActionResult<void>>;
}) {
  const [choices, setChoices] = useState(kinds);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (kind: NoticeKind, field: "inApp" | "email", value: boolean) =>
    setChoices((rows) => rows.map((row) => (row.kind === kind ? { ...row, [field]: value } : row)));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await save({
            choices: choices.map(({ kind, inApp, email }) => ({ kind, inApp, email })),
          });
          setMessage(
            result.ok
              ? { tone: "success", text: "Notice preferences saved." }
              : { tone: "error", text: result.error },
          );
        });
      }}
      className="space-y-4"
    >
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Which notices you get, and how</caption>
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">
                Notice
              </th>
              <th scope="col" className="px-4 py-3">
                In Certdesk
              </th>
              <th scope="col" className="px-4 py-3">
                By email
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {choices.map((row) => (
              <tr key={row.kind}>
                <th scope="row" className="px-4 py-3 text-left font-normal">
                  <span className="block font-medium text-slate-900">{row.label}</span>
                  <span className="block text-slate-600">{row.recipients}</span>
                </th>
                <td className="px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label={`${row.label}: in Certdesk`}
                    checked={row.inApp}
                    onChange={(event) => set(row.kind, "inApp", event.target.checked)}
                    className="size-4"
                  />
                </td>
                <td className="px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label={`${row.label}: by email`}
                    checked={row.email}
                    disabled={!emailOn}
                    onChange={(event) => set(row.kind, "email", event.target.checked)}
                    className="size-4"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button type="submit" disabled={pending}>
        Save notice preferences
      </Button>
    </form>
  );
}
