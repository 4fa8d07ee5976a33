import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import { getConnections, type SecretsByEnvironment } from "@/lib/connections/get-connections";
import type { SecretDescription } from "@/lib/secrets/tenant-secret";
import { ConnectionCard, type SecretSummary } from "@/components/connections/connection-card";
import { PageHeader } from "@/components/ui/page-header";
import {
  removeSecretAction,
  saveSecretAction,
  testConnectionAction,
  updateConnectionAction,
} from "./actions";

export const metadata: Metadata = { title: "Connections" };

// Only what the page may show: the last four characters, who set it and when.
const summary = (secret: SecretDescription | null): SecretSummary | null =>
  secret ? { last4: secret.last4, setByEmail: secret.setByEmail, setAt: secret.setAt.toISOString() } : null;
const summaries = (secrets: SecretsByEnvironment | null) => ({
  production: summary(secrets?.production ?? null),
  sandbox: summary(secrets?.sandbox ?? null),
});

const actions = {
  saveSecret: saveSecretAction,
  removeSecret: removeSecretAction,
  updateConnection: updateConnectionAction,
  testConnection: testConnectionAction,
};

export default async function ConnectionsPage() {
  const member = await requirePageMember("admin");
  const { truescreen, trustedform } = await getConnections(member.context);
  return (
    <>
      <PageHeader
        title="Connections"
        description="The TrueScreen and TrustedForm accounts this tenant uses. Each environment has its own keys: a production key is never sent to a sandbox. Keys are stored encrypted and never shown again after saving."
      />
      <div className="space-y-6">
        <ConnectionCard
          service="truescreen"
          title="TrueScreen"
          description="Certifies evidence. The API key comes from the TrueScreen portal; the webhook signing secret (whsec_…) from its webhook settings."
          environment={truescreen.environment}
          productionUrl={truescreen.productionUrl}
          sandboxOrigin={truescreen.sandboxOrigin}
          sandboxOrigins={truescreen.sandboxOrigins}
          webhookUrl={truescreen.webhookUrl}
          testHelp="Calls GET /v1/credits and shows the balance. Spends nothing."
          secrets={[
            {
              purpose: "truescreen.api_key",
              label: "TrueScreen API key",
              hint: "Paste the API key",
              current: summaries(truescreen.apiKey),
            },
            {
              purpose: "truescreen.webhook_secret",
              label: "Webhook signing secret",
              hint: "whsec_…",
              current: summaries(truescreen.webhookSecret),
            },
          ]}
          actions={actions}
        />
        <ConnectionCard
          service="trustedform"
          title="TrustedForm"
          description="Claims lead certificates. The API key is on the Settings tab of the TrustedForm app."
          environment={trustedform.environment}
          productionUrl={trustedform.productionUrl}
          sandboxOrigin={trustedform.sandboxOrigin}
          sandboxOrigins={trustedform.sandboxOrigins}
          webhookUrl={null}
          testHelp="Looks up a certificate that cannot exist: the key is checked, nothing is claimed or billed."
          secrets={[
            {
              purpose: "trustedform.api_key",
              label: "TrustedForm API key",
              hint: "Paste the API key",
              current: summaries(trustedform.apiKey),
            },
          ]}
          actions={actions}
        />
      </div>
    </>
  );
}
