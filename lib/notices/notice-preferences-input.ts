// What the preferences form sends, checked once for the action and the verb.
import { z } from "zod";
import { NOTICE_KIND_NAMES } from "./notice-kinds";

export const noticePreferencesInput = z.object({
  choices: z
    .array(z.object({ kind: z.enum(NOTICE_KIND_NAMES), inApp: z.boolean(), email: z.boolean() }))
    .max(NOTICE_KIND_NAMES.length),
});

export type NoticePreferencesInput = z.infer<typeof noticePreferencesInput>;

export const creditsThresholdInput = z.object({
  // Empty: no credits notices.
  threshold: z
    .union([
      z.literal(""),
      z.coerce.number().int("Whole credits only.").min(1, "At least 1 credit.").max(10_000_000),
    ])
    .transform((value) => (value === "" ? null : value)),
});
