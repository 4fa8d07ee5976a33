// The benchmark's TrustedForm simulator (scripts/bench/api-claims.ts starts it as its own process), so that neither the
// driver's thread nor the API server's serves it. Over IPC it answers the driver: make an account and certificates,
// report this process's CPU time, and count the certificates the simulator recorded as claimed more than once.
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";

type Message =
  | { id: number; op: "account"; balance: number }
  | { id: number; op: "certificates"; count: number; pageText: string }
  | { id: number; op: "cpu" }
  | { id: number; op: "duplicates"; certIds: string[] };

const sandbox = new TrustedFormSandbox({ port: 0, dataDir: null });
await sandbox.start();

async function answer(message: Message): Promise<unknown> {
  switch (message.op) {
    case "account":
      return sandbox.createAccount({ balance: message.balance });
    case "certificates":
      return Array.from({ length: message.count }, () => {
        const { cert_id, cert_url } = sandbox.createCertificate({ page_text: message.pageText });
        return { cert_id, cert_url };
      });
    case "cpu":
      return process.cpuUsage();
    case "duplicates": {
      let duplicates = 0;
      for (const certId of message.certIds) {
        const record = (await (await sandbox.app.request(`/sandbox/certificates/${certId}`)).json()) as {
          claims?: unknown[];
        };
        if ((record.claims?.length ?? 0) > 1) duplicates += 1;
      }
      return duplicates;
    }
  }
}

process.on("message", (message: Message) => {
  answer(message).then(
    (result) => process.send!({ id: message.id, result }),
    (error: unknown) => process.send!({ id: message.id, error: String(error) }),
  );
});
process.on("disconnect", () => {
  void sandbox.stop().then(() => process.exit(0));
});
process.send!({ ready: sandbox.baseUrl });
