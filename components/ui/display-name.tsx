// A name as typed by someone else (file name, title, vendor, email...): isolated from the text around it (<bdi>),
// with any bidirectional control shown as a visible, marked escape instead of silently reordering the name.
// lib/text/display-name.ts says why; plain-string places (attributes, <option>) use displayText from there.
import { displayParts, hasBidiControls } from "@/lib/text/display-name";

export function DisplayName({
  value,
  fallback = "—",
  className,
}: {
  value: string | null | undefined;
  /** Shown when there is no value. */
  fallback?: string;
  className?: string;
}) {
  if (!value) return <>{fallback}</>;
  if (!hasBidiControls(value)) return <bdi className={className}>{value}</bdi>;
  return (
    <bdi
      className={className}
      title="This name contains invisible text-direction characters, shown here as ⟨U+…⟩."
      data-testid="neutralised-name"
    >
      {displayParts(value).map((part, i) =>
        part.control ? (
          <span key={i} className="rounded bg-amber-100 px-0.5 font-mono text-[0.85em] text-amber-900">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </bdi>
  );
}
