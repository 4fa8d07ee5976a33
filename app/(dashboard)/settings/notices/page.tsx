import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import { CreditsThresholdForm } from "@/components/notices/credits-threshold-form";
import { NoticePreferencesForm } from "@/components/notices/notice-preferences-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getNoticePreferences } from "@/lib/notices/get-notice-preferences";
import { saveNoticePreferencesAction, setCreditsThresholdAction } from "./actions";

export const metadata: Metadata = { title: "Notices" };

export default async function NoticeSettingsPage() {
  const member = await requirePageMember("viewer");
  const preferences = await getNoticePreferences(member);
  return (
    <>
      <PageHeader
        title="Notices"
        description={`Which notices you get in ${member.tenantName}, in Certdesk (the bell) and by email to ${preferences.email}. Your choices here are yours, for this tenant only.`}
      />
      <div className="space-y-8">
        {preferences.emailOn ? null : (
          <Alert tone="info">
            Email is off for this Certdesk: no SMTP server is configured (CERTDESK_SMTP_URL). Notices appear
            in Certdesk only.
          </Alert>
        )}
        <NoticePreferencesForm
          kinds={preferences.kinds.map(({ kind, label, recipients, inApp, email }) => ({
            kind,
            label,
            recipients,
            inApp,
            email,
          }))}
          emailOn={preferences.emailOn}
          save={saveNoticePreferencesAction}
        />
        {preferences.credits ? (
          <section aria-labelledby="credits-heading" className="space-y-3">
            <h2 id="credits-heading" className="text-lg font-semibold text-slate-900">
              TrueScreen credits (this tenant)
            </h2>
            <p className="max-w-2xl text-sm text-slate-600">
              Set by owners and admins for the whole tenant. The balance is checked after each completed
              certification; owners and admins are told once when it falls below the threshold, and again only
              after it has gone back up to it.
              {preferences.credits.seen !== null
                ? ` Last balance seen: ${preferences.credits.seen} credits${preferences.credits.low ? " (below the threshold)" : ""}.`
                : ""}
            </p>
            <CreditsThresholdForm
              threshold={preferences.credits.threshold}
              save={setCreditsThresholdAction}
            />
          </section>
        ) : null}
      </div>
    </>
  );
}
