"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token, minLength }: { token: string; minLength: number }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await resetPasswordAction({
      token,
      password: String(form.get("password") ?? ""),
      confirm: String(form.get("confirm") ?? ""),
    });
    setPending(false);
    if (result.ok) setDone(result.data.email);
    else setError(result.error);
  }

  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="success">Your new password is set. Sign in as {done}.</Alert>
        <Link href="/login" className="text-sm font-medium text-brand-700 hover:underline">
          Go to sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={submit} method="post" className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <FormField
        label="New password"
        id="password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={minLength}
        required
        hint={`At least ${minLength} characters.`}
      />
      <FormField
        label="Repeat the password"
        id="confirm"
        name="confirm"
        type="password"
        autoComplete="new-password"
        minLength={minLength}
        required
      />
      <Button type="submit" className="w-full" disabled={pending || !hydrated}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
