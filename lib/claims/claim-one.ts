// Claims one certificate for a tenant. Money rules (architecture.md): the claim row is written ("sending") before
// the call; the call is retried only when it provably never left; when an answer is lost, a GET (which never
// claims) settles whether the claim happened, and nothing is ever sent twice behind the user's back.
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { ensureConnection } from "@/lib/connections/ensure-connection";
import { environmentOfOrigin } from "@/lib/connections/environment-of-origin";
import { resolveConnection } from "@/lib/connections/resolve-connection";
import { connectionOrigin } from "@/lib/connections/service-urls";
import { systemDb } from "@/lib/db/client";
import { tenantDb } from "@/lib/db/tenant-scope";
import type { TenantContext } from "@/lib/core/tenant-context";
import type { MemberActor as LegacyActor } from "@/lib/members/member-actor";

// TRANSITION (Tenancy issue)
type MemberActor = LegacyActor & TenantContext;
import { OutboundRefusedError } from "@/lib/outbound/outbound-errors";
import { withTenantSecret } from "@/lib/secrets/with-tenant-secret";
import { parseCertificateUrl } from "@/lib/trustedform/certificate-url";
import {
  ClaimNotSentError,
  ClaimOutcomeUnknownError,
  claimCertificate,
  TrustedFormClaimError,
  viewClaim,
  type ClaimAnswer,
  type ClaimRequest,
} from "@/lib/trustedform/claim-certificate";
import { emailFingerprint, normalizeLeadPhone, phoneFingerprint } from "@/lib/trustedform/fingerprint";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { isUuid } from "@/lib/core/ids";
import { getScanPolicy } from "./scan-policies";
import { parseTermsText, type ScanTerm } from "./scan-terms";

export const claimInput = z.object({
  certUrl: z.string().trim().min(1, "Paste the certificate URL.").max(600),
  email: z
    .union([z.literal(""), z.email({ message: "That email address is not valid." }).max(254)])
    .optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .refine(
      (value) => value === "" || normalizeLeadPhone(value).length >= 7,
      "A phone number needs at least 7 digits.",
    )
    .optional(),
  reference: z.string().trim().max(200).optional(),
  vendor: z.string().trim().max(200).optional(),
  policyId: z.string().optional(),
  requiredText: z.string().max(50_000).optional(),
  forbiddenText: z.string().max(50_000).optional(),
});
export type ClaimInput = z.infer<typeof claimInput>;

const NOT_SENT_RETRIES = 2;

/**
 * For display: the origin claims go to for this tenant (the real service, or exactly its sandbox). Claiming itself
 * goes through resolveConnection, which also refuses a sandbox the deployment no longer allows.
 */
export async function allowedTrustedFormOrigin(actor: MemberActor): Promise<string> {
  const connection = await ensureConnection(actor, "trustedform");
  return connectionOrigin("trustedform", connection).origin ?? "(no sandbox chosen)";
}

/**
 * The row's state after a 2xx: always "claimed" (TrustedForm billed it), whatever the body holds. The raw body is
 * stored as received; what could not be read, an `error` outcome, or a missing fingerprint result becomes a note in
 * errorMessage (shown on the claim page, in the list and the CSV) and flags the claim for review (hasWarnings).
 */
export function claimedSettlement(answer: ClaimAnswer, gaveContact: boolean) {
  const { response } = answer.reading;
  const scans = response.scans;
  const fingerprintCount = response.fingerprints
    ? response.fingerprints.matching.length + response.fingerprints.non_matching.length
    : 0;
  const notes = claimNotes(answer, gaveContact);
  return {
    status: "claimed" as const,
    // The outcome column holds success or failure; `error` and an unreadable outcome stay null (see the note).
    outcome: response.outcome === "success" || response.outcome === "failure" ? response.outcome : null,
    requiredFound: scans?.required_found.length ?? 0,
    requiredTotal: scans ? scans.required_found.length + scans.required_not_found.length : 0,
    forbiddenFound: scans?.forbidden_found.length ?? 0,
    // null when no email or phone was given, or when TrustedForm returned no fingerprint result to judge by.
    fingerprintMatch: gaveContact && fingerprintCount > 0 ? response.fingerprints!.matching.length > 0 : null,
    warnings: response.warnings,
    hasWarnings: response.warnings.length > 0 || notes.length > 0,
    response: answer.raw as object,
    claimedAt: new Date(),
    errorKind: notes.length ? "review_note" : null,
    errorMessage: notes.length ? notes.join(" ") : null,
  };
}

