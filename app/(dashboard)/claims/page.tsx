import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Claims" };

export default async function ClaimsPage() {
  await requirePageMember("viewer");
  return (
    <>
      <PageHeader
        title="Claims"
        description="TrustedForm certificates claimed for your leads, with their consent-language scans and fingerprint matches."
      />
      <EmptyState title="No claims yet">
        Claiming arrives with the TrustedForm connection. An admin first adds the tenant&apos;s TrustedForm
        API key in Settings.
      </EmptyState>
    </>
  );
}
