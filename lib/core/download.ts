/** A file a verb hands to a route handler to send: its name a person can file, its type, and its bytes as a stream. */
export interface Download {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
  /** The length when known in advance. */
  size?: number;
}

/** A stream of text lines pulled page by page, so an export of a million rows holds one page in memory. */
export function streamOfLines(first: string, next: () => Promise<string | null>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first) controller.enqueue(encoder.encode(first));
    },
    async pull(controller) {
      const text = await next();
      if (text === null) controller.close();
      else controller.enqueue(encoder.encode(text));
    },
  });
}
