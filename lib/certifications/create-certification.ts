// Creating certifications. Money rules (architecture.md): the certification and its files are saved before the
// create call, and updated with its answer; a lost answer leaves it `unknown`, never silently sent again.
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { tenantDb } from "@/lib/db/tenant-scope";
import type { TenantContext } from "@/lib/core/tenant-context";
import type { MemberActor as LegacyActor } from "@/lib/members/member-actor";

// TRANSITION (Tenancy issue)
type MemberActor = LegacyActor & TenantContext;
import {
  CreateOutcomeUnknownError,
  NotSentError,
  createFileCertification,
  createHashCertification,
  registerUploads,
  TrueScreenProblem,
  type CreatedCertification,
} from "@/lib/truescreen/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { isUuid } from "@/lib/core/ids";
import { checkServiceUrl, tenantTrueScreen, type TenantTrueScreen } from "./truescreen-account";

export const MAX_FILES = 1000;
/** Registrations of one upload batch (the first and the re-registrations after an expired URL or a failure). */
export const MAX_UPLOAD_ATTEMPTS = 5;
/** First poll after creation; the sandbox and the real service usually finish within seconds. */
export const FIRST_POLL_SECONDS = 2;

const fileName = z
  .string()
  .trim()
  .min(1, "Every file needs a name.")
  .max(255, "A file name is longer than 255 characters.")
  .refine((name) => !/[\u0000-\u001f]/.test(name), "A file name contains control characters.");

const metadataRows = z
  .array(
    z.object({
      key: z.string().trim().max(100, "A metadata key is longer than 100 characters."),
      value: z.string().trim().max(2000, "A metadata value is longer than 2,000 characters."),
    }),
  )
  .max(50, "Up to 50 metadata rows.")
  .default([])
  .transform((rows, ctx) => {
    // A Map, not a plain object: `"constructor" in {}` is true and `{}["__proto__"] = v` sets the prototype, so
    // those keys were refused as duplicates or lost. Object.fromEntries makes every key an own property, which
    // JSON (to PostgreSQL and to TrueScreen) keeps.
    const out = new Map<string, string>();
    for (const row of rows) {
      if (!row.key && !row.value) continue;
      if (!row.key) {
        ctx.addIssue({ code: "custom", message: `The metadata value "${row.value}" has no key.` });
        return z.NEVER;
      }
      if (out.has(row.key)) {
        ctx.addIssue({ code: "custom", message: `The metadata key "${row.key}" appears twice.` });
        return z.NEVER;
      }
      out.set(row.key, row.value);
    }
    return Object.fromEntries(out) as Record<string, string>;
  });

const common = {
  title: z.string().trim().min(1, "Give the certification a title.").max(200, "The title is too long."),
  generatePdfReport: z.boolean().default(true),
  metadata: metadataRows,
};

export const hashCertificationInput = z.object({
  ...common,
  files: z
    .array(
      z.object({
        name: fileName,
        sha256: z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[0-9a-f]{64}$/, "A hash is not a SHA-256 digest (64 hexadecimal characters)."),
      }),
    )
    .min(1, "Add at least one file.")
    .max(MAX_FILES, `Up to ${MAX_FILES} files per certification.`),
});
export type HashCertificationInput = z.input<typeof hashCertificationInput>;

export const fileCertificationInput = z.object({
  ...common,
  files: z
    .array(
      z.object({
        name: fileName,
        size: z.number().int().nonnegative(),
        type: z.string().max(200).default(""),
        lastModified: z.number().int().nonnegative().optional(),
      }),
    )
    .min(1, "Add at least one file.")
    .max(MAX_FILES, `Up to ${MAX_FILES} files per certification.`),
});
export type FileCertificationInput = z.input<typeof fileCertificationInput>;

export interface CreateResult {
  id: string;
  status: "pending" | "error" | "unknown";
  message?: string;
}

type Settlement =
  | {
      status: "pending";
      reportId: string | null;
      creditsAmount: number | null;
      /** What could not be read in the 2xx answer. */
      unreadable: string[];
      /** The raw answer, kept in the audit entry when it came from the production service (undefined otherwise). */
      raw: unknown;
    }
  | { status: "error"; errorCode: string | null; errorDetail: string | null; errorMessage: string }
  | { status: "unknown"; errorMessage: string };

