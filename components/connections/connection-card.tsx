"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formatDateTime } from "@/lib/text/format-date";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export interface SecretSummary {
  last4: string;
  setByEmail: string | null;
  setAt: string;
}

type Environment = "production" | "sandbox";
const ENVIRONMENT_WORDS: Record<Environment, string> = { production: "production", sandbox: "the sandbox" };
const otherOf = (environment: Environment): Environment =>
  environment === "production" ? "sandbox" : "production";

export interface ConnectionCardProps {
  service: "truescreen" | "trustedform";
  title: string;
  description: string;
  /** The saved environment: the one calls use, and whose keys the fields below manage. */
  environment: Environment;
  productionUrl: string;
  /** The sandbox origin the connection uses on the sandbox environment (null: none chosen). */
  sandboxOrigin: string | null;
  /** The sandboxes this deployment allows: the only choices. */
  sandboxOrigins: string[];
  secrets: Array<{
    purpose: string;
    label: string;
    hint: string;
    current: Record<Environment, SecretSummary | null>;
  }>;
  webhookUrl: string | null;
  testHelp: string;
  actions: {
    saveSecret: (input: {
      purpose: string;
      value: string;
      environment: string;
    }) => Promise<Result<{ replaced: boolean }>>;
    removeSecret: (input: { purpose: string; environment: string }) => Promise<Result<{ removed: boolean }>>;
    updateConnection: (input: {
      service: string;
      environment: string;
      sandboxBaseUrl?: string;
    }) => Promise<Result<null>>;
    testConnection: (input: { service: string }) => Promise<Result<{ ok: boolean; message: string }>>;
  };
}

/** What happens to the keys when the environment is switched: said before the switch is saved. */
function switchNote(props: ConnectionCardProps, target: Environment): string {
  const from = props.environment;
  const apiKey = props.secrets[0]!;
  const waiting = apiKey.current[target];
  return `Switching to ${ENVIRONMENT_WORDS[target]}: the ${from} keys stay with ${from} and are never sent to ${
    target === "sandbox" ? "a sandbox" : "production"
  }. ${
    waiting
      ? `The ${target} ${apiKey.label} saved earlier (••••${waiting.last4}) will be used.`
      : `No ${target} ${apiKey.label} is saved yet: after switching, paste the ${target} key.`
  }`;
}

