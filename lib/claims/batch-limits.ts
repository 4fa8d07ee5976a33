// The limits of one bulk claim file, shared by the browser (checked before anything is sent, and shown on the
// page) and the server. The browser sends the mapped cells to a server action, whose request body Next.js caps
// at next.config.mjs `serverActions.bodySizeLimit`; a larger request fails in the browser with no word to the
// user, so the browser measures what it is about to send. No server-only imports: the bulk claim page uses it.

export const MAX_BATCH_ROWS = 50_000;

/** next.config.mjs `experimental.serverActions.bodySizeLimit` ("25mb"); a unit test holds the two together. */
export const ACTION_BODY_LIMIT_BYTES = 25 * 1024 * 1024;

/** The largest CSV file the page reads. */
export const MAX_BATCH_FILE_BYTES = 20 * 1024 * 1024;

/**
 * The largest JSON the browser sends (the mapped cells of every row, as the action's argument): under the body
 * limit, with room for the action's own framing.
 */
export const MAX_BATCH_PAYLOAD_BYTES = 24 * 1024 * 1024;

/** The longest cell of each column, in characters; a longer one refuses its row only. */
export const MAX_CELL_LENGTH = {
  certUrl: 2000,
  email: 500,
  phone: 100,
  reference: 200,
  vendor: 200,
} as const;

export const CELL_LABEL: Record<keyof typeof MAX_CELL_LENGTH, string> = {
  certUrl: "certificate URL",
  email: "email",
  phone: "phone",
  reference: "reference",
  vendor: "vendor",
};

export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;
}

/** The limits in one sentence, for the page before a file is chosen and for the refusals. */
export const BATCH_LIMITS_IN_WORDS =
  `At most ${MAX_BATCH_ROWS.toLocaleString("en")} rows and ${formatMegabytes(MAX_BATCH_FILE_BYTES)} per file, ` +
  `saved as UTF-8; split a larger file into several batches.`;
