import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <div className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">Not found</h1>
        <p className="mt-2 text-sm text-slate-600">
          There is nothing at this address in your tenant. Check the link, or switch tenant if it belongs to
          another one.
        </p>
        <Link href="/certifications" className={buttonClass("secondary", "mt-6")}>
          Back to Certdesk
        </Link>
      </div>
    </div>
  );
}
