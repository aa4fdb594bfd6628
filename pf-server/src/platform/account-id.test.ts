import { accountIdSchema } from "@catv/contracts";
import { describe, expect, it } from "vitest";
import { checkCharacter, generateAccountId, isValidAccountId } from "./account-id.ts";

describe("account IDs (cable IDs, 共通的PFIDs)", () => {
  it("match the contract's format", () => {
    for (let i = 0; i < 50; i++) expect(accountIdSchema.safeParse(generateAccountId()).success).toBe(true);
  });
  it("carry a check character that catches a single mistyped character", () => {
    const id = generateAccountId();
    const raw = id.replaceAll("-", "");
    const wrong = (raw[0] === "A" ? "B" : "A") + raw.slice(1);
    expect(isValidAccountId(id)).toBe(true);
    expect(isValidAccountId(wrong.match(/.{4}/g)?.join("-") ?? "")).toBe(false);
  });
  it("compute ISO 7064 MOD 37,36 check characters deterministically", () => {
    expect(checkCharacter("000000000000000")).toBe(checkCharacter("000000000000000"));
    expect(checkCharacter("ABC")).not.toBe(checkCharacter("ACB"));
  });
});