async function callCreate(
  environment: "production" | "sandbox",
  run: () => Promise<CreatedCertification>,
): Promise<Settlement> {
  try {
    const created = await run();
    return {
      status: "pending",
      reportId: created.report_id,
      creditsAmount: created.credits_amount,
      unreadable: created.unreadable,
      raw: environment === "production" ? created.raw : undefined,
    };
  } catch (error) {
    if (error instanceof TrueScreenProblem)
      return {
        status: "error",
        errorCode: error.code,
        errorDetail: error.detail,
        errorMessage: error.message,
      };
    if (error instanceof NotSentError)
      return {
        status: "error",
        errorCode: null,
        errorDetail: null,
        errorMessage:
          "TrueScreen could not be reached, so nothing was sent and no credits were spent. Try again in a moment.",
      };
    if (error instanceof CreateOutcomeUnknownError) return { status: "unknown", errorMessage: error.message };
    return {
      status: "unknown",
      errorMessage:
        "Certdesk lost track of the create call. TrueScreen may have created this certification: check the TrueScreen portal before certifying again.",
    };
  }
}

/** The raw answer as kept in the audit entry: JSON as it came, text cut at 8,000 characters. */
function keptRaw(raw: unknown): unknown {
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  if (text.length <= 8_000) return raw;
  return `${text.slice(0, 8_000)}… (cut; ${text.length} characters in all)`;
}

/** Words for a 2xx create answer that is not the plain documented shape; null when it is. */
function createdNote(settlement: Extract<Settlement, { status: "pending" }>): string | null {
  if (!settlement.unreadable.length) return null;
  return [
    `TrueScreen answered that it created this certification (so its credits were spent), but Certdesk could not read part of the answer: ${settlement.unreadable.join("; ")}.${settlement.raw === undefined ? "" : " The raw answer is kept in the audit log."}`,
    settlement.reportId
      ? ""
      : "Without a report id Certdesk cannot poll it: TrueScreen's webhook for this certification brings the id; if none comes, find it in the TrueScreen portal.",
  ]
    .filter(Boolean)
    .join(" ");
}

/** Writes the create call's answer and its audit entry together. */
async function settle(actor: MemberActor, id: string, settlement: Settlement): Promise<CreateResult> {
  await tenantDb(actor).$transaction(async (tx) => {
    const data =
      settlement.status === "pending"
        ? {
            status: "pending" as const,
            reportId: settlement.reportId,
            creditsAmount: settlement.creditsAmount,
            // Without a report id there is nothing to poll: TrueScreen's webhook to this certification's own URL
            // brings the id (receive-webhook.ts).
            nextPollAt: settlement.reportId ? new Date(Date.now() + FIRST_POLL_SECONDS * 1000) : null,
            errorCode: null,
            errorDetail: null,
            errorMessage: createdNote(settlement),
          }
        : settlement.status === "error"
          ? {
              status: "error" as const,
              errorCode: settlement.errorCode,
              errorDetail: settlement.errorDetail,
              errorMessage: settlement.errorMessage,
            }
          : { status: "unknown" as const, errorMessage: settlement.errorMessage };
    await tx.certification.update({ where: { id }, data });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action:
          settlement.status === "pending"
            ? "certification.created"
            : settlement.status === "error"
              ? "certification.refused"
              : "certification.outcome_unknown",
        targetType: "certification",
        targetId: id,
        details:
          settlement.status === "pending"
            ? {
                reportId: settlement.reportId,
                credits: settlement.creditsAmount,
                // The answer is kept here, as TrueScreen sent it, when part of it could not be read. A sandbox
                // host's answer is not echoed into the audit log (no remote body reaches the user).
                ...(settlement.unreadable.length
                  ? {
                      unreadable: settlement.unreadable,
                      ...(settlement.raw === undefined ? {} : { rawAnswer: keptRaw(settlement.raw) }),
                    }
                  : {}),
              }
            : settlement.status === "error"
              ? { code: settlement.errorCode }
              : {},
      },
      tx,
    );
  });
  return {
    id,
    status: settlement.status,
    ...(settlement.status === "pending" ? {} : { message: settlement.errorMessage }),
  };
}

