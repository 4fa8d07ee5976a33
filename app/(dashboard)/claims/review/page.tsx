import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { countWords } from "@/lib/claims/bounded-count";
import { decodeQueueCursor, listReviewQueue } from "@/lib/claims/list-review-queue";
import { apiVersionOf } from "@/lib/claims/v4/trustedform-api-version";
import { ClaimVerdictBadge } from "@/components/claims/claim-badges";
import { buttonClass } from "@/components/ui/button";
import { DisplayName } from "@/components/ui/display-name";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "To review" };

export default async function ReviewQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const member = await requirePageMember("viewer");
  const after = (await searchParams).after;
  const queue = await listReviewQueue(member, decodeQueueCursor(after));
  return (
    <>
      <Breadcrumb href="/claims" label="Claims" />
      <PageHeader
        title="To review"
        description={`${countWords(queue.total)} claimed certificates wait for a decision; ${countWords(queue.failing)} fail their policy's rules and come first. On a claim: a accept, r reject, j/k next/previous.`}
        actions={
          queue.rows[0] ? (
            <Link className={buttonClass("primary")} href={`/claims/${queue.rows[0].id}`}>
              Start reviewing
            </Link>
          ) : undefined
        }
      />
      {queue.rows.length === 0 ? (
        <EmptyState title="Nothing to review">
          Every claimed certificate has been accepted or rejected.
        </EmptyState>
      ) : (
        <ol
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          data-testid="review-queue"
        >
          {queue.rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-start gap-x-4 gap-y-1 px-4 py-3 text-sm">
              <Link href={`/claims/${row.id}`} className="font-mono text-xs text-brand-700 hover:underline">
                {row.certId.slice(0, 14)}…
              </Link>
              <span>
                <DisplayName value={row.vendor} />
              </span>
              <span className="text-slate-600">{apiVersionOf(row.apiVersion)}</span>
              <ClaimVerdictBadge verdict={row.verdict} />
              <span className="ml-auto whitespace-nowrap text-slate-600">
                <Time value={row.claimedAt ?? row.createdAt} relative />
              </span>
              {row.failedRules.length ? (
                <ul className="w-full list-disc pl-5 text-red-800" data-testid="failed-rules">
                  {row.failedRules.map((words, i) => (
                    <li key={i}>{words}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pager
        previous={after ? { href: "/claims/review", label: "← Start of the queue" } : null}
        next={queue.next ? { href: `/claims/review?after=${queue.next}`, label: "Next →" } : null}
      />
    </>
  );
}
