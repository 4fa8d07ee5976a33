"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/app/_auth/run-action";
import { creditsThresholdInput, noticePreferencesInput } from "@/lib/notices/notice-preferences-input";
import { saveNoticePreferences } from "@/lib/notices/save-notice-preferences";
import { setCreditsThreshold } from "@/lib/notices/set-credits-threshold";

export async function saveNoticePreferencesAction(input: unknown) {
  const result = await runAction("viewer", noticePreferencesInput, input, (ctx, data) =>
    saveNoticePreferences(ctx, data),
  );
  revalidatePath("/settings/notices");
  return result;
}

export async function setCreditsThresholdAction(input: unknown) {
  const result = await runAction("admin", creditsThresholdInput, input, async (ctx, data) => {
    await setCreditsThreshold(ctx, data.threshold);
    return data.threshold;
  });
  revalidatePath("/settings/notices");
  return result;
}
