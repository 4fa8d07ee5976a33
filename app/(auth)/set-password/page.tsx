import { redirect } from "next/navigation";

export const dynamic = "force-dynamic";

/** Set-password links issued before invitations existed carry the same token: they open the invitation. */
export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  redirect(`/invite?token=${encodeURIComponent(token)}`);
}