async function saveIntent(
  actor: MemberActor,
  data: {
    title: string;
    mode: "hash" | "file";
    status: "creating" | "uploading";
    generatePdfReport: boolean;
    metadata: Record<string, string>;
    files: Array<{ fileName: string; sha256?: string; size?: number; mimeType?: string }>;
  },
): Promise<string> {
  return tenantDb(actor).$transaction(async (tx) => {
    const created = await tx.certification.create({
      data: {
        title: data.title,
        mode: data.mode,
        status: data.status,
        generatePdfReport: data.generatePdfReport,
        metadata: data.metadata,
        fileCount: data.files.length,
        createdById: actor.actorId,
        createdByEmail: actor.actorEmail,
      } as never,
      select: { id: true },
    });
    // Prisma rebuilds a JSON input object key by key, which drops an own "__proto__" key (a metadata key like any
    // other here): the column is written again from the JSON text, which keeps every key.
    await tx.$executeRaw`update "Certification" set metadata = ${JSON.stringify(data.metadata)}::jsonb
      where id = ${created.id}::uuid and "tenantId" = ${actor.tenantId}::uuid`;
    await tx.certificationFile.createMany({
      data: data.files.map((file, position) => ({
        certificationId: created.id,
        position,
        fileName: file.fileName,
        sha256: file.sha256 ?? null,
        size: file.size === undefined ? null : BigInt(file.size),
        mimeType: file.mimeType || null,
      })) as never,
    });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: data.mode === "hash" ? "certification.requested" : "certification.upload_started",
        targetType: "certification",
        targetId: created.id,
        details: { title: data.title, mode: data.mode, files: data.files.length },
      },
      tx,
    );
    return created.id;
  });
}

/** Hash mode: saves the certification with its names and hashes, then asks TrueScreen to certify the hashes. */
export async function certifyHashes(
  actor: MemberActor,
  input: z.output<typeof hashCertificationInput>,
): Promise<CreateResult> {
  const truescreen = await tenantTrueScreen(actor);
  const id = await saveIntent(actor, {
    title: input.title,
    mode: "hash",
    status: "creating",
    generatePdfReport: input.generatePdfReport,
    metadata: input.metadata,
    files: input.files.map((file) => ({ fileName: file.name, sha256: file.sha256 })),
  });
  const settlement = await callCreate(truescreen.environment, () =>
    createHashCertification(truescreen.account, {
      title: input.title,
      files: input.files.map((file) => ({ file_name: file.name, hash: file.sha256 })),
      webhook_url: truescreen.webhookUrlFor(id),
      generate_pdf_report: input.generatePdfReport,
      ...(Object.keys(input.metadata).length ? { metadata: input.metadata } : {}),
    }),
  );
  return settle(actor, id, settlement);
}

export interface UploadTarget {
  position: number;
  url: string;
}

async function register(
  truescreen: TenantTrueScreen,
  files: Array<{ fileName: string; lastModified?: number | null }>,
) {
  const now = Date.now();
  let slots;
  try {
    slots = await registerUploads(
      truescreen.account,
      files.map((file) => ({
        file_name: file.fileName,
        // The file's own date goes into jsonData when the browser knows it and it is not in the future.
        ...(file.lastModified && file.lastModified <= now
          ? { creation_datetime: new Date(file.lastModified).toISOString() }
          : {}),
      })),
    );
  } catch (error) {
    if (error instanceof TrueScreenProblem) throw new UserFacingError(error.message);
    if (error instanceof NotSentError)
      throw new UserFacingError("TrueScreen could not be reached. Nothing was spent; try again in a moment.");
    throw new UserFacingError(
      "TrueScreen did not answer the upload registration. Nothing was spent; try again in a moment.",
    );
  }
  const token = slots[0]!.upload_session_token;
  if (slots.some((slot) => slot.upload_session_token !== token))
    throw new Error("TrueScreen returned several upload session tokens for one registration.");
  for (const slot of slots) checkServiceUrl(slot.upload_url, truescreen);
  return { token, targets: slots.map((slot, position) => ({ position, url: slot.upload_url })) };
}

/**
 * Upload mode, step 1: saves the certification (status `uploading`, nothing spent) and registers its files. The
 * browser PUTs each file to its URL; no byte passes through Certdesk.
 */
export async function startFileCertification(
  actor: MemberActor,
  input: z.output<typeof fileCertificationInput>,
): Promise<{ id: string; targets: UploadTarget[] }> {
  const truescreen = await tenantTrueScreen(actor);
  const registration = await register(
    truescreen,
    input.files.map((file) => ({ fileName: file.name, lastModified: file.lastModified })),
  );
  const id = await saveIntent(actor, {
    title: input.title,
    mode: "file",
    status: "uploading",
    generatePdfReport: input.generatePdfReport,
    metadata: input.metadata,
    files: input.files.map((file) => ({ fileName: file.name, size: file.size, mimeType: file.type })),
  });
  await tenantDb(actor).certification.update({
    where: { id },
    data: { uploadSessionToken: registration.token, uploadAttempts: 1 },
  });
  return { id, targets: registration.targets };
}

