import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import {
  abandonUploadAction,
  certifyHashesAction,
  certifyUploadedAction,
  creditsAction,
  findCertifiedAction,
  registerAgainAction,
  startUploadAction,
} from "@/app/(dashboard)/certifications/actions";
import { getCreditsBalance } from "@/lib/certifications/get-credits-balance";
import { CreditsBalance } from "@/components/certifications/credits-balance";
import { NewCertification } from "@/components/certifications/new-certification";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New certification" };

export default async function NewCertificationPage() {
  const member = await requirePageMember("certifier");
  const credits = await getCreditsBalance(member.context, 3000);
  return (
    <>
      <Breadcrumb href="/certifications" label="Certifications" />
      <PageHeader
        title="New certification"
        description="Drop the files to certify. Hash them in your browser (files never leave this computer), or upload them straight to TrueScreen."
        actions={<CreditsBalance balance={credits} />}
      />
      <NewCertification
        actions={{
          abandonUploadAction,
          certifyHashesAction,
          certifyUploadedAction,
          creditsAction,
          findCertifiedAction,
          registerAgainAction,
          startUploadAction,
        }}
      />
    </>
  );
}
