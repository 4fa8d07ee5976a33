import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import { getClaimOrigin } from "@/lib/claims/get-claim-origin";
import { listScanPolicies } from "@/lib/claims/list-scan-policies";
import { BulkClaim } from "@/components/claims/bulk-claim";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { checkBatchAction, createBatchAction } from "./actions";

export const metadata: Metadata = { title: "Bulk claim" };

export default async function BulkClaimPage() {
  const member = await requirePageMember("reviewer");
  const [policies, origin] = await Promise.all([listScanPolicies(member), getClaimOrigin(member)]);
  return (
    <>
      <Breadcrumb href="/claims" label="Claims" />
      <PageHeader
        title="Bulk claim from a CSV file"
        description={`Every row is checked before anything is sent: only ${origin}/ certificate URLs, valid emails and phones, each certificate once. The file is read in your browser; email and phone are sent to the server only to be turned into fingerprints.`}
      />
      <BulkClaim
        policies={policies.map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault }))}
        check={checkBatchAction}
        create={createBatchAction}
      />
    </>
  );
}