/** Words for what a reviewer must know about a 2xx answer that is not the plain documented shape. */
export function claimNotes(answer: Pick<ClaimAnswer, "status" | "reading">, gaveContact: boolean): string[] {
  const { response, unreadable } = answer.reading;
  const notes: string[] = [];
  if (unreadable.length)
    notes.push(
      `TrustedForm answered HTTP ${answer.status}, so the claim was made and billed, but Certdesk could not read part of its answer (${unreadable.join("; ")}). The raw answer is kept with this claim.`,
    );
  if (response.outcome === "error")
    notes.push(
      `TrustedForm reported the outcome "error"${response.reason ? ` (${response.reason})` : ""}: its documentation says the certificate may not have been claimed. Certdesk does not claim it again by itself, since the answer was a ${answer.status}; check the certificate in TrustedForm before claiming anew.`,
    );
  if (gaveContact && !response.fingerprints)
    notes.push(
      "TrustedForm returned no fingerprint result at all, so the lead's email and phone were not checked against the certificate.",
    );
  return notes;
}

async function resolveTerms(actor: MemberActor, input: ClaimInput) {
  if (input.policyId) {
    const policy = await getScanPolicy(actor, input.policyId);
    if (!policy) throw new UserFacingError("That scan policy was not found.", "not_found");
    return {
      policyId: policy.id,
      policyName: policy.name,
      required: policy.required,
      forbidden: policy.forbidden,
      delimiter: policy.scanDelimiter,
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
  };
}

export async function claimOne(actor: MemberActor, input: ClaimInput): Promise<{ claimId: string }> {
  // The origin and the environment whose key goes there, decided once for this claim.
  const { origin, environment } = await resolveConnection(actor, "trustedform");
  const parsed = parseCertificateUrl(input.certUrl, origin);
  if (!parsed.ok) throw new UserFacingError(parsed.reason);
  const terms = await resolveTerms(actor, input);
  const tenant = await tenantDb(actor).tenant.findFirstOrThrow({ select: { claimSendsRawContact: true } });
  const email = input.email || undefined;
  const phone = input.phone || undefined;
  const fingerprints = {
    email: email ? emailFingerprint(email) : null,
    phone: phone ? phoneFingerprint(phone) : null,
  };
  const request = {
    ...(tenant.claimSendsRawContact
      ? { email: email ? [email] : [], phone: phone ? [phone] : [] }
      : { fingerprints: [fingerprints.email, fingerprints.phone].filter((f): f is string => Boolean(f)) }),
    reference: input.reference || undefined,
    vendor: input.vendor || undefined,
    requiredScanTerms: terms.required,
    forbiddenScanTerms: terms.forbidden,
    scanDelimiter: terms.delimiter ?? undefined,
  };

  // The intent, before any request. The partial unique index refuses a second live claim of the certificate.
  let claimId: string;
  try {
    const row = await tenantDb(actor).claim.create({
      data: {
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
        status: "sending",
        createdById: actor.actorId,
        createdByEmail: actor.actorEmail,
      } as never,
    });
    claimId = row.id;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      const existing = await tenantDb(actor).claim.findFirst({
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
  // sendAndSettle never throws; opening the key can, and then nothing was sent.
  const settle: Settlement = await withTenantSecret(actor, "trustedform.api_key", environment, (apiKey) =>
    sendAndSettle({ url: parsed.url, apiKey, request, gaveContact }),
  ).catch(() => ({
    status: "failed" as const,
    errorKind: "internal",
    errorMessage:
      "Certdesk could not open the stored TrustedForm API key, so nothing was claimed. Tell your admin.",
  }));

  await tenantDb(actor).$transaction(async (tx) => {
    await tx.claim.update({ where: { id: claimId }, data: settle as never });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: settle.status === "claimed" ? "claim.claimed" : `claim.${settle.status}`,
        targetType: "claim",
        targetId: claimId,
        details: {
          certId: parsed.certId,
          status: settle.status,
          ...("outcome" in settle ? { outcome: settle.outcome } : { error: settle.errorKind }),
        },
      },
      tx,
    );
  });
  return { claimId };
}

/** For a claim whose answer was lost: ask TrustedForm (GET never claims) whether it happened. */
export async function recheckClaim(
  actor: MemberActor,
  claimId: string,
): Promise<"claimed" | "still_unknown"> {
  const claim = isUuid(claimId) ? await tenantDb(actor).claim.findUnique({ where: { id: claimId } }) : null;
  if (!claim || claim.status !== "unknown")
    throw new UserFacingError("Only a claim whose answer was lost can be checked again.", "conflict");
  // The key of the environment the claim was sent to (its URL's origin), and only if that origin is still allowed.
  const environment = environmentOfOrigin("trustedform", claim.certUrl);
  if (!environment)
    throw new UserFacingError(
      "This claim was sent to a TrustedForm sandbox this deployment no longer allows, so Certdesk cannot ask it again.",
      "conflict",
    );
  const seen = await withTenantSecret(actor, "trustedform.api_key", environment, async (apiKey) =>
    apiKey ? viewClaim(claim.certUrl, apiKey) : null,
  );
  if (!seen) return "still_unknown";
  await systemDb.$transaction(async (tx) => {
    await tx.claim.update({
      where: { id: claim.id },
      data: claimedSettlement(seen, Boolean(claim.emailFingerprint || claim.phoneFingerprint)) as never,
    });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "claim.claimed",
        targetType: "claim",
        targetId: claim.id,
        details: { certId: claim.certId, settledBy: "recheck" },
      },
      tx,
    );
  });
  return "claimed";
}

