import type { ReactNode } from "react";

/**
 * A wide table's horizontal scroller that a keyboard can reach and scroll (WCAG 2.1.1): focusable, named, and
 * showing its focus. Tables with links inside are reachable through them; this is for those without.
 */
export function ScrollRegion({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${className}`}
    >
      {children}
    </div>
  );
}
