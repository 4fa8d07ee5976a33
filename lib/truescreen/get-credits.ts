import { z } from "zod";
import { outboundFetch } from "@/lib/outbound/outbound-fetch";
import { problemFromResponse } from "./truescreen-problem";

const creditsResponse = z.object({ credits: z.number().int() });

/** GET /v1/credits: the balance of the workspace the API key belongs to. */
export async function getCredits(baseUrl: string, apiKey: string, timeoutMs = 10_000): Promise<number> {
  const response = await outboundFetch(`${baseUrl}/v1/credits`, {
    headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw await problemFromResponse(response);
  return creditsResponse.parse(await response.json()).credits;
}
