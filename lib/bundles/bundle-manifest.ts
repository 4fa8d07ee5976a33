// The frame of every bundle's manifest.json: what it is, when and by whom it was made, and each file's path, SHA-256
// and size (also in SHA256SUMS); the certifications and claims it holds follow under their own keys.
import { auditActor } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import type { BundleEntry, BundleFile } from "./zip-bundle";

export function bundleManifest(
  ctx: TenantContext,
  kind: "certification" | "claim" | "case",
  createdAt: Date,
  files: BundleFile[],
  missing: BundleEntry[],
) {
  return {
    format: "certdesk-evidence-bundle",
    version: 1,
    kind,
    createdAt: createdAt.toISOString(),
    createdBy: ctx.actor.kind === "system" ? `certdesk ${ctx.actor.name}` : auditActor(ctx.actor).actorEmail,
    tenantId: ctx.tenantId,
    note: "manifest.json, VERIFY.md and SHA256SUMS are not listed in files; SHA256SUMS covers the first two.",
    files,
    missingFromEvidenceStorage: missing.map((entry) => entry.path),
  };
}
