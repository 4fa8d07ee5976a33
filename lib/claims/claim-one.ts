// Claims one certificate for the tenant, in the TrustedForm API version the tenant speaks (3.0 or 4.0). Money rules
// (architecture.md): the claim row is written ("sending") before the call, so a second live claim of the certificate
// is refused by the partial unique index and a crash leaves a row that recovery settles; sendAndSettle (3.0) or
// sendAndSettleV4 decides the row's final state, written with its audit entry.
import { resolveConnection, SandboxNotAllowedError } from "@/lib/connections/resolve-connection";
import { connectionOrigin } from "@/lib/connections/service-urls";
import { auditActor } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { masterKeys } from "@/lib/secrets/master-keys";
import { openSecret } from "@/lib/secrets/seal";
import { parseCertificateUrl } from "@/lib/trustedform/certificate-url";
import { emailFingerprint, phoneFingerprint } from "@/lib/trustedform/fingerprint";
import type { Claim } from "@/generated/prisma/client";
import type { ClaimInput } from "./claim-input";
import { insertSendingClaim, LiveClaimExistsError, readClaimSetup, type ClaimSetup } from "./claim-one-sql";
import type { Settlement } from "./claim-settlement";
import { getScanPolicy } from "./get-scan-policy";
import { parseTermsText, type ScanTerm } from "./scan-terms";
import { sendAndSettle } from "./send-and-settle";
import { settleSingleClaim } from "./settlement-group-commit";
import { storedClaimIntentV4, type ClaimIntentV4 } from "./v4/claim-intent-v4";
import { claimRequestV4, notRetainedReason } from "./v4/claim-request-v4";
import { EMPTY_CLAIM_POLICY_V4, type ClaimPolicyV4 } from "./v4/claim-policy-v4";
import { sendAndSettleV4 } from "./v4/send-and-settle-v4";
import { buildV4Body } from "@/lib/trustedform/v4/build-v4-request";

/** The scan terms of the claim: the chosen policy's, or those typed into the form. */
async function resolveTerms(context: TenantContext, input: ClaimInput) {
  if (input.policyId) {
    const policy = await getScanPolicy(context, input.policyId);
    if (!policy) throw new UserFacingError("That scan policy was not found.", "not_found");
    return {
      policyId: policy.id,
      policyName: policy.name,
      required: policy.required,
      forbidden: policy.forbidden,
      delimiter: policy.scanDelimiter,
      v4: policy.v4,
    };
  }
  const required = parseTermsText(input.requiredText ?? "");
  const forbidden = parseTermsText(input.forbiddenText ?? "");
  const errors = [...required.errors, ...forbidden.errors];
  if (errors.length) throw new UserFacingError(errors.join(" "));
  return {
    policyId: null,
    policyName: null,
    required: required.terms as ScanTerm[],
    forbidden: forbidden.terms as ScanTerm[],
    delimiter: null,
    v4: EMPTY_CLAIM_POLICY_V4 as ClaimPolicyV4,
  };
}

/** A 4.0 claim's intent, or a refusal in words when there is nothing 4.0 could be asked. */
function intentV4(
  input: ClaimInput,
  fingerprints: { email: string | null; phone: string | null },
  terms: Awaited<ReturnType<typeof resolveTerms>>,
): ClaimIntentV4 {
  const request = {
    emailFingerprint: fingerprints.email,
    phoneFingerprint: fingerprints.phone,
    reference: input.reference || null,
    vendor: input.vendor || null,
    required: terms.required,
    forbidden: terms.forbidden,
    scanDelimiter: terms.delimiter,
  };
  const v4 = claimRequestV4(request, terms.v4);
  const built = buildV4Body(v4);
  if (!built.ok)
    throw new UserFacingError(
      fingerprints.email || fingerprints.phone
        ? `Nothing was sent: ${built.reason}`
        : "TrustedForm 4.0 retains a certificate only with lead matching: give the lead's email or phone, or choose a policy that asks for Insights or Verify.",
    );
  return { v4, rules: terms.v4.rules, notRetained: notRetainedReason(request) };
}

/** The connection's origin when the deployment allows it (resolve-connection.ts's rule, on the row read above). */
function allowedOrigin(connection: NonNullable<ClaimSetup["connection"]>) {
  const { environment, origin, allowed } = connectionOrigin("trustedform", connection);
  if (!allowed || !origin) throw new SandboxNotAllowedError("trustedform", origin);
  return { environment, origin };
}

