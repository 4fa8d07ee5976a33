import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import { getClaimOrigin } from "@/lib/claims/get-claim-origin";
import { listScanPolicies } from "@/lib/claims/list-scan-policies";
import { ClaimForm } from "@/components/claims/claim-form";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { claimAction } from "../actions";

export const metadata: Metadata = { title: "Claim a certificate" };

export default async function NewClaimPage() {
  const member = await requirePageMember("reviewer");
  const [policies, origin] = await Promise.all([listScanPolicies(member), getClaimOrigin(member)]);
  return (
    <>
      <Breadcrumb href="/claims" label="Claims" />
      <PageHeader
        title="Claim a certificate"
        description="Claim one TrustedForm certificate, check its consent language and match the lead's email and phone."
      />
      <ClaimForm
        allowedOrigin={origin}
        claim={claimAction}
        policies={policies.map((p) => ({
          id: p.id,
          name: p.name,
          isDefault: p.isDefault,
          summary: `${p.required.length} required and ${p.forbidden.length} forbidden terms`,
        }))}
      />
    </>
  );
}
