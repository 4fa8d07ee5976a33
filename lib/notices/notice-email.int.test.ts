// Notice emails end to end below the browser: the consumer writes a notice, pg-boss runs the email job as the app
// role, nodemailer hands the message to a real SMTP server started here (smtp-server), which parses what it received.
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import type PgBoss from "pg-boss";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadConfig } from "@/lib/config";
import { systemDb } from "@/lib/db/client";
import { startJobQueues } from "@/lib/jobs/job-queues";
import { runNoticeJobs } from "@/lib/jobs/notice-jobs";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { addUserToTenant, createTenantWithOwner } from "@/scripts/test/factories";
import { createNoticesConsumer } from "./notices-consumer";

interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
}

const received: Received[] = [];
/** How many more messages the server refuses (a 451, as a busy server would) before it accepts. */
let refuseNext = 0;
let server: SMTPServer;
let boss: PgBoss;
const log: string[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refuseNext > 0) {
          refuseNext--;
          const error = new Error("Try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((to) => to.address), mail });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  process.env.CERTDESK_SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.CERTDESK_MAIL_FROM = "Certdesk Notices <notices@certdesk.example>";
  process.env.NEXTAUTH_URL = "https://certdesk.example.com/";
  reloadConfig();
  boss = await startJobQueues(process.env.DATABASE_URL!);
  await runNoticeJobs(boss, { log: (line) => log.push(line) });
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

async function until<T>(find: () => Promise<T | undefined> | T | undefined, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms; worker said: ${log.join(" | ")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function finishBatch(tenantId: string, creator: { id: string; email: string }, fileName: string) {
  const batch = await systemDb.claimBatch.create({
    data: {
      tenantId,
      fileName,
      totalRows: 1,
      acceptedRows: 1,
      concurrency: 1,
      status: "completed",
      createdById: creator.id,
      createdByEmail: creator.email,
    },
  });
  const consumer = createNoticesConsumer(boss);
  const ctx = openTenantContext(tenantId, { kind: "system", name: "events" });
  await ctx.transaction((tx) =>
    consumer.handle(tx, {
      tenantId,
      seq: 500 + Math.floor(Math.random() * 1e6),
      name: "batch.finished",
      action: "claims.batch_completed",
      subject: { type: "claim_batch", id: batch.id },
      at: new Date(),
      details: {},
      actorEmail: null,
    }),
  );
  return batch;
}

describe("notice emails", () => {
  it("reach the recipient through the SMTP server, with the subject and a link to the batch", async () => {
    const { tenant } = await createTenantWithOwner("Acme Compliance");
    const reviewer = await addUserToTenant(tenant.id, "reviewer");
    const fileName = `march-${crypto.randomBytes(3).toString("hex")}.csv`;
    const batch = await finishBatch(tenant.id, reviewer.user, fileName);

    const message = await until(() => received.find((r) => r.envelopeTo.includes(reviewer.user.email)));
    expect(message.mail.to).toMatchObject({ value: [{ address: reviewer.user.email }] });
    expect(message.mail.from?.value[0]).toMatchObject({ address: "notices@certdesk.example" });
    expect(message.mail.subject).toBe(`[Certdesk] Bulk claim "${fileName}" finished`);
    const link = `https://certdesk.example.com/claims/batches/${batch.id}`;
    expect(message.mail.text).toContain(`Open it in Certdesk: ${link}`);
    expect(message.mail.text).toContain("Acme Compliance");
    expect(message.mail.html).toContain(`<a href="${link}">Open it in Certdesk</a>`);
    const emailed = await until(async () => {
      const row = await systemDb.notification.findFirst({ where: { tenantId: tenant.id } });
      return row?.emailedAt ? row : undefined;
    });
    expect(emailed.userId).toBe(reviewer.user.id);
    expect(received.filter((r) => r.envelopeTo.includes(reviewer.user.email))).toHaveLength(1);
  });

  it("are retried when the SMTP server turns them away, and escape what a file name carries", async () => {
    const { tenant } = await createTenantWithOwner();
    const reviewer = await addUserToTenant(tenant.id, "reviewer");
    refuseNext = 1;
    const fileName = `<img src=x onerror=alert(1)>\r\nBcc: victim@example.com.csv`;
    await finishBatch(tenant.id, reviewer.user, fileName);

    const message = await until(() => received.find((r) => r.envelopeTo.includes(reviewer.user.email)));
    expect(refuseNext).toBe(0); // the first attempt was refused; a retry delivered it
    expect(message.envelopeTo).toEqual([reviewer.user.email]);
    expect(message.mail.bcc).toBeUndefined();
    expect(message.mail.html).not.toContain("<img");
    expect(message.mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(log.some((line) => /Try again later/.test(line))).toBe(true);
  });
});
