import { cableIdSchema } from "@catv/contracts";
import { describe, expect, it } from "vitest";
import { checkCharacter, generateCableId, isValidCableId } from "./cable-id.ts";

describe("cable IDs", () => {
  it("match the contract's format", () => {
    for (let i = 0; i < 50; i++) expect(cableIdSchema.safeParse(generateCableId()).success).toBe(true);
  });
  it("carry a check character that catches a single mistyped character", () => {
    const id = generateCableId();
    const raw = id.replaceAll("-", "");
    const wrong = (raw[0] === "A" ? "B" : "A") + raw.slice(1);
    expect(isValidCableId(id)).toBe(true);
    expect(isValidCableId(wrong.match(/.{4}/g)?.join("-") ?? "")).toBe(false);
  });
  it("compute ISO 7064 MOD 37,36 check characters deterministically", () => {
    expect(checkCharacter("000000000000000")).toBe(checkCharacter("000000000000000"));
    expect(checkCharacter("ABC")).not.toBe(checkCharacter("ACB"));
  });
});
