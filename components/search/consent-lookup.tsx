"use client";

// The TCPA consent lookup: the email and phone never leave this page. They have no `name` (a native submit before
// hydration would send nothing), the form is disabled until React runs, and what is sent is the SHA-1 fingerprint
// computed here with WebCrypto from the same normaliser the server fingerprints claims with.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/core/action-result";
import type { ConsentClaim } from "@/lib/search/lookup-consent";
import { normalizeLeadEmail, normalizeLeadPhone } from "@/lib/trustedform/lead-normalize";
import { useHydrated } from "@/components/ui/use-hydrated";
import { browserEmailFingerprint, browserPhoneFingerprint } from "./browser-fingerprint";
import { Time } from "@/components/ui/time";
import { SessionEndedRedirect } from "@/components/session/session-ended-redirect";
import { SESSION_ENDED_MESSAGE } from "@/lib/auth/session-ended-message";

type Lookup = (input: {
  emailFingerprint?: string;
  phoneFingerprint?: string;
}) => Promise<ActionResult<{ claims: ConsentClaim[]; more: boolean }>>;

const CASE_LIMIT = 50;

export function ConsentLookup({ lookup }: { lookup: Lookup }) {
  const hydrated = useHydrated();
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<{ claims: ConsentClaim[]; more: boolean; asked: string } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const hasEmail = normalizeLeadEmail(email) !== "";
    const phoneDigits = normalizeLeadPhone(phone);
    if (!hasEmail && !phoneDigits) return setError("Type an email or a phone number.");
    if (phone.trim() && phoneDigits.length < 7) return setError("A phone number has at least 7 digits.");
    setBusy(true);
    try {
      const input = {
        ...(hasEmail ? { emailFingerprint: await browserEmailFingerprint(email) } : {}),
        ...(phoneDigits ? { phoneFingerprint: await browserPhoneFingerprint(phone) } : {}),
      };
      const result = await lookup(input);
      if (!result.ok) return setError(result.error);
      setFound({
        ...result.data,
        asked: [hasEmail ? "email" : null, phoneDigits ? "phone" : null].filter(Boolean).join(" or "),
      });
    } catch {
      setError("The lookup did not answer. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid gap-6">
      <form onSubmit={submit} className="grid max-w-xl gap-4 rounded-lg border border-slate-200 bg-white p-5">
        <div className="grid gap-1">
          <label htmlFor="lookup-email" className="text-sm font-medium text-slate-800">
            Consumer&apos;s email
          </label>
          <input
            id="lookup-email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            disabled={!hydrated}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </div>
        <div className="grid gap-1">
          <label htmlFor="lookup-phone" className="text-sm font-medium text-slate-800">
            Consumer&apos;s phone
          </label>
          <input
            id="lookup-phone"
            type="tel"
            autoComplete="off"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            disabled={!hydrated}
            aria-describedby="lookup-phone-hint"
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
          <p id="lookup-phone-hint" className="text-xs text-slate-500">
            Digits only are hashed, as written: +1 (512) 789-1111 and 15127891111 are the same, 5127891111 is
            not (type it as the claims were made).
          </p>
        </div>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
            {error === SESSION_ENDED_MESSAGE ? <SessionEndedRedirect /> : null}
          </p>
        ) : null}
        <div>
          <button
            type="submit"
            disabled={!hydrated || busy}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
          >
            {busy ? "Looking up…" : "Look up"}
          </button>
        </div>
      </form>

      {found ? (
        <section aria-labelledby="lookup-results" className="grid gap-3">
          <h2 id="lookup-results" className="text-base font-semibold text-slate-900">
            {found.claims.length === 0
              ? `No claims with this ${found.asked}`
              : `${found.claims.length}${found.more ? "+" : ""} ${found.claims.length === 1 ? "claim" : "claims"} for this person`}
          </h2>
          {found.claims.length > 0 ? (
            <>
              <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table className="min-w-full text-sm">
                  <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th className="px-3 py-2">Claim</th>
                      <th className="px-3 py-2">Vendor</th>
                      <th className="px-3 py-2">Certificate</th>
                      <th className="px-3 py-2">Outcome</th>
                      <th className="px-3 py-2">Decision</th>
                      <th className="px-3 py-2">Matched by</th>
                      <th className="px-3 py-2">Created (UTC)</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {found.claims.map((claim) => (
                      <tr key={claim.id}>
                        <td className="px-3 py-2">
                          <Link
                            href={`/claims/${claim.id}`}
                            className="font-medium text-brand-700 hover:underline"
                          >
                            {claim.reference ?? "Claim"}
                          </Link>
                        </td>
                        <td className="px-3 py-2">{claim.vendor ?? "—"}</td>
                        <td className="px-3 py-2 font-mono text-xs">
                          <a href={claim.certUrl} rel="noreferrer noopener" target="_blank">
                            {claim.certId}
                          </a>
                          {claim.retainedUntil ? (
                            <span className="block font-sans text-slate-500">
                              retained until <Time value={claim.retainedUntil} />
                            </span>
                          ) : null}
                        </td>
                        <td className="px-3 py-2">{claim.outcome ?? claim.status}</td>
                        <td className="px-3 py-2">{claim.decision ?? "not reviewed"}</td>
                        <td className="px-3 py-2">{claim.matchedBy.join(", ")}</td>
                        <td className="px-3 py-2">
                          <Time value={claim.createdAt} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <form method="post" action="/bundles/case">
                {found.claims.slice(0, CASE_LIMIT).map((claim) => (
                  <input key={claim.id} type="hidden" name="ids" value={claim.id} />
                ))}
                <input type="hidden" name="title" value="Consent evidence" />
                <button type="submit" className="rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300">
                  Download the evidence bundle
                  {found.claims.length > CASE_LIMIT ? ` (the newest ${CASE_LIMIT})` : ""}
                </button>
              </form>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
