// CSV or JSON Lines of the filtered audit log. Admins only; the export itself is audited (lib/audit/export-audit-log).
import { downloadResponse } from "@/app/_auth/download-response";
import { withMember } from "@/app/_auth/with-member";
import { exportAuditLog } from "@/lib/audit/export-audit-log";

export const GET = withMember("admin", async (context, request) =>
  downloadResponse(await exportAuditLog(context, new URL(request.url).searchParams)),
);
