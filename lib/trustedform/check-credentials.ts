// The cheapest credential check that spends nothing: GET a certificate URL that cannot exist (40 zeros). GET never
// claims. TrustedForm authenticates before looking the certificate up, so 401 means a wrong key and 404 means the
// key was accepted.
import { outboundFetch } from "@/lib/outbound/outbound-fetch";

export type CredentialVerdict = "accepted" | "refused" | { unexpectedStatus: number };

export async function checkTrustedFormCredentials(
  origin: string,
  apiKey: string,
  timeoutMs = 10_000,
): Promise<CredentialVerdict> {
  const response = await outboundFetch(`${origin}/${"0".repeat(40)}`, {
    method: "GET",
    service: "trustedform",
    headers: {
      authorization: `Basic ${Buffer.from(`API:${apiKey}`).toString("base64")}`,
      accept: "application/json",
      "api-version": "3.0",
    },
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (response.status === 401) return "refused";
  if (response.status === 404) return "accepted";
  return { unexpectedStatus: response.status };
}
