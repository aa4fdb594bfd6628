import { describe, expect, it } from "vitest";
import { registrationCallKeyHash } from "./limit-registration-calls.ts";

describe("registrationCallKeyHash", () => {
  it("keys an address by a SHA-256, never the address in clear", () => {
    const hash = registrationCallKeyHash({ kind: "address", address: "192.0.2.10" });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain("192.0.2.10");
  });

  it("keys an address and a page session apart though their values are the same", () => {
    expect(registrationCallKeyHash({ kind: "address", address: "x" })).not.toBe(
      registrationCallKeyHash({ kind: "page-session", idHash: "x" }),
    );
  });
});
