// The tenancy fence is a lint rule (eslint.config.mjs): these tests prove it refuses a new import of the unscoped
// client, raw SQL or a context builder from product code, and lets the allow-listed system modules and the gates
// through. If someone loosens the rule, these fail.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((m) => m.message);
}

const UNSCOPED_IMPORTS = [
  'import { systemDb } from "@/lib/db/client";\nexport const x = systemDb;\n',
  'import { pgPool } from "@/lib/db/pg-connections";\nexport const x = pgPool;\n',
  'import pg from "pg";\nexport const x = pg;\n',
  'import { tenantDb } from "@/lib/db/tenant-scope";\nexport const x = tenantDb;\n',
  'import { openTenantContext } from "@/lib/tenancy/open-tenant-context";\nexport const x = openTenantContext;\n',
];

describe("the tenancy fence", () => {
  it.each([
    "lib/claims/new-verb.ts",
    "lib/review/new-verb.ts",
    "app/(dashboard)/claims/new-page.tsx",
    "components/claims/x.tsx",
  ])("refuses every unscoped import in a new product file (%s)", async (file) => {
    for (const code of UNSCOPED_IMPORTS) {
      const messages = await restrictedImports(code, file);
      expect(messages, code).toHaveLength(1);
      expect(messages[0]).toMatch(/TenantContext|gates/);
    }
  });

  it("still refuses sandbox imports in product files", async () => {
    const messages = await restrictedImports(
      'import { x } from "@/sandbox/trustedform/fingerprint";\nexport const y = x;\n',
      "lib/claims/new-verb.ts",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/never import sandbox/);
  });

  it("lets product files import the scoped client's types (not its builder)", async () => {
    const code =
      'import type { TenantQueries } from "@/lib/db/tenant-scope";\nexport type X = TenantQueries;\n';
    expect(await restrictedImports(code, "lib/claims/new-verb.ts")).toEqual([]);
  });

  it("lets the system modules through, and the gates only to the context builder", async () => {
    for (const code of UNSCOPED_IMPORTS)
      expect(await restrictedImports(code, "lib/auth/sign-in-with-password.ts")).toEqual([]);
    expect(await restrictedImports(UNSCOPED_IMPORTS[4]!, "app/_auth/new-gate.ts")).toEqual([]);
    expect(await restrictedImports(UNSCOPED_IMPORTS[0]!, "app/_auth/new-gate.ts")).toHaveLength(1);
  });

  it("does not apply to tests, which seed and inspect across tenants", async () => {
    expect(await restrictedImports(UNSCOPED_IMPORTS[0]!, "lib/claims/claim-one.int.test.ts")).toEqual([]);
  });
});
