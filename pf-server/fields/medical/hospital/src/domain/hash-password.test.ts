import { describe, expect, it } from "vitest";
import { dummyHash, hashPassword, verifyPassword } from "./hash-password.ts";

const parameters = (hash: string) => hash.split("$").slice(0, 4).join("$");

describe("staff password hashes", () => {
  it("verifies the password a hash was made from, and no other", async () => {
    const hash = await hashPassword("uketsuke-pass", { logN: 10 });
    expect(await verifyPassword("uketsuke-pass", hash)).toBe(true);
    expect(await verifyPassword("uketsuke-pasS", hash)).toBe(false);
  });

  // Two hashes at the stored cost (scrypt N=2^17, 128 MiB each): seconds on a busy machine.
  it("makes the dummy hash an unknown login ID is checked against at the cost staff hashes are stored with", {
    timeout: 60_000,
  }, async () => {
    expect(parameters(await dummyHash())).toBe(parameters(await hashPassword("a staff password")));
    expect(parameters(await dummyHash())).toBe("scrypt$131072$8$1");
  });
});
