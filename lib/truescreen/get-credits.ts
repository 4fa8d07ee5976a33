import { outboundFetch } from "@/lib/outbound/outbound-fetch";
import { readCreditBalance } from "./read-credit-balance";
import { problemFromResponse } from "./truescreen-problem";

/**
 * GET /v1/credits: the balance of the workspace the API key belongs to, or null when an authenticated 2xx answer
 * holds no balance Certdesk can read (the shape is unpublished: read-credit-balance.ts).
 */
export async function getCredits(
  baseUrl: string,
  apiKey: string,
  timeoutMs = 10_000,
): Promise<number | null> {
  const response = await outboundFetch(`${baseUrl}/v1/credits`, {
    service: "truescreen",
    headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw await problemFromResponse(response);
  const text = await response.text().catch(() => "");
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // a bare number or text is read as it is
  }
  return readCreditBalance(body);
}
