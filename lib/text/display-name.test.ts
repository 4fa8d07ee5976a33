import { describe, expect, it } from "vitest";
import { displayParts, displayText, hasBidiControls } from "./display-name";

const CONTROLS = [
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200E",
  "\u200F",
  "\u061C",
];

describe("displayText", () => {
  it("shows a right-to-left override as a visible escape, so gnp.exe cannot look like exe.png", () => {
    const spoofed = "invoice-gnp\u202Eexe.png";
    expect(displayText(spoofed)).toBe("invoice-gnp⟨U+202E⟩exe.png");
    expect(displayText(spoofed)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
  });

  it("escapes every bidi control, each naming its code point", () => {
    for (const control of CONTROLS) {
      const shown = displayText(`a${control}b`);
      expect(shown).toBe(`a⟨U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩b`);
    }
    expect(displayText(CONTROLS.join(""))).toBe(
      "⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+202E⟩⟨U+2066⟩⟨U+2067⟩⟨U+2068⟩⟨U+2069⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩",
    );
  });

  it("leaves ordinary names alone, right-to-left scripts and emoji included", () => {
    for (const name of ["report.pdf", "שלום.pdf", "تقرير.pdf", "Café – résumé 📄.docx", ""])
      expect(displayText(name)).toBe(name);
  });
});

describe("hasBidiControls", () => {
  it("answers the same on repeated calls (no regex state carried between them)", () => {
    expect(hasBidiControls("x\u202Ey")).toBe(true);
    expect(hasBidiControls("x\u202Ey")).toBe(true);
    expect(hasBidiControls("plain")).toBe(false);
  });
});

describe("displayParts", () => {
  it("cuts the text into plain runs and escaped controls, in order", () => {
    expect(displayParts("\u202Egnp\u2066.exe\u2069")).toEqual([
      { text: "⟨U+202E⟩", control: true },
      { text: "gnp", control: false },
      { text: "⟨U+2066⟩", control: true },
      { text: ".exe", control: false },
      { text: "⟨U+2069⟩", control: true },
    ]);
    expect(displayParts("plain")).toEqual([{ text: "plain", control: false }]);
    // As the component calls them: a check first, then the parts, of the same text.
    expect(hasBidiControls("invoice-gnp\u202Eexe.png")).toBe(true);
    expect(displayParts("invoice-gnp\u202Eexe.png").map((p) => p.text)).toEqual([
      "invoice-gnp",
      "⟨U+202E⟩",
      "exe.png",
    ]);
    expect(displayParts("")).toEqual([]);
  });
});
