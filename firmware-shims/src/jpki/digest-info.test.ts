import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { digestInfoOf, sha256DigestInfo } from "./digest-info.ts";

describe("DigestInfo", () => {
  it("wraps the SHA-256 of the data after the RFC 8017 prefix (51 bytes)", async () => {
    const data = new TextEncoder().encode("CATV-PF\nlogin");
    const info = await sha256DigestInfo(data);
    expect(info).toHaveLength(51);
    expect(Buffer.from(info.subarray(0, 19)).toString("hex")).toBe("3031300d060960864801650304020105000420");
    expect(Buffer.from(info.subarray(19)).toString("hex")).toBe(
      createHash("sha256").update(data).digest("hex"),
    );
  });

  it("refuses a digest that is not 32 bytes", () => {
    expect(() => digestInfoOf(new Uint8Array(20))).toThrow(RangeError);
  });
});
