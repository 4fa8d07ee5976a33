import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import { getClaimSettings } from "@/lib/claims/get-claim-settings";
import { listScanPolicies } from "@/lib/claims/list-scan-policies";
import { formatTermsText } from "@/lib/claims/scan-terms";
import { getTrustedFormApiVersion } from "@/lib/claims/v4/get-trustedform-api-version";
import { EMPTY_POLICY_V4 } from "@/lib/claims/v4/policy-v4-input";
import { ApiVersionSetting } from "@/components/policies/api-version-setting";
import { ConcurrencySetting, PolicyEditor, RawContactToggle } from "@/components/policies/policy-editor";
import { PageHeader } from "@/components/ui/page-header";
import {
  deletePolicyAction,
  savePolicyAction,
  setApiVersionAction,
  setConcurrencyAction,
  setRawContactAction,
} from "./actions";

export const metadata: Metadata = { title: "Claim policies" };

export default async function PoliciesPage() {
  const member = await requirePageMember("admin");
  const [policies, settings, apiVersion] = await Promise.all([
    listScanPolicies(member),
    getClaimSettings(member),
    getTrustedFormApiVersion(member),
  ]);
  return (
    <>
      <PageHeader
        title="Claim policies"
        description="What a claim asks TrustedForm: consent language to require or forbid on the lead's page, and with API 4.0 Insights, Verify and the rules that give each claim a verdict."
      />
      <div className="space-y-6">
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="mb-3 text-base font-semibold">Claim settings</h2>
          <div className="space-y-5">
            <ApiVersionSetting initial={apiVersion} update={setApiVersionAction} />
            <RawContactToggle initial={settings.sendRawContact} update={setRawContactAction} />
            <ConcurrencySetting initial={settings.concurrency} update={setConcurrencyAction} />
          </div>
        </section>
        {policies.map((policy) => (
          <section
            key={policy.id}
            className="rounded-lg border border-slate-200 bg-white p-5"
            aria-label={`Policy ${policy.name}`}
          >
            <PolicyEditor
              draft={{
                id: policy.id,
                name: policy.name,
                requiredText: formatTermsText(policy.required),
                forbiddenText: formatTermsText(policy.forbidden),
                scanDelimiter: policy.scanDelimiter ?? "",
                isDefault: policy.isDefault,
                v4: policy.v4Draft,
              }}
              save={savePolicyAction}
              remove={deletePolicyAction}
            />
          </section>
        ))}
        <section
          className="rounded-lg border border-dashed border-slate-300 bg-white p-5"
          aria-label="New policy"
        >
          <h2 className="mb-3 text-base font-semibold">New policy</h2>
          <PolicyEditor
            draft={{
              name: "",
              requiredText: "",
              forbiddenText: "",
              scanDelimiter: "",
              isDefault: policies.length === 0,
              v4: EMPTY_POLICY_V4,
            }}
            save={savePolicyAction}
          />
        </section>
      </div>
    </>
  );
}
