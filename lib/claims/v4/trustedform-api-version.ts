// Which TrustedForm API a tenant's claims speak: "3.0" (the claiming API existing integrations use) or "4.0"
// (Retain, lead matching, Insights, Verify). New tenants, the demo tenant included, start on 4.0; tenants that existed
// before 4.0 support keep 3.0 until an admin switches (the migration sets it).
import type { TrustedFormApiVersion as Stored } from "@/generated/prisma/enums";

export const API_VERSIONS = ["3.0", "4.0"] as const;
export type TrustedFormApiVersion = (typeof API_VERSIONS)[number];

export function apiVersionOf(stored: Stored): TrustedFormApiVersion {
  return stored === "v4_0" ? "4.0" : "3.0";
}

export function storedApiVersion(version: TrustedFormApiVersion): Stored {
  return version === "4.0" ? "v4_0" : "v3_0";
}
