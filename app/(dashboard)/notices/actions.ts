"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { markNoticesRead } from "@/lib/notices/mark-notices-read";

const markInput = z.union([z.object({ ids: z.array(z.string().max(64)).min(1).max(500) }), z.literal("all")]);

export async function markNoticesReadAction(input: { ids: string[] } | "all") {
  const result = await runAction("viewer", markInput, input, (ctx, which) => markNoticesRead(ctx, which));
  revalidatePath("/notices");
  return result;
}
