import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, sha256DigestInfo } from "./digest-info.ts";

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

  it("round-trips base64", () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });
});
