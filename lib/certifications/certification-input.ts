// What a member sends to certify: the title, the PDF choice, metadata rows and the files (names with SHA-256 digests
// in hash mode; names, sizes and types in upload mode). One schema per mode, shared by the actions that parse the
// form and the verbs that take the parsed result.
import { z } from "zod";

export const MAX_FILES = 1000;

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
