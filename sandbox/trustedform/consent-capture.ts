// What TrustedForm Verify reads from a page, captured from a certificate's snapshot HTML: the consent language
// (the element tagged `data-tf-element-role="consent-language"`), the advertisers named in consent tags
// (`consent-advertiser-name`; null when the form has none), the consent text's font size and its contrast ratio
// against its background (from its inline style, WCAG 2 relative luminance), and the opt-in type (`consent-opt-in`:
// a checkbox checked by default is "pre-selected", an unchecked one "manual", none "non-interactive"). The tag names
// are modelled on TrustedForm's consent tags; the simulator reads only what its own demo form writes.
export type OptInType = "manual" | "pre-selected" | "non-interactive";

export interface ConsentFacts {
  text: string | null;
  advertisers: string[] | null;
  font_size_px: number | null;
  contrast_ratio: number | null;
  opt_in_type: OptInType;
}

const decode = (text: string) =>
  text
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** Visible text with its case kept: tags removed, entities decoded, whitespace folded. */
export function visibleText(html: string): string {
  return decode(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .replace(/\s+([.,;:!?])/g, "$1")
    .trim();
}

function tagged(html: string, role: string): Array<{ attributes: string; inner: string }> {
  const pattern = new RegExp(
    `<([a-z][a-z0-9]*)([^>]*\\bdata-tf-element-role="${role}"[^>]*)>([\\s\\S]*?)</\\1>`,
    "gi",
  );
  return [...html.matchAll(pattern)].map((m) => ({ attributes: m[2]!, inner: m[3]! }));
}

function luminance(hex: string): number | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  const digits = match[1]!.length === 3 ? [...match[1]!].map((d) => d + d).join("") : match[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const channel = parseInt(digits.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of two #rgb / #rrggbb colours, rounded to two decimals. */
export function contrastRatio(foreground: string, background: string): number | null {
  const a = luminance(foreground);
  const b = luminance(background);
  if (a === null || b === null) return null;
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  return Math.round(ratio * 100) / 100;
}

function styleValue(attributes: string, property: string): string | null {
  const style = /\bstyle="([^"]*)"/i.exec(attributes)?.[1] ?? "";
  return new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`, "i").exec(style)?.[1]?.trim() ?? null;
}

export function captureConsent(html: string): ConsentFacts {
  const language = tagged(html, "consent-language")[0] ?? null;
  const advertisers = tagged(html, "consent-advertiser-name").map((element) => visibleText(element.inner));
  const optIn = /<input\b[^>]*\bdata-tf-element-role="consent-opt-in"[^>]*>/i.exec(html)?.[0] ?? null;
  const fontSize = language ? styleValue(language.attributes, "font-size") : null;
  const color = language ? styleValue(language.attributes, "color") : null;
  const background = language
    ? (styleValue(language.attributes, "background-color") ?? styleValue(language.attributes, "background"))
    : null;
  return {
    text: language ? visibleText(language.inner) || null : null,
    advertisers: advertisers.length ? advertisers : null,
    font_size_px: fontSize && /^\d+(\.\d+)?px$/.test(fontSize) ? parseFloat(fontSize) : null,
    contrast_ratio: color ? contrastRatio(color, background ?? "#ffffff") : null,
    opt_in_type: optIn ? (/\bchecked\b/i.test(optIn) ? "pre-selected" : "manual") : "non-interactive",
  };
}