/** The new claim's id, and its settled row as Prisma reads it (null when it was no longer sending: read it anew). */
export async function claimOne(
  context: TenantContext,
  input: ClaimInput,
  /** The setup when the caller started reading it already (the API reads it while it inserts the key). */
  options: { setup?: Promise<ClaimSetup> } = {},
): Promise<{ claimId: string; claim: Claim | null }> {
  const { db } = context;
  // One statement for the tenant's flags, its connection and its sealed keys (claim-one-sql.ts); a tenant without a
  // connection yet gets one through resolveConnection, as everywhere else.
  const setup = await (options.setup ?? readClaimSetup(context));
  // The origin and the environment whose key goes there, decided once for this claim.
  const { origin, environment } = setup.connection
    ? allowedOrigin(setup.connection)
    : await resolveConnection(context, "trustedform");
  const parsed = parseCertificateUrl(input.certUrl, origin);
  if (!parsed.ok) throw new UserFacingError(parsed.reason);
  const terms = await resolveTerms(context, input);
  const email = input.email || undefined;
  const phone = input.phone || undefined;
  const fingerprints = {
    email: email ? emailFingerprint(email) : null,
    phone: phone ? phoneFingerprint(phone) : null,
  };
  // 4.0 matches leads by their fingerprints, which its API documents: raw contact data never leaves there.
  const intent = setup.apiVersion === "4.0" ? intentV4(input, fingerprints, terms) : null;
  const request = {
    ...(setup.claimSendsRawContact
      ? { email: email ? [email] : [], phone: phone ? [phone] : [] }
      : { fingerprints: [fingerprints.email, fingerprints.phone].filter((f): f is string => Boolean(f)) }),
    reference: input.reference || undefined,
    vendor: input.vendor || undefined,
    requiredScanTerms: terms.required,
    forbiddenScanTerms: terms.forbidden,
    scanDelimiter: terms.delimiter ?? undefined,
  };

  // The intent, before any request. The partial unique index refuses a second live claim of the certificate.
  const { actorId, actorEmail } = auditActor(context.actor);
  let claimId: string;
  try {
    claimId = await insertSendingClaim(context, {
      certId: parsed.certId,
      certUrl: parsed.url,
      vendor: input.vendor || null,
      reference: input.reference || null,
      emailFingerprint: fingerprints.email,
      phoneFingerprint: fingerprints.phone,
      policyId: terms.policyId,
      policyName: terms.policyName,
      requiredTerms: terms.required,
      forbiddenTerms: terms.forbidden,
      scanDelimiter: terms.delimiter,
      apiVersion: intent ? "4.0" : "3.0",
      request: intent ? storedClaimIntentV4(intent) : null,
      createdById: actorId,
      createdByEmail: actorEmail,
    });
  } catch (error) {
    if (error instanceof LiveClaimExistsError) {
      const existing = await db.claim.findFirst({
        where: { certId: parsed.certId, NOT: { status: "failed" } },
        select: { id: true },
      });
      throw new UserFacingError(
        `This certificate was already claimed by this tenant${existing ? ` (claim ${existing.id})` : ""}. Open that claim instead of claiming again.`,
        "conflict",
      );
    }
    throw error;
  }

  const gaveContact = Boolean(email || phone);
  // sendAndSettle never throws; opening the key can, and then nothing was sent. The key is opened here, at the moment
  // of the call, from the sealed row read above (only this environment's: the other's is never a fallback).
  const sealed = setup.sealedKeys[environment];
  const settle: Settlement = await Promise.resolve()
    .then(() => {
      const apiKey = sealed
        ? openSecret(
            masterKeys(),
            { tenantId: context.tenantId, purpose: "trustedform.api_key", environment },
            sealed,
          )
        : null;
      return intent
        ? sendAndSettleV4({ url: parsed.url, apiKey, intent })
        : sendAndSettle({ url: parsed.url, apiKey, request, gaveContact });
    })
    .catch(() => ({
      status: "failed" as const,
      errorKind: "internal",
      errorMessage:
        "Certdesk could not open the stored TrustedForm API key, so nothing was claimed. Tell your admin.",
    }));

  // The row's final state and its audit entry commit together, grouped with the tenant's other claims settling now.
  const claim = await settleSingleClaim(context, { id: claimId, certId: parsed.certId }, settle, {
    actorId,
    actorEmail,
    details: {
      certId: parsed.certId,
      status: settle.status,
      apiVersion: intent ? "4.0" : "3.0",
      ...("outcome" in settle ? { outcome: settle.outcome } : { error: settle.errorKind }),
      ...("verdict" in settle && settle.verdict ? { verdict: settle.verdict } : {}),
    },
  });
  return { claimId, claim };
}
