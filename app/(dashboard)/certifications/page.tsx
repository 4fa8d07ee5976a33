import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Certifications" };

export default async function CertificationsPage() {
  await requirePageMember("viewer");
  return (
    <>
      <PageHeader
        title="Certifications"
        description="Evidence certified with TrueScreen: hashes computed in your browser, or files uploaded straight to TrueScreen."
      />
      <EmptyState title="No certifications yet">
        Certifying evidence arrives with the TrueScreen connection. An admin first adds the tenant&apos;s
        TrueScreen API key in Settings.
      </EmptyState>
    </>
  );
}
