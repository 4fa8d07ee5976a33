"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { displayText } from "@/lib/text/display-name";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export function MemberControls(props: {
  membershipId: string;
  email: string;
  role: string;
  assignableRoles: string[];
  canManage: boolean;
  changeRole: (input: { membershipId: string; role: string }) => Promise<Result<void>>;
  remove: (input: { membershipId: string }) => Promise<Result<void>>;
  /** Names of the live API tokens this member created: they stay active after a removal. */
  tokensCreated?: string[];
}) {
  const router = useRouter();
  const [role, setRole] = useState(props.role);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  const run = (work: () => Promise<void>) => startTransition(work);

  if (!props.canManage) {
    return (
      <p className="text-sm text-slate-600">
        Your role cannot change this member. Only an owner can manage owners.
      </p>
    );
  }
  return (
    <div className="space-y-5">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="role" className="block text-sm font-medium text-slate-800">
            Role
          </label>
          <select
            id="role"
            value={role}
            disabled={!hydrated}
            onChange={(e) => setRole(e.target.value)}
            className={`mt-1.5 ${inputClass}`}
          >
            {props.assignableRoles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <Button
          disabled={pending || role === props.role}
          onClick={() =>
            run(async () => {
              const result = await props.changeRole({ membershipId: props.membershipId, role });
              setMessage(
                result.ok
                  ? { tone: "success", text: `${displayText(props.email)} is now ${role}.` }
                  : { tone: "error", text: result.error },
              );
              router.refresh();
            })
          }
        >
          Save role
        </Button>
      </div>
      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-5">
        <ConfirmButton
          label="Remove from tenant"
          title={`Remove ${displayText(props.email)}?`}
          confirmLabel="Remove member"
          disabled={pending}
          onConfirm={() =>
            run(async () => {
              const result = await props.remove({ membershipId: props.membershipId });
              if (result.ok) {
                router.push("/settings/members");
                router.refresh();
              } else setMessage({ tone: "error", text: result.error });
            })
          }
        >
          They lose access to this tenant at once. Their work and the audit log stay.
          {props.tokensCreated?.length
            ? ` The ${props.tokensCreated.length === 1 ? "API token" : `${props.tokensCreated.length} API tokens`} they created (${props.tokensCreated.map(displayText).join(", ")}) stay active: they belong to the tenant.`
            : ""}
        </ConfirmButton>
      </div>
    </div>
  );
}
