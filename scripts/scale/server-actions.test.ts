import { describe, expect, it } from "vitest";
import { findServerAction, pageUrl, parseActionAnswer } from "./server-actions";

const manifest = {
  node: {
    "40aa": {
      workers: { "app/(dashboard)/claims/bulk/page": { moduleId: 1, async: true } },
      filename: "app/(dashboard)/claims/bulk/actions.ts",
      exportedName: "checkBatchAction",
    },
    "40bb": {
      workers: {
        "app/(dashboard)/certifications/[id]/page": { moduleId: 2, async: true },
        "app/(dashboard)/certifications/new/page": { moduleId: 3, async: true },
      },
      filename: "app/(dashboard)/certifications/actions.ts",
      exportedName: "certifyHashesAction",
    },
    "40cc": { workers: {}, filename: "app/x/actions.ts", exportedName: "orphan" },
  },
};

describe("findServerAction", () => {
  it("finds the action's id and the page the browser posts it to", () => {
    expect(findServerAction(manifest, "app/(dashboard)/claims/bulk/actions.ts", "checkBatchAction")).toEqual({
      id: "40aa",
      page: "/claims/bulk",
    });
  });

  it("skips pages with dynamic segments and fails on unknown or page-less actions", () => {
    expect(
      findServerAction(manifest, "app/(dashboard)/certifications/actions.ts", "certifyHashesAction"),
    ).toEqual({
      id: "40bb",
      page: "/certifications/new",
    });
    const dynamicOnly = {
      node: {
        "40dd": { workers: { "app/(dashboard)/claims/[id]/page": {} }, filename: "f.ts", exportedName: "d" },
      },
    };
    expect(() => findServerAction(dynamicOnly, "f.ts", "d")).toThrow(/dynamic segments/);
    expect(() => findServerAction(manifest, "app/x/actions.ts", "orphan")).toThrow(/no page/);
    expect(() => findServerAction(manifest, "app/x/actions.ts", "missing")).toThrow(/npm run build/);
    expect(() => findServerAction({}, "a", "b")).toThrow(/npm run build/);
  });
});

describe("pageUrl", () => {
  it("leaves route groups out of the URL", () => {
    expect(pageUrl("app/(dashboard)/claims/bulk/page")).toBe("/claims/bulk");
    expect(pageUrl("app/(dashboard)/page")).toBe("/");
  });
});

describe("parseActionAnswer", () => {
  it("reads the result from the row that row 0 points at", () => {
    const text = '0:{"a":"$@1","f":"","b":"build-id"}\n1:{"ok":true,"data":{"batchId":"b-1"}}\n';
    expect(parseActionAnswer(text)).toEqual({ ok: true, data: { batchId: "b-1" } });
  });

  it("reads a result inlined in row 0", () => {
    expect(parseActionAnswer('0:{"a":{"ok":false,"error":"No."},"f":"","b":"x"}\n')).toEqual({
      ok: false,
      error: "No.",
    });
  });

  it("fails on an answer that is not an action's (an HTML error page, a missing row)", () => {
    expect(() => parseActionAnswer("<!doctype html><h1>502 Bad Gateway</h1>")).toThrow(/Not a server action/);
    expect(() => parseActionAnswer('0:{"a":"$@2","f":""}\n1:{}')).toThrow(/no row 2/);
    expect(() => parseActionAnswer('0:{"f":""}')).toThrow(/no result/);
  });
});