export function ConnectionCard(props: ConnectionCardProps) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ tone: "error" | "success" | "info"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const [environment, setEnvironment] = useState(props.environment);
  const [sandboxOrigin, setSandboxOrigin] = useState(props.sandboxOrigin ?? props.sandboxOrigins[0] ?? "");
  const headingId = useId();
  const storedNotAllowed =
    props.sandboxOrigin !== null && !props.sandboxOrigins.includes(props.sandboxOrigin);

  const run = (work: () => Promise<void>) => startTransition(work);
  const show = <T,>(result: Result<T>, success: (data: T) => string) =>
    setMessage(
      result.ok ? { tone: "success", text: success(result.data) } : { tone: "error", text: result.error },
    );

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white"
      data-testid={`connection-${props.service}`}
    >
      <div className="border-b border-slate-200 px-5 py-4">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {props.title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{props.description}</p>
      </div>
      <div className="space-y-6 px-5 py-5">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}

        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label
              htmlFor={`${props.service}-environment`}
              className="block text-sm font-medium text-slate-800"
            >
              Environment
            </label>
            <select
              id={`${props.service}-environment`}
              value={environment}
              disabled={!hydrated}
              onChange={(e) => setEnvironment(e.target.value as Environment)}
              className={`mt-1.5 ${inputClass}`}
            >
              <option value="sandbox">Sandbox</option>
              <option value="production">Production</option>
            </select>
          </div>
          <div className="min-w-64 flex-1">
            <label htmlFor={`${props.service}-base-url`} className="block text-sm font-medium text-slate-800">
              Base URL
            </label>
            {environment === "production" ? (
              <input
                id={`${props.service}-base-url`}
                value={props.productionUrl}
                readOnly
                disabled={!hydrated}
                className={`mt-1.5 ${inputClass} bg-slate-50 text-slate-500`}
              />
            ) : (
              <select
                id={`${props.service}-base-url`}
                value={sandboxOrigin}
                disabled={!hydrated || props.sandboxOrigins.length === 0}
                onChange={(e) => setSandboxOrigin(e.target.value)}
                className={`mt-1.5 ${inputClass}`}
              >
                {storedNotAllowed ? (
                  <option value={props.sandboxOrigin!} disabled>
                    {props.sandboxOrigin} (no longer allowed)
                  </option>
                ) : null}
                {props.sandboxOrigins.length === 0 ? (
                  <option value="" disabled>
                    This deployment allows no sandbox
                  </option>
                ) : null}
                {props.sandboxOrigins.map((origin) => (
                  <option key={origin} value={origin}>
                    {origin}
                  </option>
                ))}
              </select>
            )}
          </div>
          <Button
            variant="secondary"
            disabled={
              pending ||
              !hydrated ||
              (environment === "sandbox" && !props.sandboxOrigins.includes(sandboxOrigin)) ||
              (environment === props.environment &&
                (environment === "production" || sandboxOrigin === props.sandboxOrigin))
            }
            onClick={() =>
              run(async () => {
                const result = await props.actions.updateConnection({
                  service: props.service,
                  environment,
                  sandboxBaseUrl: environment === "sandbox" ? sandboxOrigin : undefined,
                });
                show(
                  result,
                  () =>
                    `${props.title} now uses ${environment === "production" ? "production" : `the sandbox at ${sandboxOrigin}`}.`,
                );
                router.refresh();
              })
            }
          >
            Save environment
          </Button>
        </div>
        {environment === "sandbox" ? (
          <p className="-mt-4 text-xs text-slate-500">
            Sandboxes are chosen by the deployment (CERTDESK_SANDBOX_ORIGINS), not typed in.
          </p>
        ) : null}
        {storedNotAllowed && props.environment === "sandbox" ? (
          <p className="text-sm text-amber-800" data-testid={`${props.service}-sandbox-not-allowed`}>
            This connection points at {props.sandboxOrigin}, which this deployment no longer allows: Certdesk
            does not call it. Choose an allowed sandbox or production, then save.
          </p>
        ) : null}
        {environment !== props.environment ? (
          <p className="text-sm text-slate-700" data-testid={`${props.service}-switch-note`}>
            {switchNote(props, environment)}
          </p>
        ) : null}

        <p className="text-sm font-medium text-slate-800" data-testid={`${props.service}-keys-environment`}>
          Keys for {ENVIRONMENT_WORDS[props.environment]}
        </p>
        {props.secrets.map((secret) => (
          <SecretField
            key={secret.purpose}
            secret={secret}
            pending={pending}
            hydrated={hydrated}
            run={run}
            show={show}
            props={props}
            router={router}
          />
        ))}

        {props.webhookUrl ? (
          <div>
            <label
              htmlFor={`${props.service}-webhook-url`}
              className="block text-sm font-medium text-slate-800"
            >
              Webhook URL to paste into TrueScreen&apos;s portal
            </label>
            <input
              id={`${props.service}-webhook-url`}
              readOnly
              value={props.webhookUrl}
              className={`mt-1.5 font-mono text-xs ${inputClass}`}
              onFocus={(e) => e.currentTarget.select()}
            />
            <p className="mt-1 text-xs text-slate-500">
              It names this tenant by an opaque token, not by its id.
            </p>
          </div>
        ) : null}

        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-5">
          <Button
            disabled={pending || !hydrated}
            onClick={() =>
              run(async () => {
                setMessage({ tone: "info", text: `Testing the ${props.title} connection…` });
                const result = await props.actions.testConnection({ service: props.service });
                if (!result.ok) return setMessage({ tone: "error", text: result.error });
                setMessage({ tone: result.data.ok ? "success" : "error", text: result.data.message });
              })
            }
          >
            Test connection
          </Button>
          <p className="text-xs text-slate-500">{props.testHelp}</p>
        </div>
      </div>
    </section>
  );
}