/** This tenant's certification with its files in order; another tenant's id is "does not exist", like a missing one. */
async function certificationWithFiles(actor: MemberActor, id: string) {
  const certification = isUuid(id)
    ? await tenantDb(actor).certification.findFirst({
        where: { id },
        include: { files: { orderBy: { position: "asc" } } },
      })
    : null;
  if (!certification) throw new UserFacingError("That certification does not exist.", "not_found");
  return certification;
}

async function uploadingCertification(actor: MemberActor, id: string) {
  const certification = await certificationWithFiles(actor, id);
  if (certification.mode !== "file" || certification.status !== "uploading")
    throw new UserFacingError("This certification is no longer waiting for uploads.", "conflict");
  return certification;
}

/** Upload mode, after an expired URL or a failed upload: registers the whole batch again for fresh URLs. */
export async function registerAgain(
  actor: MemberActor,
  id: string,
  lastModified: Array<number | null> = [],
): Promise<{ id: string; targets: UploadTarget[] }> {
  const certification = await uploadingCertification(actor, id);
  if (certification.uploadAttempts >= MAX_UPLOAD_ATTEMPTS)
    throw new UserFacingError(
      `The upload failed ${MAX_UPLOAD_ATTEMPTS} times. Check the network and start the certification again.`,
    );
  const truescreen = await tenantTrueScreen(actor);
  const registration = await register(
    truescreen,
    certification.files.map((file) => ({
      fileName: file.fileName,
      lastModified: lastModified[file.position],
    })),
  );
  const updated = await tenantDb(actor).certification.updateMany({
    where: { id, status: "uploading" },
    data: { uploadSessionToken: registration.token, uploadAttempts: { increment: 1 } },
  });
  if (updated.count !== 1)
    throw new UserFacingError("This certification is no longer waiting for uploads.", "conflict");
  return { id, targets: registration.targets };
}

/** Upload mode, last step: every file is uploaded; create the certification (this spends the credits). */
export async function certifyUploadedFiles(actor: MemberActor, id: string): Promise<CreateResult> {
  const certification = await uploadingCertification(actor, id);
  const truescreen = await tenantTrueScreen(actor);
  // Only one request may move it from uploading to creating: a double submit cannot create it twice.
  const moved = await tenantDb(actor).certification.updateMany({
    where: { id, status: "uploading" },
    data: { status: "creating" },
  });
  if (moved.count !== 1)
    throw new UserFacingError("This certification is no longer waiting for uploads.", "conflict");
  const settlement = await callCreate(truescreen.environment, () =>
    createFileCertification(truescreen.account, {
      title: certification.title,
      upload_session_token: certification.uploadSessionToken!,
      webhook_url: truescreen.webhookUrlFor(id),
      generate_pdf_report: certification.generatePdfReport,
      ...(Object.keys(certification.metadata as object).length
        ? { metadata: certification.metadata as Record<string, string> }
        : {}),
    }),
  );
  return settle(actor, id, settlement);
}

/** The browser gave up on an upload (cancel, or an error it cannot recover from): nothing was spent. */
export async function abandonUpload(actor: MemberActor, id: string, reason: string): Promise<void> {
  await uploadingCertification(actor, id);
  await tenantDb(actor).$transaction(async (tx) => {
    const updated = await tx.certification.updateMany({
      where: { id, status: "uploading" },
      data: { status: "error", errorMessage: reason.slice(0, 500) },
    });
    if (updated.count !== 1) return;
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "certification.upload_abandoned",
        targetType: "certification",
        targetId: id,
        details: { reason: reason.slice(0, 200) },
      },
      tx,
    );
  });
}

/**
 * A hash certification that failed (TS-014 and the like) or whose create answer was lost (after the user checked the
 * portal) is certified again as a new certification with the same title, hashes, metadata and PDF choice. The user
 * confirms first: this spends credits.
 */
export async function certifyHashesAgain(actor: MemberActor, id: string): Promise<CreateResult> {
  const previous = await certificationWithFiles(actor, id);
  if (previous.mode !== "hash" || !["error", "unknown"].includes(previous.status))
    throw new UserFacingError(
      "Only a hash certification that failed or whose answer was lost can be certified again from here.",
      "conflict",
    );
  const metadata = previous.metadata as Record<string, string>;
  return certifyHashes(
    actor,
    hashCertificationInput.parse({
      title: previous.title,
      generatePdfReport: previous.generatePdfReport,
      metadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      files: previous.files.map((file) => ({ name: file.fileName, sha256: file.sha256 })),
    }),
  );
}
