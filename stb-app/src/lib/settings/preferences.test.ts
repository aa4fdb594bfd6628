import { describe, expect, it } from "vitest";
import { nextLanguage, nextTextSize, parsePreferences } from "./preferences.ts";

describe("preferences", () => {
  it("falls back to Japanese and standard text for stored junk", () => {
    expect(parsePreferences({ language: "fr", textSize: 9 })).toEqual({
      language: "ja",
      textSize: "standard",
    });
  });

  it("cycles text size and language", () => {
    expect(nextTextSize("largest")).toBe("standard");
    expect(nextLanguage("ja")).toBe("en");
  });
});