function SecretField({
  secret,
  pending,
  hydrated,
  run,
  show,
  props,
  router,
}: {
  secret: ConnectionCardProps["secrets"][number];
  pending: boolean;
  hydrated: boolean;
  run: (work: () => Promise<void>) => void;
  show: <T>(result: Result<T>, success: (data: T) => string) => void;
  props: ConnectionCardProps;
  router: ReturnType<typeof useRouter>;
}) {
  const form = useRef<HTMLFormElement>(null);
  const confirm = useRef<HTMLDialogElement>(null);
  const inputId = `${secret.purpose.replace(".", "-")}-input`;
  // The fields manage the saved environment's keys; the other environment's key is only described.
  const environment = props.environment;
  const current = secret.current[environment];
  const other = secret.current[otherOf(environment)];

  const save = () =>
    run(async () => {
      const input = form.current?.elements.namedItem("value") as HTMLInputElement | null;
      const result = await props.actions.saveSecret({
        purpose: secret.purpose,
        value: input?.value ?? "",
        environment,
      });
      show(
        result,
        (data) =>
          `${secret.label} for ${ENVIRONMENT_WORDS[environment]} ${data.replaced ? "replaced" : "saved"}. It is stored encrypted; only its last four characters are shown.`,
      );
      if (result.ok) form.current?.reset();
      router.refresh();
    });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (current) confirm.current?.showModal();
    else save();
  }

  return (
    <div>
      <form
        ref={form}
        onSubmit={submit}
        method="post"
        autoComplete="off"
        className="flex flex-wrap items-end gap-3"
      >
        <div className="min-w-64 flex-1">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
            {secret.label}
          </label>
          <input
            id={inputId}
            name="value"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            required
            placeholder={current ? "Enter a new value to replace it" : secret.hint}
            className={`mt-1.5 font-mono ${inputClass}`}
          />
        </div>
        <Button type="submit" disabled={pending || !hydrated}>
          {current ? "Replace" : "Save"}
        </Button>
        {current ? (
          <ConfirmButton
            label="Remove"
            title={`Remove the ${secret.label}?`}
            confirmLabel="Remove"
            disabled={pending || !hydrated}
            onConfirm={() =>
              run(async () => {
                const result = await props.actions.removeSecret({ purpose: secret.purpose, environment });
                show(result, () => `${secret.label} removed.`);
                router.refresh();
              })
            }
          >
            Certdesk stops using it at once. Anything that needs it fails until a new one is saved.
          </ConfirmButton>
        ) : null}
      </form>
      <p className="mt-1.5 text-xs text-slate-600" data-testid={`${secret.purpose}-status`}>
        {current
          ? `Saved: ••••${current.last4}, set by ${current.setByEmail ?? "the system"} on ${formatDateTime(current.setAt)}.`
          : "Not set."}
      </p>
      {other ? (
        <p className="mt-1 text-xs text-slate-600" data-testid={`${secret.purpose}-other-environment`}>
          {current
            ? `A ${otherOf(environment)} key is saved too (••••${other.last4}); it is used only in ${otherOf(environment)}.`
            : `A ${otherOf(environment)} key is saved (••••${other.last4}), but it is never sent to ${environment === "sandbox" ? "a sandbox" : "production"}: paste the ${environment} key here.`}
        </p>
      ) : null}
      <dialog
        ref={confirm}
        aria-label={`Replace the ${secret.label}?`}
        className="m-auto w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="p-6">
          <h3 className="text-base font-semibold text-slate-900">Replace the {secret.label}?</h3>
          <p className="mt-2 text-sm text-slate-600">
            The current {environment} one (ending {current?.last4}) stops being used at once.
          </p>
          <div className="mt-6 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => confirm.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button
              onClick={() => {
                confirm.current?.close();
                save();
              }}
            >
              Replace
            </Button>
          </div>
        </div>
      </dialog>
    </div>
  );
}
