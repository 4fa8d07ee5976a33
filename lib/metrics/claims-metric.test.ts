// certdesk_claims_total counts each settled claim by API version and outcome, whichever path settles it (single
// claims and the bulk worker share sendAndSettle / sendAndSettleV4).
import { describe, expect, it } from "vitest";
import { sendAndSettle } from "@/lib/claims/send-and-settle";
import { sendAndSettleV4 } from "@/lib/claims/v4/send-and-settle-v4";
import { metrics } from "./metrics";

async function claims(version: string, outcome: string) {
  const { values } = await metrics().claims.get();
  return values.find((v) => v.labels.version === version && v.labels.outcome === outcome)?.value ?? 0;
}

describe("certdesk_claims_total", () => {
  it("counts settlements by version and outcome", async () => {
    const before = { v3: await claims("3.0", "failed"), v4: await claims("4.0", "failed") };
    const url = "https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567";
    const v3 = await sendAndSettle({ url, apiKey: null, request: {}, gaveContact: false });
    expect(v3.status).toBe("failed");
    await sendAndSettle({ url, apiKey: null, request: {}, gaveContact: false });
    const v4 = await sendAndSettleV4({
      url,
      apiKey: null,
      intent: { v4: {} as never, rules: [], notRetained: null },
    });
    expect(v4.status).toBe("failed");
    expect((await claims("3.0", "failed")) - before.v3).toBe(2);
    expect((await claims("4.0", "failed")) - before.v4).toBe(1);
  });
});
