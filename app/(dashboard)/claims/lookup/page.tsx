import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import { ConsentLookup } from "@/components/search/consent-lookup";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { lookupConsentAction } from "../../search/actions";

export const metadata: Metadata = { title: "Consent lookup" };

export default async function ConsentLookupPage() {
  await requirePageMember("viewer");
  return (
    <>
      <Breadcrumb href="/claims" label="Claims" />
      <PageHeader
        title="Consent lookup"
        description="Type a consumer's email or phone as the demand letter gives it. Your browser normalises and hashes it (SHA-1, the recipe of lead fingerprints); only the hash is sent, and nothing is stored. Every claim of this tenant with that fingerprint is listed."
      />
      <ConsentLookup lookup={lookupConsentAction} />
    </>
  );
}
