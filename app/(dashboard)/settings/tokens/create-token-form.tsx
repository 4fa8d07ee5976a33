"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ShownOnce } from "@/components/ui/shown-once";

type Created = { name: string; token: string; scopes: string[] };
type CreateResult = { ok: true; data: Created } | { ok: false; error: string };

/** Name, preset or scopes; the new token is shown once, with a copy button. */
export function CreateTokenForm({
  scopes,
  presets,
  createToken,
}: {
  scopes: Array<{ scope: string; description: string }>;
  presets: Array<{ id: string; label: string; scopes: readonly string[] }>;
  createToken: (input: { name: string; scopes: string[] }) => Promise<CreateResult>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [chosen, setChosen] = useState<string[]>(presets[0]?.scopes.filter((s) => has(s)) ?? []);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  function has(scope: string) {
    return scopes.some((s) => s.scope === scope);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const name = String(new FormData(element).get("name") ?? "");
    setPending(true);
    setError(null);
    setCreated(null);
    const result = await createToken({ name, scopes: chosen });
    setPending(false);
    if (!result.ok) return setError(result.error);
    setCreated(result.data);
    element.reset();
    router.refresh();
  }

  return (
    <section aria-labelledby="create-token" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="create-token" className="text-base font-semibold text-slate-900">
        Create a token
      </h2>
      <form onSubmit={submit} method="post" className="mt-4 space-y-4">
        <div className="max-w-md">
          <label htmlFor="token-name" className="block text-sm font-medium text-slate-800">
            Name
          </label>
          <input
            id="token-name"
            name="name"
            required
            maxLength={80}
            placeholder="Lead intake"
            className={`mt-1.5 ${inputClass}`}
          />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Preset</legend>
          <div className="mt-1.5 flex flex-wrap gap-2">
            {presets.map((preset) => (
              <Button
                key={preset.id}
                type="button"
                variant="secondary"
                onClick={() => setChosen(preset.scopes.filter(has))}
              >
                {preset.label}
              </Button>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <ul className="mt-1.5 space-y-1.5">
            {scopes.map(({ scope, description }) => (
              <li key={scope}>
                <label className="flex items-start gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    className="mt-0.5"
                    checked={chosen.includes(scope)}
                    onChange={(event) =>
                      setChosen((now) =>
                        event.target.checked ? [...now, scope] : now.filter((s) => s !== scope),
                      )
                    }
                  />
                  <span>
                    <code className="font-mono text-slate-900">{scope}</code>: {description}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <Button type="submit" disabled={pending || !hydrated}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      <div className="mt-4 space-y-3">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {created ? (
          <ShownOnce
            title={`Copy the token “${created.name}” now.`}
            note="Certdesk keeps only its hash and cannot show it again. Send it as Authorization: Bearer <token>."
            value={created.token}
            label="New token"
            testId="new-token"
          />
        ) : null}
      </div>
    </section>
  );
}
