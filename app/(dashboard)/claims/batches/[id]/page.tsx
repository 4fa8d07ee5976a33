import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageMember } from "@/app/_auth/require-member";
import { getBatchProgress } from "@/lib/claims/get-batch-progress";
import { BatchProgress } from "@/components/claims/batch-progress";
import { RefusedRowsTable } from "@/components/claims/refused-rows-table";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { DisplayName } from "@/components/ui/display-name";

export const metadata: Metadata = { title: "Bulk claim" };

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requirePageMember("viewer");
  const batch = await getBatchProgress(member, (await params).id);
  if (!batch) notFound();
  return (
    <>
      <Breadcrumb href="/claims" label="Claims" />
      <PageHeader
        title={
          <>
            Bulk claim: <DisplayName value={batch.fileName} />
          </>
        }
        description={
          <>
            {batch.totalRows} rows: {batch.acceptedRows} sent to TrustedForm, {batch.refused.length} refused.
            Started by <DisplayName value={batch.createdByEmail} fallback="someone" />; {batch.concurrency}{" "}
            claims in flight at once.
          </>
        }
      />
      <div className="space-y-5">
        <BatchProgress
          batchId={batch.id}
          initial={{
            status: batch.status,
            acceptedRows: batch.acceptedRows,
            done: batch.done,
            counts: batch.counts,
            verdicts: batch.verdicts,
          }}
        />
        {batch.refused.length ? (
          <section className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="text-base font-semibold">Refused rows</h2>
            <RefusedRowsTable rows={batch.refused} testId="batch-refused" />
          </section>
        ) : null}
      </div>
    </>
  );
}