export type Settlement =
  | ReturnType<typeof claimedSettlement>
  | { status: "failed" | "unknown"; errorKind: string; errorMessage: string };

/**
 * Sends one claim and turns whatever happens into the row's final state, by the money rules: resend only what
 * never left; settle a lost answer or a 5xx with a GET; never leave the row "sending".
 */
export async function sendAndSettle(input: {
  url: string;
  apiKey: string | null;
  request: ClaimRequest;
  gaveContact: boolean;
}): Promise<Settlement> {
  const { url, apiKey, request, gaveContact } = input;
  if (!apiKey) {
    return {
      status: "failed",
      errorKind: "no_key",
      errorMessage:
        "No TrustedForm API key is saved. An admin adds it in Settings > Connections; nothing was claimed.",
    };
  }
  let requestStarted = false;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        requestStarted = true;
        return claimedSettlement(await claimCertificate(url, apiKey, request), gaveContact);
      } catch (error) {
        if (error instanceof ClaimNotSentError && attempt < NOT_SENT_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
          continue;
        }
        if (error instanceof ClaimNotSentError) {
          return {
            status: "failed",
            errorKind: "unreachable",
            errorMessage: "TrustedForm could not be reached, so nothing was claimed. Try again in a moment.",
          };
        }
        if (error instanceof TrustedFormClaimError)
          return { status: "failed", errorKind: error.kind, errorMessage: error.message };
        if (error instanceof OutboundRefusedError)
          return {
            status: "failed",
            errorKind: "refused_target",
            errorMessage: `Nothing was claimed: ${error.message}`,
          };
        if (error instanceof ClaimOutcomeUnknownError) {
          const seen = await viewClaim(url, apiKey).catch(() => null);
          if (seen) return claimedSettlement(seen, gaveContact);
          return {
            status: "unknown",
            errorKind: "no_answer",
            errorMessage:
              "No answer came back from TrustedForm, and it shows no claim yet. Use Check again before claiming anew: the claim may still arrive.",
          };
        }
        throw error;
      }
    }
  } catch (error) {
    console.error(
      "[certdesk] claim settled as an error:",
      error instanceof Error ? error.name : "unknown error",
    );
    return requestStarted
      ? {
          status: "unknown",
          errorKind: "internal",
          errorMessage:
            "Certdesk failed while the claim was under way. Use Check again before claiming anew.",
        }
      : {
          status: "failed",
          errorKind: "internal",
          errorMessage: "Certdesk could not send the claim. Nothing was claimed; tell your admin.",
        };
  }
}
