import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "No access" };

export default function Forbidden() {
  return (
    <div className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand-700">403</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">
          You don&apos;t have access to this page
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          Your role in this tenant does not allow it. An admin or owner can change your role.
        </p>
        <Link href="/certifications" className={buttonClass("secondary", "mt-6")}>
          Back to Certdesk
        </Link>
      </div>
    </div>
  );
}
