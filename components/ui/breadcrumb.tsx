import Link from "next/link";

/** The way back to the list a detail page belongs to. */
export function Breadcrumb({ href, label }: { href: string; label: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 text-sm">
      <Link href={href} className="text-brand-700 hover:underline">
        {label}
      </Link>
    </nav>
  );
}
